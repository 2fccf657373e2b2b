import type { FlowRun, Log, State, TaskRun } from '@weft/schemas';
import { LOG_LEVELS } from '@weft/schemas';
import type { CliContext } from '../context';
import { renderDetails } from './details';
import { type Color, formatDuration, formatRelativeTime, formatTimestamp, paint, stateColor } from './format';
import { type Column, renderTable } from './table';

type AnyRun = Pick<FlowRun | TaskRun, 'stateType' | 'stateName' | 'startTime' | 'expectedStartTime'>;

/** `COMPLETED` or `SCHEDULED (Late)` when the name says more than the type. */
export function stateLabel(run: { stateType: string | null; stateName: string | null }): string {
  if (!run.stateType) return '-';
  const plain = run.stateType.charAt(0) + run.stateType.slice(1).toLowerCase();
  return run.stateName && run.stateName !== plain ? `${run.stateType} (${run.stateName})` : run.stateType;
}

const stateColumn = <T extends AnyRun>(): Column<T> => ({
  header: 'STATE',
  value: stateLabel,
  color: (run) => stateColor(run.stateType),
});

const startedColumn = <T extends AnyRun>(now: Date): Column<T> => ({
  header: 'STARTED',
  optional: true,
  value: (run) => formatRelativeTime(run.startTime ?? run.expectedStartTime, now),
});

/** The flow-run table for people. */
export function flowRunTable(runs: readonly FlowRun[], ctx: CliContext): string {
  const now = ctx.now();
  return renderTable(
    runs,
    [
      { header: 'ID', value: (run) => run.id },
      { header: 'NAME', value: (run) => run.name, flex: true },
      { header: 'FLOW', value: (run) => run.flowName, flex: true },
      stateColumn<FlowRun>(),
      startedColumn<FlowRun>(now),
      {
        header: 'DURATION',
        value: (run) => formatDuration(run.estimatedRunTime),
        align: 'right',
        optional: true,
      },
    ],
    { width: ctx.width, color: ctx.color },
  );
}

/** The task-run table for people. */
export function taskRunTable(runs: readonly TaskRun[], ctx: CliContext): string {
  const now = ctx.now();
  return renderTable(
    runs,
    [
      { header: 'ID', value: (run) => run.id },
      { header: 'NAME', value: (run) => run.name, flex: true },
      stateColumn<TaskRun>(),
      startedColumn<TaskRun>(now),
      {
        header: 'DURATION',
        value: (run) => formatDuration(run.estimatedRunTime),
        align: 'right',
        optional: true,
      },
      // Rightmost, so it is the first to go on a narrow terminal.
      { header: 'FLOW RUN', value: (run) => run.flowRunId ?? '-', optional: true },
    ],
    { width: ctx.width, color: ctx.color },
  );
}

/** The state history table of `flow-run inspect`. */
export function stateHistoryTable(states: readonly State[], ctx: CliContext): string {
  return renderTable(
    states,
    [
      { header: 'TIME', value: (s) => formatTimestamp(s.timestamp, ctx.now()) },
      { header: 'STATE', value: (s) => stateLabel({ stateType: s.type, stateName: s.name }) },
      { header: 'MESSAGE', value: (s) => s.message ?? '', flex: true },
    ],
    { width: ctx.width, color: ctx.color },
  );
}

/** The details block of `flow-run inspect`: one `Label  value` line per field. */
export function flowRunDetails(run: FlowRun, ctx: CliContext): string {
  const now = ctx.now();
  const state = paint(stateLabel(run), stateColor(run.stateType), ctx.color);
  const fields: [string, string][] = [
    ['ID', run.id],
    ['Name', run.name],
    ['Flow', `${run.flowName} (${run.flowId})`],
    ['State', run.state?.message ? `${state}: ${run.state.message}` : state],
    ['Parameters', JSON.stringify(run.parameters)],
    ['Tags', run.tags.length ? run.tags.join(', ') : '-'],
    ['Run count', String(run.runCount)],
    ['Created', formatTimestamp(run.createdAt, now)],
    ['Expected start', formatTimestamp(run.expectedStartTime, now)],
    ['Started', formatTimestamp(run.startTime, now)],
    ['Ended', formatTimestamp(run.endTime, now)],
    ['Duration', formatDuration(run.estimatedRunTime)],
  ];
  if (run.deploymentId) fields.push(['Deployment', run.deploymentId]);
  if (run.workPoolName) fields.push(['Work pool', `${run.workPoolName} / ${run.workQueueName ?? '-'}`]);
  if (run.parentTaskRunId) fields.push(['Parent task run', run.parentTaskRunId]);
  return renderDetails(fields);
}

const LEVEL_NAMES = Object.entries(LOG_LEVELS).sort((a, b) => b[1] - a[1]);

/** The name of a numeric log level (`20` → `INFO`; in-between levels round down). */
export function levelName(level: number): string {
  return LEVEL_NAMES.find(([, value]) => level >= value)?.[0] ?? `LEVEL ${level}`;
}

const levelColor = (level: number): Color | undefined =>
  level >= LOG_LEVELS.ERROR
    ? 'red'
    : level >= LOG_LEVELS.WARNING
      ? 'yellow'
      : level < 20
        ? 'gray'
        : undefined;

/** One log line: `2026-01-10 14:03:22.123 | INFO    | flow_run - message`. */
export function formatLogLine(log: Log, color: boolean): string {
  const iso = new Date(log.timestamp).toISOString();
  const level = paint(levelName(log.level).padEnd(8), levelColor(log.level), color);
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)} | ${level} | ${log.name} - ${log.message}`;
}
