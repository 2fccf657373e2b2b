import type { Deployment, FlowRun } from '@weft/schemas';
import { isTerminalStateType } from '@weft/schemas';
import type { Command } from 'commander';
import { connect } from '../api';
import type { CliContext } from '../context';
import { ExitError } from '../errors';
import { deploymentDetails, deploymentTable } from '../output/deployments';
import { toJson } from '../output/format';
import { formatLogLine, stateLabel } from '../output/runs';
import { parseDeploymentRef } from './deployment-ref';
import { registerDeploymentScheduleCommand } from './deployment-schedule';
import { follow } from './flow-run-logs';
import { parseRunParameters } from './run-params';
import { collect, parseLimit } from './shared-options';

interface RunOptions {
  param: string[];
  params?: string;
  jobVariable: string[];
  tag: string[];
  watch?: boolean;
  json?: boolean;
}

/** `weft deployment ls | inspect | run | pause | resume | delete | schedule …`. */
export function registerDeploymentCommand(program: Command, ctx: CliContext): void {
  const deployment = program.command('deployment').description('Inspect, run and pause deployments');

  deployment
    .command('ls')
    .description('List deployments')
    .option('--flow <name>', 'only deployments of this flow; repeatable', collect)
    .option('--work-pool <name>', 'only deployments of this work pool; repeatable', collect)
    .option('--limit <n>', 'at most n deployments', parseLimit, 200)
    .option('--json', 'print JSON')
    .action(
      async (
        options: { flow?: string[]; workPool?: string[]; limit: number; json?: boolean },
        command: Command,
      ) => {
        const { client } = await connect(ctx, command);
        const deployments: Deployment[] = await client.deployments.list.query({
          limit: options.limit,
          filter: {
            ...(options.flow ? { flowName: { any: options.flow } } : {}),
            ...(options.workPool ? { workPoolName: { any: options.workPool } } : {}),
          },
        });
        if (options.json) ctx.print(toJson(deployments));
        else if (deployments.length === 0) ctx.print('No deployments. Create one with `weft deploy`.');
        else ctx.print(deploymentTable(deployments, ctx));
      },
    );

  deployment
    .command('inspect')
    .description('Show a deployment and its schedules')
    .argument('<deployment>', 'flow-name/deployment-name or id', parseDeploymentRef)
    .option('--json', 'print JSON')
    .action(
      async (ref: ReturnType<typeof parseDeploymentRef>, options: { json?: boolean }, command: Command) => {
        const { client } = await connect(ctx, command);
        const found: Deployment = await client.deployments.read.query(ref);
        ctx.print(options.json ? toJson(found) : deploymentDetails(found, ctx));
      },
    );

  deployment
    .command('run')
    .description('Create a run of a deployment (its parameters overlaid with --param); --watch follows it')
    .argument('<deployment>', 'flow-name/deployment-name or id', parseDeploymentRef)
    .option('--param <key=value>', 'a parameter; repeatable (JSON values are parsed)', collect, [])
    .option('--params <json>', 'parameters as a JSON object (--param wins)')
    .option('--job-variable <key=value>', 'a job variable for this run; repeatable', collect, [])
    .option('--tag <tag>', 'a tag for this run; repeatable', collect, [])
    .option('--watch', 'stream its logs and wait for a final state (exit 1 unless it completes)')
    .option('--json', 'print the flow run as JSON (the final one with --watch)')
    .action(async (ref: ReturnType<typeof parseDeploymentRef>, options: RunOptions, command: Command) => {
      const parameters = parseRunParameters(options.params, options.param);
      const jobVariables = parseRunParameters(undefined, options.jobVariable);
      const { client } = await connect(ctx, command);
      const run: FlowRun = await client.deployments.createFlowRun.mutate({
        deployment: ref,
        parameters,
        jobVariables,
        tags: options.tag,
      });
      if (!options.watch) {
        if (options.json) ctx.print(toJson(run));
        else ctx.print(`Created flow run '${run.name}' (${run.id}): ${stateLabel(run)}.`);
        return;
      }
      ctx.info(`Created flow run '${run.name}' (${run.id}); waiting for a worker…`);
      const final = await follow(
        client,
        run.id,
        async () => [],
        (log) => (options.json ? undefined : ctx.print(formatLogLine(log, ctx.color))),
      );
      if (options.json) ctx.print(toJson(final));
      else ctx.info(`Flow run '${final.name}' finished: ${stateLabel(final)}.`);
      if (!isTerminalStateType(final.stateType) || final.stateType !== 'COMPLETED') throw new ExitError(1);
    });

  for (const verb of ['pause', 'resume'] as const) {
    deployment
      .command(verb)
      .description(
        verb === 'pause'
          ? 'Pause a deployment: its schedules stop and its future scheduled runs are removed'
          : 'Resume a paused deployment: its schedules create runs again',
      )
      .argument('<deployment>', 'flow-name/deployment-name or id', parseDeploymentRef)
      .option('--json', 'print JSON')
      .action(
        async (ref: ReturnType<typeof parseDeploymentRef>, options: { json?: boolean }, command: Command) => {
          const { client } = await connect(ctx, command);
          const { id } = await client.deployments.read.query(ref);
          const updated: Deployment = await client.deployments[verb].mutate({ id });
          if (options.json) ctx.print(toJson(updated));
          else
            ctx.print(
              `Deployment '${updated.flowName}/${updated.name}' is ${updated.paused ? 'paused' : 'active'}.`,
            );
        },
      );
  }

  deployment
    .command('delete')
    .description('Delete a deployment (its runs stay, without a deployment)')
    .argument('<deployment>', 'flow-name/deployment-name or id', parseDeploymentRef)
    .action(async (ref: ReturnType<typeof parseDeploymentRef>, _options: unknown, command: Command) => {
      const { client } = await connect(ctx, command);
      const found: Deployment = await client.deployments.read.query(ref);
      await client.deployments.delete.mutate({ id: found.id });
      ctx.print(`Deleted deployment '${found.flowName}/${found.name}'.`);
    });

  registerDeploymentScheduleCommand(deployment, ctx);
}
