import type { TaskRun } from '@weft/schemas';
import type { Command } from 'commander';
import { connect } from '../api';
import type { CliContext } from '../context';
import { toJson } from '../output/format';
import { taskRunTable } from '../output/runs';
import { collect, parseLimit, parseRunId, parseStates, stateFilter } from './shared-options';

interface ListOptions {
  flowRun?: string;
  state?: string[];
  limit: number;
  json?: boolean;
}

/** `weft task-run ls`. */
export function registerTaskRunCommand(program: Command, ctx: CliContext): void {
  const taskRun = program.command('task-run').description('Inspect task runs');

  taskRun
    .command('ls')
    .description('List task runs (newest first; in execution order with --flow-run)')
    .option('--flow-run <id>', 'only task runs of this flow run', parseRunId)
    .option('--state <state>', 'only task runs in these states; repeatable', collect)
    .option('--limit <n>', 'at most n task runs', parseLimit, 20)
    .option('--json', 'print JSON')
    .action(async (options: ListOptions, command: Command) => {
      const states = options.state ? parseStates(options.state) : undefined;
      const { client } = await connect(ctx, command);
      const runs: TaskRun[] = await client.taskRuns.list.query({
        limit: options.limit,
        // Within one flow run, execution order reads best; across runs, the newest first.
        sort: options.flowRun ? 'EXPECTED_START_TIME_ASC' : 'ID_DESC',
        filter: {
          ...stateFilter(states),
          ...(options.flowRun ? { flowRunId: { any: [options.flowRun] } } : {}),
        },
      });
      if (options.json) ctx.print(toJson(runs));
      else if (runs.length === 0) ctx.print('No task runs found.');
      else ctx.print(taskRunTable(runs, ctx));
    });
}
