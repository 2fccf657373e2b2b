import type { WorkerEvent } from '@weft/engine';
import type { Command } from 'commander';
import { connect } from '../api';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { stateLabel } from '../output/runs';
import { collect, parsePositiveInt } from './shared-options';

interface StartOptions {
  pool: string;
  type: string;
  name?: string;
  limit?: number;
  queue?: string[];
  pollSeconds?: number;
  prefetchSeconds?: number;
  json?: boolean;
}

/** The command a child runs to execute a run: this very CLI (same Node, same flags, same entry file). */
function selfCommand(): string[] {
  const entry = process.argv[1];
  if (!entry) return ['weft', 'flow-run', 'execute'];
  return [process.execPath, ...process.execArgv, entry, 'flow-run', 'execute'];
}

const runLabel = (run: { name: string; id: string }) => `'${run.name}' (${run.id})`;

/** One line for a person about a worker event. */
function describeEvent(event: WorkerEvent, options: StartOptions): string {
  switch (event.type) {
    case 'started':
      return (
        `Worker '${event.workerName}' started on work pool '${event.workPoolName}' (type ${options.type})` +
        `${event.poolCreated ? `; the pool did not exist and was created` : ''}. Ctrl-C stops it.`
      );
    case 'claimed':
      return `Claimed flow run ${runLabel(event.flowRun)}.`;
    case 'submitted':
      return `Flow run ${runLabel(event.flowRun)} started as ${event.infrastructureId}.`;
    case 'cancelling':
      return `Flow run ${runLabel(event.flowRun)} is cancelling: stopping its process.`;
    case 'finished':
      return `Flow run ${runLabel(event.flowRun)} finished: ${stateLabel(event.flowRun)}.`;
    case 'error':
      return `warning: ${event.message}`;
    case 'stopped':
      return `Worker '${event.workerName}' stopped.`;
  }
}

/** The event as one JSON line: `{event, flowRunId, flowRunName, state…}`. */
function eventJson(event: WorkerEvent): string {
  if (!('flowRun' in event)) {
    const { type, ...rest } = event;
    return JSON.stringify({ event: type, ...rest });
  }
  const { flowRun, type, ...rest } = event;
  return JSON.stringify({
    event: type,
    flowRunId: flowRun.id,
    flowRunName: flowRun.name,
    stateType: flowRun.stateType,
    stateName: flowRun.stateName,
    ...rest,
  });
}

/** Wait for SIGINT or SIGTERM; a second one exits at once. */
function untilSignalled(ctx: CliContext): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      ctx.info(`Received ${signal}: stopping the worker (again to exit at once)…`);
      resolve(signal);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}

/** `weft worker start --pool <name>`. */
export function registerWorkerCommand(program: Command, ctx: CliContext): void {
  const worker = program.command('worker').description('Run workers that execute deployment runs');
  worker
    .command('start')
    .description(
      "Start a worker: heartbeat, claim the pool's due runs and run each in a child process. " +
        'Creates the pool (of the worker type) when it does not exist.',
    )
    .requiredOption('-p, --pool <name>', 'the work pool to take runs from')
    .option('-t, --type <type>', 'the worker type', 'process')
    .option('-n, --name <name>', 'the worker name (default: process-worker-<host>-<pid>)')
    .option('-l, --limit <n>', 'at most n runs at once', parsePositiveInt)
    .option('-q, --queue <name>', 'only this queue of the pool; repeatable', collect)
    .option(
      '--poll-seconds <n>',
      'seconds between polls (the server also wakes the worker)',
      parsePositiveInt,
    )
    .option('--prefetch-seconds <n>', 'claim runs due within n seconds', parsePositiveInt)
    .option('--json', 'print one JSON object per event')
    .action(async (options: StartOptions, command: Command) => {
      const { client, target } = await connect(ctx, command);
      const engine = await import('@weft/engine');
      if (options.type !== engine.processWorkerType.type) {
        throw new CliError(
          `Unknown worker type '${options.type}'. The core worker type is 'process'; other types come from plugins started with createWorker({ type }).`,
        );
      }
      const handle = engine.createWorker({
        workPoolName: options.pool,
        client,
        name: options.name,
        limit: options.limit,
        workQueueNames: options.queue,
        pollSeconds: options.pollSeconds,
        prefetchSeconds: options.prefetchSeconds,
        apiUrl: target.url,
        apiKey: target.apiKey,
        command: selfCommand(),
        onEvent: (event) => {
          if (options.json && event.type !== 'error') ctx.print(eventJson(event));
          else if (event.type === 'error') ctx.info(describeEvent(event, options));
          else ctx.print(describeEvent(event, options));
        },
        log: ctx.info,
      });
      const signalled = untilSignalled(ctx);
      await handle.start();
      await signalled;
      await handle.stop();
      // Nothing should keep the process alive now; if a socket lingers, do not wait on it.
      setTimeout(() => process.exit(process.exitCode ?? 0), 1000).unref();
    });
}
