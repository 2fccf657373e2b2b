import type { Deployment, DeploymentSchedule, Schedule } from '@weft/schemas';
import type { Command } from 'commander';
import { connect } from '../api';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { scheduleTable } from '../output/deployments';
import { toJson } from '../output/format';
import { parseDeploymentRef } from './deployment-ref';
import { parseRunParameters } from './run-params';
import { collect } from './shared-options';

type Ref = ReturnType<typeof parseDeploymentRef>;

interface CreateOptions {
  cron?: string;
  interval?: string;
  rrule?: string;
  timezone?: string;
  anchorDate?: string;
  dayAnd?: boolean;
  slug?: string;
  param: string[];
  inactive?: boolean;
  json?: boolean;
}

/** The schedule given by exactly one of `--cron`, `--interval`, `--rrule`. @internal */
export function scheduleFromOptions(options: CreateOptions): Schedule {
  const given = [options.cron, options.interval, options.rrule].filter((v) => v !== undefined);
  if (given.length !== 1) throw new CliError('Give exactly one of --cron, --interval or --rrule.');
  const timezone = options.timezone ? { timezone: options.timezone } : {};
  if (options.cron !== undefined) return { cron: options.cron, dayOr: !options.dayAnd, ...timezone };
  if (options.rrule !== undefined) return { rrule: options.rrule, ...timezone };
  const interval = Number(options.interval);
  if (!Number.isFinite(interval) || interval <= 0) {
    throw new CliError(`--interval must be a number of seconds above 0, got '${options.interval}'.`);
  }
  return {
    interval,
    ...timezone,
    ...(options.anchorDate ? { anchorDate: new Date(options.anchorDate) } : {}),
  };
}

/** A schedule of a deployment by id or slug. */
function findSchedule(deployment: Deployment, idOrSlug: string): DeploymentSchedule {
  const found = deployment.schedules.find((s) => s.id === idOrSlug || s.slug === idOrSlug);
  if (!found) {
    throw new CliError(
      `Deployment '${deployment.flowName}/${deployment.name}' has no schedule '${idOrSlug}'. See \`weft deployment schedule ls\`.`,
      { code: 'NOT_FOUND' },
    );
  }
  return found;
}

/** `weft deployment schedule ls | create | pause | resume | delete`. @internal */
export function registerDeploymentScheduleCommand(deployment: Command, ctx: CliContext): void {
  const schedule = deployment.command('schedule').description("Manage a deployment's schedules");

  schedule
    .command('ls')
    .description("List a deployment's schedules")
    .argument('<deployment>', 'flow-name/deployment-name or id', parseDeploymentRef)
    .option('--json', 'print JSON')
    .action(async (ref: Ref, options: { json?: boolean }, command: Command) => {
      const { client } = await connect(ctx, command);
      const found: Deployment = await client.deployments.read.query(ref);
      if (options.json) ctx.print(toJson(found.schedules));
      else if (found.schedules.length === 0) ctx.print('This deployment has no schedules.');
      else ctx.print(scheduleTable(found.schedules, ctx));
    });

  schedule
    .command('create')
    .description('Add a schedule: --cron, --interval (seconds) or --rrule')
    .argument('<deployment>', 'flow-name/deployment-name or id', parseDeploymentRef)
    .option('--cron <expression>', "a cron expression, e.g. '0 9 * * 1-5'")
    .option('--interval <seconds>', 'seconds between runs')
    .option('--rrule <rule>', "an RFC 5545 rule, e.g. 'FREQ=WEEKLY;BYDAY=MO'")
    .option('--timezone <zone>', 'an IANA time zone, e.g. Europe/Berlin (default UTC)')
    .option('--anchor-date <iso>', 'with --interval: the first time of the series')
    .option('--day-and', 'with --cron: require day-of-month AND day-of-week to match')
    .option('--slug <slug>', 'a stable name that keeps this schedule across redeploys')
    .option('--param <key=value>', 'a parameter for this schedule’s runs; repeatable', collect, [])
    .option('--inactive', 'create it paused')
    .option('--json', 'print JSON')
    .action(async (ref: Ref, options: CreateOptions, command: Command) => {
      const spec = scheduleFromOptions(options);
      const parameters = parseRunParameters(undefined, options.param);
      const { client } = await connect(ctx, command);
      const found: Deployment = await client.deployments.read.query(ref);
      const created: DeploymentSchedule = await client.deployments.createSchedule.mutate({
        deploymentId: found.id,
        schedule: spec,
        active: !options.inactive,
        parameters,
        ...(options.slug ? { slug: options.slug } : {}),
      });
      if (options.json) ctx.print(toJson(created));
      else ctx.print(`Added schedule ${created.slug ?? created.id} to '${found.flowName}/${found.name}'.`);
    });

  for (const [verb, active] of [
    ['pause', false],
    ['resume', true],
  ] as const) {
    schedule
      .command(verb)
      .description(active ? 'Resume a paused schedule' : 'Pause a schedule (its future runs are removed)')
      .argument('<deployment>', 'flow-name/deployment-name or id', parseDeploymentRef)
      .argument('<schedule>', 'the schedule id or slug')
      .option('--json', 'print JSON')
      .action(async (ref: Ref, idOrSlug: string, options: { json?: boolean }, command: Command) => {
        const { client } = await connect(ctx, command);
        const found: Deployment = await client.deployments.read.query(ref);
        const target = findSchedule(found, idOrSlug);
        const updated: DeploymentSchedule = await client.deployments.updateSchedule.mutate({
          deploymentId: found.id,
          id: target.id,
          active,
        });
        if (options.json) ctx.print(toJson(updated));
        else ctx.print(`Schedule ${updated.slug ?? updated.id} is ${updated.active ? 'active' : 'paused'}.`);
      });
  }

  schedule
    .command('delete')
    .description('Delete a schedule')
    .argument('<deployment>', 'flow-name/deployment-name or id', parseDeploymentRef)
    .argument('<schedule>', 'the schedule id or slug')
    .action(async (ref: Ref, idOrSlug: string, _options: unknown, command: Command) => {
      const { client } = await connect(ctx, command);
      const found: Deployment = await client.deployments.read.query(ref);
      const target = findSchedule(found, idOrSlug);
      await client.deployments.deleteSchedule.mutate({ deploymentId: found.id, id: target.id });
      ctx.print(`Deleted schedule ${target.slug ?? target.id}.`);
    });
}
