import type { Log, LogFilter } from '@weft/schemas';

/** Whose logs to show: a flow run's (all of its task runs' too) or one task run's. */
export interface LogScope {
  /** The flow run; needed for the live tail (logs are watched per flow run). */
  flowRunId?: string | null;
  /** Only this task run's logs. */
  taskRunId?: string;
}

/** The `logs.list` filter of a scope, a minimum level (0 for all) and a search text ('' for none). */
export function logFilter(scope: LogScope, level: number, text: string): LogFilter {
  const filter: LogFilter = {};
  if (scope.taskRunId) filter.taskRunId = { any: [scope.taskRunId] };
  else if (scope.flowRunId) filter.flowRunId = { any: [scope.flowRunId] };
  if (level > 0) filter.level = { ge: level };
  if (text) filter.text = text;
  return filter;
}

/**
 * Whether a line the live tail receives (every line of the flow run) passes the same filter: the
 * task run, the level, and the text anywhere in the message whatever its case (the server's `ilike`).
 */
export function matchesLogFilter(log: Log, scope: LogScope, level: number, text: string): boolean {
  if (scope.taskRunId && log.taskRunId !== scope.taskRunId) return false;
  if (log.level < level) return false;
  return !text || log.message.toLowerCase().includes(text.toLowerCase());
}
