import {
  CollisionStrategy,
  DateTime,
  type DeploymentScheduleInput,
  JsonObject,
  PullStep,
  ScheduleSlug,
  TimeZone,
} from '@weft/schemas';
import { z } from 'zod';

const Extras = {
  slug: ScheduleSlug.optional(),
  active: z.boolean().optional(),
  parameters: JsonObject.optional(),
  replaces: ScheduleSlug.optional(),
  timezone: TimeZone.nullish(),
};

const SCHEDULE_KINDS = ['cron', 'interval', 'rrule'] as const;

/**
 * A schedule in `weft.yaml`: exactly one of `cron` (with `dayOr`), `interval` (seconds, with
 * `anchorDate`) or `rrule`, with `timezone`, `slug`, `active`, `parameters` and `replaces`. One
 * object (not a union), so a mistake is reported at its own field.
 */
export const DeployFileSchedule = z
  .object({
    cron: z.string().min(1).optional(),
    dayOr: z.boolean().optional(),
    interval: z.number().positive().optional(),
    anchorDate: DateTime.optional(),
    rrule: z.string().min(1).optional(),
    ...Extras,
  })
  .strict()
  .superRefine((schedule, ctx) => {
    const kinds = SCHEDULE_KINDS.filter((kind) => schedule[kind] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `give exactly one of cron, interval or rrule${kinds.length ? ` (got ${kinds.join(' and ')})` : ''}`,
      });
    }
    if (schedule.dayOr !== undefined && schedule.cron === undefined) {
      ctx.addIssue({ code: 'custom', path: ['dayOr'], message: 'dayOr goes with cron' });
    }
    if (schedule.anchorDate !== undefined && schedule.interval === undefined) {
      ctx.addIssue({ code: 'custom', path: ['anchorDate'], message: 'anchorDate goes with interval' });
    }
  });
export type DeployFileSchedule = z.infer<typeof DeployFileSchedule>;

/** One entry of `deployments:`. */
export const DeployFileDeployment = z
  .object({
    name: z.string().min(1),
    /** `path/to/file.ts:exportName`, relative to the file's folder. */
    entrypoint: z.string().regex(/^.+:[^:]+$/, 'entrypoint must be "path/to/file.ts:exportName"'),
    description: z.string().optional(),
    version: z.string().optional(),
    tags: z.array(z.string()).optional(),
    parameters: JsonObject.optional(),
    workPool: z
      .object({
        name: z.string().min(1),
        workQueueName: z.string().min(1).optional(),
        jobVariables: JsonObject.optional(),
      })
      .strict()
      .optional(),
    schedules: z.array(DeployFileSchedule).optional(),
    concurrencyLimit: z
      .union([
        z.number().int().min(1),
        z
          .object({
            limit: z.number().int().min(1),
            collisionStrategy: CollisionStrategy.optional(),
            gracePeriodSeconds: z.number().int().min(60).max(86_400).optional(),
          })
          .strict(),
      ])
      .optional(),
    enforceParameterSchema: z.boolean().optional(),
    paused: z.boolean().optional(),
    /** Pull steps of this deployment instead of the file's. */
    pull: z.array(PullStep).optional(),
  })
  .strict();
export type DeployFileDeployment = z.infer<typeof DeployFileDeployment>;

/** `weft.yaml` (or the default export of `weft.config.ts`). */
export const DeployFile = z
  .object({
    /** Pull steps of every deployment that has none of its own. */
    pull: z.array(PullStep).optional(),
    deployments: z.array(DeployFileDeployment).min(1, 'list at least one deployment'),
  })
  .strict();
export type DeployFile = z.infer<typeof DeployFile>;

/** `deployments[1].schedules[0].cron` from a zod issue path. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** Every problem of a file, one per line: `deployments[1].schedules[0].cron: …`. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issuePath(issue.path);
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

/** A file schedule in the API's shape. */
export function toScheduleInput(schedule: DeployFileSchedule): DeploymentScheduleInput {
  const { slug, active, parameters, replaces, timezone, cron, dayOr, interval, anchorDate, rrule } = schedule;
  const zone = timezone === undefined ? {} : { timezone };
  let timing: DeploymentScheduleInput['schedule'];
  if (cron !== undefined) timing = { cron, ...zone, ...(dayOr === undefined ? {} : { dayOr }) };
  else if (interval !== undefined) timing = { interval, ...zone, ...(anchorDate ? { anchorDate } : {}) };
  else timing = { rrule: rrule as string, ...zone };
  const input: DeploymentScheduleInput = { schedule: timing };
  if (slug !== undefined) input.slug = slug;
  if (active !== undefined) input.active = active;
  if (parameters !== undefined) input.parameters = parameters;
  if (replaces !== undefined) input.replaces = replaces;
  return input;
}
