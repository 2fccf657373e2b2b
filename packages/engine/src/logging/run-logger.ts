import { LOG_LEVELS, type LogLevelName, uuid7 } from '@weft/schemas';
import { findRunContext } from '../context/run-context';
import { MissingContextError } from '../errors';
import type { LogShipper } from './log-shipper';

/** A logger bound to a flow run or task run; what it logs is shipped to the server. */
export interface RunLogger {
  readonly name: string;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warning(message: string, ...args: unknown[]): void;
  /** Same as {@link RunLogger.warning}. */
  warn(message: string, ...args: unknown[]): void;
  error(message: string, ...args: unknown[]): void;
  critical(message: string, ...args: unknown[]): void;
  /** Log at a numeric or named level. */
  log(level: LogLevelName | number, message: string, ...args: unknown[]): void;
}

/** Options of {@link createRunLogger}. @internal */
export interface CreateRunLoggerOptions {
  name: string;
  shipper: LogShipper;
  flowRunId: string | null;
  taskRunId: string | null;
  /** Lowest level shipped and printed. @default WEFT_LOGGING_LEVEL or INFO */
  level?: number;
  /** Also print to stderr. @default WEFT_LOGGING_TO_CONSOLE !== 'false' */
  toConsole?: boolean;
}

function format(message: string, args: unknown[]): string {
  if (args.length === 0) return message;
  const rest = args.map((a) =>
    typeof a === 'string' ? a : a instanceof Error ? (a.stack ?? a.message) : safeJson(a),
  );
  return `${message} ${rest.join(' ')}`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // Cyclic or BigInt values: the string form is good enough for a log line.
    return String(value);
  }
}

function levelFromEnv(): number {
  const name = (process.env.WEFT_LOGGING_LEVEL ?? 'INFO').toUpperCase() as LogLevelName;
  return LOG_LEVELS[name] ?? LOG_LEVELS.INFO;
}

const LEVEL_NAMES = Object.fromEntries(Object.entries(LOG_LEVELS).map(([k, v]) => [v, k])) as Record<
  number,
  string
>;

/** A run logger that ships to `shipper`. @internal */
export function createRunLogger(options: CreateRunLoggerOptions): RunLogger {
  const min = options.level ?? levelFromEnv();
  const toConsole = options.toConsole ?? process.env.WEFT_LOGGING_TO_CONSOLE !== 'false';
  const log = (level: LogLevelName | number, message: string, ...args: unknown[]) => {
    const numeric = typeof level === 'number' ? level : LOG_LEVELS[level];
    if (numeric < min) return;
    const text = format(String(message), args);
    const timestamp = new Date();
    options.shipper.push({
      id: uuid7(timestamp.getTime()),
      name: options.name,
      level: numeric,
      message: text,
      timestamp,
      flowRunId: options.flowRunId,
      taskRunId: options.taskRunId,
    });
    if (toConsole) {
      const label = LEVEL_NAMES[numeric] ?? String(numeric);
      process.stderr.write(
        `${timestamp.toISOString().slice(11, 23)} | ${label.padEnd(7)} | ${options.name} - ${text}\n`,
      );
    }
  };
  return {
    name: options.name,
    log,
    debug: (m, ...a) => log('DEBUG', m, ...a),
    info: (m, ...a) => log('INFO', m, ...a),
    warning: (m, ...a) => log('WARNING', m, ...a),
    warn: (m, ...a) => log('WARNING', m, ...a),
    error: (m, ...a) => log('ERROR', m, ...a),
    critical: (m, ...a) => log('CRITICAL', m, ...a),
  };
}

/**
 * The logger of the current task run, else of the current flow run. Logs go to the server in
 * batches and to stderr. Throws {@link MissingContextError} outside a run.
 * @example
 * const logs = getRunLogger();
 * logs.info(`loaded ${rows.length} rows`);
 */
export function getRunLogger(): RunLogger {
  const context = findRunContext();
  const logger = context?.taskRun?.logger ?? context?.flowRun?.logger;
  if (!logger) throw new MissingContextError('getRunLogger() was called outside a flow run or task run');
  return logger;
}
