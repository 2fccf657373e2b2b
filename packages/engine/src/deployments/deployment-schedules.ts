import type { DeploymentScheduleInput, JsonObject, Schedule } from '@weft/schemas';

/** What every schedule shorthand may carry besides its timing. */
interface ScheduleExtras {
  /** Keeps the schedule's identity (and overrides) across redeploys. */
  slug?: string;
  /** Overrides of the deployment's parameters for this schedule's runs. */
  parameters?: JsonObject;
  /** @default true */
  active?: boolean;
  /** The slug of an existing schedule this one renames. */
  replaces?: string;
}

/**
 * A schedule of `flow.deploy()`, `flow.serve()` or `weft.yaml`: the API shape
 * (`{ schedule: { cron: '0 9 * * *' }, slug }`) or a shorthand — `{ cron, timezone?, dayOr? }`,
 * `{ interval: seconds, anchorDate?, timezone? }` or `{ rrule, timezone? }` — with `slug`,
 * `parameters`, `active` and `replaces` beside it.
 */
export type DeploymentScheduleOption =
  | DeploymentScheduleInput
  | (ScheduleExtras & { cron: string; timezone?: string | null; dayOr?: boolean })
  | (ScheduleExtras & { interval: number; anchorDate?: Date | string; timezone?: string | null })
  | (ScheduleExtras & { rrule: string; timezone?: string | null });

function extras(option: ScheduleExtras): Omit<DeploymentScheduleInput, 'schedule'> {
  const out: Omit<DeploymentScheduleInput, 'schedule'> = {};
  if (option.slug !== undefined) out.slug = option.slug;
  if (option.parameters !== undefined) out.parameters = option.parameters;
  if (option.active !== undefined) out.active = option.active;
  if (option.replaces !== undefined) out.replaces = option.replaces;
  return out;
}

function definedOnly<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A schedule option in the API's shape, which the server validates. */
export function toScheduleInput(option: DeploymentScheduleOption): DeploymentScheduleInput {
  if ('schedule' in option) return option;
  let schedule: Schedule;
  if ('cron' in option) {
    schedule = definedOnly({ cron: option.cron, timezone: option.timezone, dayOr: option.dayOr ?? true });
  } else if ('interval' in option) {
    const anchor = option.anchorDate;
    schedule = definedOnly({
      interval: option.interval,
      timezone: option.timezone,
      anchorDate: typeof anchor === 'string' ? new Date(anchor) : anchor,
    });
  } else {
    schedule = definedOnly({ rrule: option.rrule, timezone: option.timezone });
  }
  return { schedule, ...extras(option) };
}
