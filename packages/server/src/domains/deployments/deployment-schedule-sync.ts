import type { DeploymentSchedule, DeploymentScheduleInput, JsonObject, Schedule } from '@weft/schemas';
import type { z } from 'zod';
import { ConflictError, ValidationError } from '../../errors';
import type { ScheduleFields } from './deployment-schedule-repository';

type ScheduleInput = z.output<typeof DeploymentScheduleInput>;

/** How a deployment's stored schedules change to match the provided ones. */
export interface SchedulePlan {
  /** Schedules to delete, by id. */
  deletes: string[];
  /** Schedules changed in place (keeping their id), with every stored field. */
  updates: (ScheduleFields & { id: string })[];
  /** New schedules. */
  inserts: ScheduleFields[];
}

const SLUG_HINT =
  "Please provide a slug for each schedule: the deployment's schedules have slugs, so they are matched by slug.";

/**
 * Plan how a deployment's schedules follow the `provided` ones (reference §4.2, Prefect #14524):
 * - slugs on every existing and provided schedule: each provided schedule updates the existing
 *   one of its slug (or of `replaces`, renaming it) in place; an `active` or `parameters` left out
 *   keeps the stored value; unmatched existing schedules are deleted;
 * - existing schedules with slugs and a provided one without: BAD_REQUEST;
 * - otherwise: drop every existing schedule and create the provided ones.
 * Pure; throws ValidationError (duplicate slugs or `replaces` targets) or ConflictError (a rename
 * onto the slug of a schedule that stays).
 */
export function planScheduleSync(
  existing: readonly DeploymentSchedule[],
  provided: readonly ScheduleInput[],
) {
  const allSlugged = existing.every((s) => s.slug) && provided.every((s) => s.slug);
  if (allSlugged) return planBySlug(existing, provided);
  const unslugged = provided.findIndex((s) => !s.slug);
  if (existing.some((s) => s.slug) && unslugged >= 0) {
    throw new ValidationError(SLUG_HINT, { path: `schedules.${unslugged}.slug` });
  }
  const plan: SchedulePlan = {
    deletes: existing.map((s) => s.id),
    updates: [],
    inserts: provided.map(newFields),
  };
  return plan;
}

function newFields(input: ScheduleInput): ScheduleFields {
  return {
    schedule: input.schedule,
    active: input.active ?? true,
    parameters: input.parameters ?? {},
    slug: input.slug ?? null,
  };
}

function planBySlug(
  existing: readonly DeploymentSchedule[],
  provided: readonly ScheduleInput[],
): SchedulePlan {
  assertUnique(
    provided.map((s) => s.slug ?? ''),
    'slug',
    'duplicate slug',
  );
  // Slugs renamed away by another provided schedule (a `replaces` of its own slug is no rename).
  const replaced = provided.flatMap((s) => (s.replaces && s.replaces !== s.slug ? [s.replaces] : []));
  assertUniqueReplaces(provided);
  const bySlug = new Map(existing.map((s) => [s.slug ?? '', s]));
  const plan: SchedulePlan = { deletes: [], updates: [], inserts: [] };
  const matched = new Set<string>();
  provided.forEach((input, index) => {
    const slug = input.slug ?? '';
    const renamed = input.replaces && input.replaces !== slug ? bySlug.get(input.replaces) : undefined;
    const holder = bySlug.get(slug);
    if (renamed && holder && !replaced.includes(slug)) {
      throw new ConflictError(
        `schedules.${index}.slug: cannot rename schedule "${input.replaces}" to "${slug}": a schedule with slug "${slug}" exists and is not replaced`,
      );
    }
    const target = renamed ?? (replaced.includes(slug) ? undefined : holder);
    if (!target) {
      plan.inserts.push(newFields(input));
      return;
    }
    matched.add(target.id);
    plan.updates.push({
      id: target.id,
      schedule: keepAnchor(input.schedule, target.schedule),
      active: input.active ?? target.active,
      parameters: (input.parameters ?? target.parameters) as JsonObject,
      slug,
    });
  });
  plan.deletes = existing.filter((s) => !matched.has(s.id)).map((s) => s.id);
  return plan;
}

function assertUnique(values: string[], field: string, what: string): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value))
      throw new ValidationError(`${what} "${value}"`, { path: `schedules.${index}.${field}` });
    seen.add(value);
  });
}

function assertUniqueReplaces(provided: readonly ScheduleInput[]): void {
  const seen = new Set<string>();
  provided.forEach((input, index) => {
    if (!input.replaces) return;
    if (seen.has(input.replaces)) {
      throw new ValidationError(`two schedules replace "${input.replaces}"`, {
        path: `schedules.${index}.replaces`,
      });
    }
    seen.add(input.replaces);
  });
}

/**
 * An interval schedule given again without an anchor keeps the stored anchor, so a redeploy does
 * not shift its times to "now".
 */
function keepAnchor(next: Schedule, stored: Schedule): Schedule {
  if (!('interval' in next) || next.anchorDate || !('interval' in stored) || !stored.anchorDate) return next;
  return { ...next, anchorDate: stored.anchorDate };
}
