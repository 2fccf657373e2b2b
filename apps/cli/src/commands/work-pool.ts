import { readFile } from 'node:fs/promises';
import type { BaseJobTemplate, WorkPool } from '@weft/schemas';
import type { Command } from 'commander';
import { connect } from '../api';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { workPoolDetails, workPoolTable } from '../output/deployments';
import { toJson } from '../output/format';
import { parseRunParameters } from './run-params';
import { collect, parseNonNegativeInt } from './shared-options';

interface CreateOptions {
  type: string;
  description?: string;
  paused?: boolean;
  concurrencyLimit?: number;
  baseJobTemplate?: string;
  json?: boolean;
}

/** `weft work-pool create | ls | inspect | pause | resume | set-concurrency-limit | preview | delete`. */
export function registerWorkPoolCommand(program: Command, ctx: CliContext): void {
  const pool = program.command('work-pool').description('Manage work pools: where deployments run');

  pool
    .command('create')
    .description('Create a work pool (with a default queue)')
    .argument('<name>', 'the pool name')
    .option('--type <type>', 'the worker type', 'process')
    .option('--description <text>', 'a description')
    .option('--paused', 'create it paused')
    .option('--concurrency-limit <n>', 'at most n runs Pending or Running in the pool', parseNonNegativeInt)
    .option('--base-job-template <file>', 'a JSON file {jobConfiguration, variables} (default: the type’s)')
    .option('--json', 'print JSON')
    .action(async (name: string, options: CreateOptions, command: Command) => {
      const baseJobTemplate = options.baseJobTemplate
        ? await readTemplate(options.baseJobTemplate)
        : undefined;
      const { client } = await connect(ctx, command);
      const created: WorkPool = await client.workPools.create.mutate({
        name,
        type: options.type,
        ...(options.description ? { description: options.description } : {}),
        isPaused: options.paused ?? false,
        ...(options.concurrencyLimit !== undefined ? { concurrencyLimit: options.concurrencyLimit } : {}),
        ...(baseJobTemplate ? { baseJobTemplate } : {}),
      });
      if (options.json) ctx.print(toJson(created));
      else ctx.print(`Created work pool '${created.name}' (${created.type}, ${created.status}).`);
    });

  pool
    .command('ls')
    .description('List work pools')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { client } = await connect(ctx, command);
      const pools: WorkPool[] = await client.workPools.list.query({});
      if (options.json) ctx.print(toJson(pools));
      else if (pools.length === 0)
        ctx.print('No work pools. Create one with `weft work-pool create <name>`.');
      else ctx.print(workPoolTable(pools, ctx));
    });

  pool
    .command('inspect')
    .description('Show a work pool, its queues and its workers')
    .argument('<name>', 'the pool name')
    .option('--json', 'print JSON: {workPool, workQueues, workers}')
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      const { client } = await connect(ctx, command);
      const [workPool, workQueues, workers] = await Promise.all([
        client.workPools.read.query({ name }),
        client.workQueues.list.query({ workPoolName: name }),
        client.workers.list.query({ workPoolName: name }),
      ]);
      if (options.json) ctx.print(toJson({ workPool, workQueues, workers }));
      else ctx.print(workPoolDetails(workPool, workQueues, workers, ctx));
    });

  for (const [verb, isPaused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    pool
      .command(verb)
      .description(isPaused ? 'Pause a pool: workers get no runs from it' : 'Resume a paused pool')
      .argument('<name>', 'the pool name')
      .option('--json', 'print JSON')
      .action(async (name: string, options: { json?: boolean }, command: Command) => {
        const { client } = await connect(ctx, command);
        const updated: WorkPool = await client.workPools.update.mutate({ name, isPaused });
        if (options.json) ctx.print(toJson(updated));
        else ctx.print(`Work pool '${name}' is ${updated.status}.`);
      });
  }

  pool
    .command('set-concurrency-limit')
    .description('Limit the runs Pending or Running in a pool at once (`none` removes the limit)')
    .argument('<name>', 'the pool name')
    .argument('<limit>', 'a number, or none')
    .option('--json', 'print JSON')
    .action(async (name: string, limit: string, options: { json?: boolean }, command: Command) => {
      const concurrencyLimit = limit === 'none' ? null : parseNonNegativeInt(limit);
      const { client } = await connect(ctx, command);
      const updated: WorkPool = await client.workPools.update.mutate({ name, concurrencyLimit });
      if (options.json) ctx.print(toJson(updated));
      else ctx.print(`Work pool '${name}' concurrency limit: ${concurrencyLimit ?? 'none'}.`);
    });

  pool
    .command('preview')
    .description('Show the job configuration a run would get: pool template ← deployment ← run')
    .argument('<name>', 'the pool name')
    .option('--deployment <id>', 'include this deployment’s job variables')
    .option('--job-variable <key=value>', 'a run job variable; repeatable (JSON values parsed)', collect, [])
    .action(
      async (name: string, options: { deployment?: string; jobVariable: string[] }, command: Command) => {
        const jobVariables = parseRunParameters(undefined, options.jobVariable);
        const { client } = await connect(ctx, command);
        const preview = await client.workPools.preview.query({
          workPoolName: name,
          ...(options.deployment ? { deploymentId: options.deployment } : {}),
          jobVariables,
        });
        ctx.print(toJson(preview));
      },
    );

  pool
    .command('delete')
    .description('Delete a work pool with its queues and workers (deployments keep no pool)')
    .argument('<name>', 'the pool name')
    .action(async (name: string, _options: unknown, command: Command) => {
      const { client } = await connect(ctx, command);
      await client.workPools.delete.mutate({ name });
      ctx.print(`Deleted work pool '${name}'.`);
    });
}

async function readTemplate(file: string): Promise<BaseJobTemplate> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read --base-job-template ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as BaseJobTemplate;
  } catch (error) {
    throw new CliError(`--base-job-template ${file} is not valid JSON: ${(error as Error).message}`);
  }
}
