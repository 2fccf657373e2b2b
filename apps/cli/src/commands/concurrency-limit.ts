import type { ConcurrencyLease, ConcurrencyLimit } from '@weft/schemas';
import { type Command, InvalidArgumentError } from 'commander';
import { connect } from '../api';
import type { CliContext } from '../context';
import { renderDetails } from '../output/details';
import { toJson } from '../output/format';
import { parseNonNegativeInt } from './shared-options';

function parseDecay(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('must be a number, 0 or more.');
  return n;
}

const round = (n: number) => String(Math.round(n * 100) / 100);

function limitTable(limits: readonly ConcurrencyLimit[]): string {
  const rows = [
    ['NAME', 'LIMIT', 'ACTIVE SLOTS', 'DECAY/S', 'ACTIVE'],
    ...limits.map((l) => [
      l.name,
      String(l.limit),
      round(l.activeSlots),
      round(l.slotDecayPerSecond),
      String(l.active),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function limitDetails(limit: ConcurrencyLimit, leases: readonly ConcurrencyLease[]): string {
  const holders = leases.map(
    (lease) =>
      `${String(lease.holder.type ?? '?')} ${String(lease.holder.id ?? '?')} (${lease.slots} slot(s), until ${lease.expiresAt.toISOString()})`,
  );
  return renderDetails([
    ['Name', limit.name],
    ['Limit', String(limit.limit)],
    ['Active', String(limit.active)],
    ['Active slots', round(limit.activeSlots)],
    ['Denied slots', round(limit.deniedSlots)],
    ['Slot decay/s', round(limit.slotDecayPerSecond)],
    ['Holders', holders.length === 0 ? '-' : holders.join('\n              ')],
  ]);
}

/** `weft concurrency-limit create | ls | inspect | reset | delete`. */
export function registerConcurrencyLimitCommand(program: Command, ctx: CliContext): void {
  const cl = program
    .command('concurrency-limit')
    .description('Manage global concurrency limits, rate limits and task tag limits (tag:<tag>)');

  cl.command('create')
    .description('Create a limit')
    .argument('<name>', 'the limit name (`tag:<tag>` limits task runs with that tag)')
    .argument('<limit>', 'how many slots may be held at once', parseNonNegativeInt)
    .option('--slot-decay <x>', 'a rate limit: slots free themselves at x per second', parseDecay)
    .option('--inactive', 'create it inactive (not enforced)')
    .option('--json', 'print JSON')
    .action(
      async (
        name: string,
        limit: number,
        options: { slotDecay?: number; inactive?: boolean; json?: boolean },
        command: Command,
      ) => {
        const { client } = await connect(ctx, command);
        const created: ConcurrencyLimit = await client.concurrencyLimits.create.mutate({
          name,
          limit,
          active: !options.inactive,
          ...(options.slotDecay !== undefined ? { slotDecayPerSecond: options.slotDecay } : {}),
        });
        if (options.json) ctx.print(toJson(created));
        else ctx.print(`Created concurrency limit '${created.name}' (${created.limit} slots).`);
      },
    );

  cl.command('ls')
    .description('List limits')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { client } = await connect(ctx, command);
      const limits: ConcurrencyLimit[] = await client.concurrencyLimits.list.query({});
      if (options.json) ctx.print(toJson(limits));
      else if (limits.length === 0)
        ctx.print('No concurrency limits. Create one with `weft concurrency-limit create <name> <limit>`.');
      else ctx.print(limitTable(limits));
    });

  cl.command('inspect')
    .description('Show a limit and who holds its slots')
    .argument('<name>', 'the limit name')
    .option('--json', 'print JSON: {limit, leases}')
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      const { client } = await connect(ctx, command);
      const [limit, leases] = await Promise.all([
        client.concurrencyLimits.read.query({ name }),
        client.concurrencyLimits.listLeases.query({ name }),
      ]);
      if (options.json) ctx.print(toJson({ limit, leases }));
      else ctx.print(limitDetails(limit, leases));
    });

  cl.command('reset')
    .description('Free every slot of a limit (drops its leases and counters)')
    .argument('<name>', 'the limit name')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      const { client } = await connect(ctx, command);
      const reset: ConcurrencyLimit = await client.concurrencyLimits.reset.mutate({ name });
      if (options.json) ctx.print(toJson(reset));
      else ctx.print(`Reset concurrency limit '${reset.name}'.`);
    });

  cl.command('delete')
    .description('Delete a limit (and its leases)')
    .argument('<name>', 'the limit name')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      const { client } = await connect(ctx, command);
      const deleted = await client.concurrencyLimits.delete.mutate({ name });
      if (options.json) ctx.print(toJson(deleted));
      else ctx.print(`Deleted concurrency limit '${deleted.name}'.`);
    });
}
