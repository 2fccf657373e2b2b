import type { WeftClient } from '@weft/client';
import type { FlowRun, Log, LogFilter } from '@weft/schemas';
import { isTerminalStateType, MAX_LIMIT } from '@weft/schemas';
import type { Command } from 'commander';
import { connect } from '../api';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { toJson } from '../output/format';
import { formatLogLine, stateLabel } from '../output/runs';
import { parsePositiveInt, parseRunId } from './shared-options';

interface LogsOptions {
  head?: number;
  tail?: number;
  follow?: boolean;
  json?: boolean;
}

interface ListOptions {
  sort: 'TIMESTAMP_ASC' | 'TIMESTAMP_DESC';
  max: number;
  after?: Date;
}

/** Every log of a flow run up to `max`, paging through the server's limit; oldest first. */
async function listLogs(client: WeftClient, flowRunId: string, options: ListOptions): Promise<Log[]> {
  const filter: LogFilter = { flowRunId: { any: [flowRunId] } };
  if (options.after) filter.timestamp = { after: options.after };
  const logs: Log[] = [];
  while (logs.length < options.max) {
    const limit = Math.min(MAX_LIMIT, options.max - logs.length);
    const page: Log[] = await client.logs.list.query({
      filter,
      sort: options.sort,
      limit,
      offset: logs.length,
    });
    logs.push(...page);
    if (page.length < limit) break;
  }
  return options.sort === 'TIMESTAMP_DESC' ? logs.reverse() : logs;
}

/** How long `follow` waits for its streams to start before it reads the first page anyway. */
const STREAM_START_TIMEOUT_MS = 5000;

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

const byTime = (a: Log, b: Log) => new Date(a.timestamp).getTime() - new Date(b.timestamp).getTime();

/**
 * Print the initial logs, then stream new ones until the run is terminal. Logs that arrive while
 * the initial page loads are held back so the output stays in time order; a final read after the
 * run ends catches logs the engine flushed just before its last state.
 * @internal
 */
export async function follow(
  client: WeftClient,
  flowRunId: string,
  initial: () => Promise<Log[]>,
  emit: (log: Log) => void,
): Promise<FlowRun> {
  const seen = new Set<string>();
  const once = (log: Log) => {
    if (seen.has(log.id)) return;
    seen.add(log.id);
    emit(log);
  };
  let held: Log[] | undefined = [];
  let settle!: { resolve: (run: FlowRun) => void; reject: (error: unknown) => void };
  const finished = new Promise<FlowRun>((resolve, reject) => {
    settle = { resolve, reject };
  });
  let started!: () => void;
  let count = 0;
  // Both streams must be listening on the server before the first page is read, or a log
  // written in between would be in neither.
  const bothStarted = new Promise<void>((resolve) => {
    started = () => ++count === 2 && resolve();
  });
  const logSub = client.logs.watch.subscribe(
    { flowRunId },
    {
      onStarted: () => started(),
      onData: (log: Log) => (held ? held.push(log) : once(log)),
      onError: settle.reject,
    },
  );
  const runSub = client.flowRuns.watch.subscribe(
    { id: flowRunId },
    {
      onStarted: () => started(),
      onData: (run: FlowRun) => isTerminalStateType(run.stateType) && settle.resolve(run),
      onError: settle.reject,
    },
  );
  try {
    await Promise.race([bothStarted, finished.then(() => undefined), sleep(STREAM_START_TIMEOUT_MS)]);
    const first = await initial();
    for (const log of first) once(log);
    for (const log of held.sort(byTime)) once(log);
    held = undefined;
    const run = await finished;
    const after = first.at(-1)?.timestamp;
    const rest = await listLogs(client, flowRunId, {
      sort: 'TIMESTAMP_ASC',
      max: Number.MAX_SAFE_INTEGER,
      ...(after ? { after: new Date(after) } : {}),
    });
    for (const log of rest) once(log);
    return run;
  } finally {
    logSub.unsubscribe();
    runSub.unsubscribe();
  }
}

/** `weft flow-run logs <id> [--head n | --tail n] [--follow]`. @internal */
export function registerFlowRunLogsCommand(flowRun: Command, ctx: CliContext): void {
  flowRun
    .command('logs')
    .description("Print a flow run's logs, oldest first")
    .argument('<id>', 'the flow run id', parseRunId)
    .option('--head <n>', 'only the first n logs', parsePositiveInt)
    .option('--tail <n>', 'only the last n logs', parsePositiveInt)
    .option('-f, --follow', 'keep printing new logs until the run reaches a terminal state')
    .option('--json', 'print JSON (an array; one object per line with --follow)')
    .action(async (id: string, options: LogsOptions, command: Command) => {
      if (options.head !== undefined && options.tail !== undefined) {
        throw new CliError('Use either --head or --tail, not both.');
      }
      if (options.head !== undefined && options.follow) {
        throw new CliError('--head cannot be combined with --follow (use --tail).');
      }
      const { client } = await connect(ctx, command);
      // Fails with NOT_FOUND before anything is printed when the id is wrong.
      await client.flowRuns.read.query({ id });
      const initial = () =>
        options.tail !== undefined
          ? listLogs(client, id, { sort: 'TIMESTAMP_DESC', max: options.tail })
          : listLogs(client, id, { sort: 'TIMESTAMP_ASC', max: options.head ?? Number.MAX_SAFE_INTEGER });
      if (!options.follow) {
        const logs = await initial();
        if (options.json) ctx.print(toJson(logs));
        else if (logs.length) ctx.print(logs.map((log) => formatLogLine(log, ctx.color)).join('\n'));
        else ctx.info('No logs for this flow run.');
        return;
      }
      const emit = (log: Log) =>
        ctx.print(options.json ? JSON.stringify(log) : formatLogLine(log, ctx.color));
      const run = await follow(client, id, initial, emit);
      ctx.info(`Flow run '${run.name}' finished: ${stateLabel(run)}.`);
    });
}
