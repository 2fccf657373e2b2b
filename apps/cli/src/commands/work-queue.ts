import type { WorkQueue } from '@weft/schemas';
import type { Command } from 'commander';
import { connect } from '../api';
import type { CliContext } from '../context';
import { workQueueTable } from '../output/deployments';
import { renderDetails } from '../output/details';
import { formatRelativeTime, toJson } from '../output/format';
import { parseNonNegativeInt, parsePositiveInt } from './shared-options';

interface PoolOption {
  pool: string;
  json?: boolean;
}

/** `weft work-queue create | ls | inspect | pause | resume | set-priority | set-concurrency-limit | delete`. */
export function registerWorkQueueCommand(program: Command, ctx: CliContext): void {
  const queue = program.command('work-queue').description('Manage the queues of a work pool');

  queue
    .command('create')
    .description('Create a queue in a pool (a priority already held moves the others down)')
    .argument('<name>', 'the queue name')
    .requiredOption('--pool <name>', 'the work pool')
    .option('--priority <n>', '1 is served first (default: the first free priority)', parsePositiveInt)
    .option(
      '--concurrency-limit <n>',
      'at most n runs Pending or Running from this queue',
      parseNonNegativeInt,
    )
    .option('--description <text>', 'a description')
    .option('--paused', 'create it paused')
    .option('--json', 'print JSON')
    .action(
      async (
        name: string,
        options: PoolOption & {
          priority?: number;
          concurrencyLimit?: number;
          description?: string;
          paused?: boolean;
        },
        command: Command,
      ) => {
        const { client } = await connect(ctx, command);
        const created: WorkQueue = await client.workQueues.create.mutate({
          workPoolName: options.pool,
          name,
          isPaused: options.paused ?? false,
          ...(options.priority !== undefined ? { priority: options.priority } : {}),
          ...(options.concurrencyLimit !== undefined ? { concurrencyLimit: options.concurrencyLimit } : {}),
          ...(options.description ? { description: options.description } : {}),
        });
        if (options.json) ctx.print(toJson(created));
        else
          ctx.print(
            `Created queue '${created.name}' in '${created.workPoolName}' (priority ${created.priority}).`,
          );
      },
    );

  queue
    .command('ls')
    .description('List the queues of a pool, by priority')
    .requiredOption('--pool <name>', 'the work pool')
    .option('--json', 'print JSON')
    .action(async (options: PoolOption, command: Command) => {
      const { client } = await connect(ctx, command);
      const queues: WorkQueue[] = await client.workQueues.list.query({ workPoolName: options.pool });
      if (options.json) ctx.print(toJson(queues));
      else ctx.print(workQueueTable(queues, ctx));
    });

  queue
    .command('inspect')
    .description('Show a queue')
    .argument('<name>', 'the queue name')
    .requiredOption('--pool <name>', 'the work pool')
    .option('--json', 'print JSON')
    .action(async (name: string, options: PoolOption, command: Command) => {
      const { client } = await connect(ctx, command);
      const q: WorkQueue = await client.workQueues.read.query({ workPoolName: options.pool, name });
      if (options.json) {
        ctx.print(toJson(q));
        return;
      }
      ctx.print(
        renderDetails([
          ['ID', q.id],
          ['Name', q.name],
          ['Pool', q.workPoolName],
          ['Priority', String(q.priority)],
          ['Status', q.status],
          ['Concurrency', q.concurrencyLimit === null ? 'unlimited' : String(q.concurrencyLimit)],
          ['Description', q.description ?? '-'],
          ['Last polled', formatRelativeTime(q.lastPolled, ctx.now())],
        ]),
      );
    });

  const update = (verb: string, description: string, args: string[], toPatch: (values: string[]) => object) =>
    queue
      .command(verb)
      .description(description)
      .argument('<name>', 'the queue name')
      .requiredOption('--pool <name>', 'the work pool')
      .option('--json', 'print JSON')
      .action(async (name: string, ...rest: unknown[]) => {
        const values = rest.slice(0, args.length) as string[];
        const options = rest[args.length] as PoolOption;
        const command = rest[args.length + 1] as Command;
        const { client } = await connect(ctx, command);
        const updated: WorkQueue = await client.workQueues.update.mutate({
          workPoolName: options.pool,
          name,
          ...toPatch(values),
        });
        if (options.json) ctx.print(toJson(updated));
        else
          ctx.print(
            `Queue '${updated.name}' in '${updated.workPoolName}': ${updated.status}, priority ${updated.priority}, limit ${updated.concurrencyLimit ?? 'none'}.`,
          );
      });

  update('pause', 'Pause a queue: workers get no runs from it', [], () => ({ isPaused: true }));
  update('resume', 'Resume a paused queue', [], () => ({ isPaused: false }));
  update('set-priority', 'Change a queue’s priority (1 is served first)', ['priority'], ([p]) => ({
    priority: parsePositiveInt(p ?? ''),
  })).argument('<priority>', 'the new priority');
  update('set-concurrency-limit', 'Limit a queue’s runs (`none` removes the limit)', ['limit'], ([l]) => ({
    concurrencyLimit: l === 'none' ? null : parseNonNegativeInt(l ?? ''),
  })).argument('<limit>', 'a number, or none');

  queue
    .command('delete')
    .description('Delete a queue (not the pool’s default queue)')
    .argument('<name>', 'the queue name')
    .requiredOption('--pool <name>', 'the work pool')
    .action(async (name: string, options: PoolOption, command: Command) => {
      const { client } = await connect(ctx, command);
      await client.workQueues.delete.mutate({ workPoolName: options.pool, name });
      ctx.print(`Deleted queue '${name}' of '${options.pool}'.`);
    });
}
