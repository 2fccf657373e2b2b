import { z } from 'zod';
import { DateTime, Uuid } from '../core/ids';
import { JsonObject } from '../core/json';

/** An IANA time zone name, such as `America/New_York`. */
export const TimeZone = z
  .string()
  .min(1)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'timezone must be an IANA time zone name, such as America/New_York' },
  );

/**
 * A cron schedule (5 fields, or 6 with seconds first). Times follow the wall clock of `timezone`.
 * `dayOr` (default true) fires when day-of-month OR day-of-week matches, like Vixie cron;
 * false requires both.
 */
export const CronSchedule = z
  .object({
    cron: z.string().min(1),
    timezone: TimeZone.nullish(),
    dayOr: z.boolean().default(true),
  })
  .strict();
export type CronSchedule = z.infer<typeof CronSchedule>;

/**
 * An interval schedule: `anchorDate + k * interval` seconds. Whole days are added on the wall
 * clock of `timezone` (9:00 stays 9:00 across DST); the rest is absolute time.
 */
export const IntervalSchedule = z
  .object({
    /** Seconds between runs. */
    interval: z.number().positive(),
    /** @default the time the schedule was created */
    anchorDate: DateTime.optional(),
    timezone: TimeZone.nullish(),
  })
  .strict();
export type IntervalSchedule = z.infer<typeof IntervalSchedule>;

/** An RFC 5545 recurrence rule (`FREQ=WEEKLY;BYDAY=MO;BYHOUR=9`, optionally with `DTSTART`). */
export const RRuleSchedule = z
  .object({
    rrule: z.string().min(1),
    timezone: TimeZone.nullish(),
  })
  .strict();
export type RRuleSchedule = z.infer<typeof RRuleSchedule>;

/** One of the three schedule kinds, told apart by their key field (`cron`, `interval`, `rrule`). */
export const Schedule = z.union([CronSchedule, IntervalSchedule, RRuleSchedule]);
export type Schedule = z.infer<typeof Schedule>;

/** A slug: lowercase letters, digits and dashes; keeps a schedule's identity across redeploys. */
export const ScheduleSlug = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'slug must be lowercase letters, digits and dashes');

/** A schedule of a deployment. */
export const DeploymentSchedule = z.object({
  id: Uuid,
  deploymentId: Uuid,
  schedule: Schedule,
  active: z.boolean(),
  /** Overrides of the deployment's parameters for the runs of this schedule. */
  parameters: JsonObject,
  slug: z.string().nullable(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type DeploymentSchedule = z.infer<typeof DeploymentSchedule>;

/**
 * A schedule given with a deployment (create or update). With slugs on every schedule, an update
 * changes schedules in place by slug (`replaces` renames one), so their parameters and active
 * flags are never lost on a redeploy.
 */
export const DeploymentScheduleInput = z
  .object({
    schedule: Schedule,
    /** @default true */
    active: z.boolean().optional(),
    parameters: JsonObject.optional(),
    slug: ScheduleSlug.nullish(),
    /** The slug of an existing schedule this one renames. */
    replaces: ScheduleSlug.optional(),
  })
  .strict();
export type DeploymentScheduleInput = z.input<typeof DeploymentScheduleInput>;

/** Add a schedule to a deployment. */
export const DeploymentScheduleCreate = DeploymentScheduleInput.omit({ replaces: true }).extend({
  deploymentId: Uuid,
});
export type DeploymentScheduleCreate = z.input<typeof DeploymentScheduleCreate>;

/** Change one schedule; a field left out stays as it is. */
export const DeploymentScheduleUpdate = z
  .object({
    deploymentId: Uuid,
    id: Uuid,
    schedule: Schedule.optional(),
    active: z.boolean().optional(),
    parameters: JsonObject.optional(),
    slug: ScheduleSlug.nullish(),
  })
  .strict();
export type DeploymentScheduleUpdate = z.input<typeof DeploymentScheduleUpdate>;
