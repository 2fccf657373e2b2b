import { type DeploymentSchedule, Schedule } from '@weft/schemas';
import type { Kysely } from 'kysely';
import type { Database, DeploymentScheduleRow } from '../../db/database';

type Db = Kysely<Database>;

/** A schedule row as the API type. */
export function toDeploymentSchedule(row: DeploymentScheduleRow): DeploymentSchedule {
  return {
    id: row.id,
    deploymentId: row.deployment_id,
    schedule: Schedule.parse(row.schedule),
    active: row.active,
    parameters: row.parameters as DeploymentSchedule['parameters'],
    slug: row.slug,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The schedules of some deployments, oldest first, by deployment id. */
export async function listSchedulesOf(
  db: Db,
  deploymentIds: readonly string[],
): Promise<Map<string, DeploymentSchedule[]>> {
  const out = new Map<string, DeploymentSchedule[]>(deploymentIds.map((id) => [id, []]));
  if (deploymentIds.length === 0) return out;
  const rows = await db
    .selectFrom('deployment_schedule')
    .selectAll()
    .where('deployment_id', 'in', deploymentIds)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  for (const row of rows) out.get(row.deployment_id)?.push(toDeploymentSchedule(row));
  return out;
}

/** One schedule of a deployment, or undefined; `lock` takes its row lock. */
export async function findSchedule(
  db: Db,
  input: { deploymentId: string; id: string; lock?: boolean },
): Promise<DeploymentSchedule | undefined> {
  const query = db
    .selectFrom('deployment_schedule')
    .selectAll()
    .where('deployment_id', '=', input.deploymentId)
    .where('id', '=', input.id);
  const row = await (input.lock ? query.forUpdate() : query).executeTakeFirst();
  return row && toDeploymentSchedule(row);
}

/** The stored fields of one schedule. */
export interface ScheduleFields {
  schedule: Schedule;
  active: boolean;
  parameters: Record<string, unknown>;
  slug: string | null;
}

/** Insert schedules of a deployment. */
export async function insertSchedules(
  db: Db,
  input: { deploymentId: string; schedules: (ScheduleFields & { id: string })[]; now: Date },
): Promise<void> {
  if (input.schedules.length === 0) return;
  await db
    .insertInto('deployment_schedule')
    .values(
      input.schedules.map((schedule) => ({
        id: schedule.id,
        deployment_id: input.deploymentId,
        schedule: JSON.stringify(schedule.schedule),
        active: schedule.active,
        parameters: JSON.stringify(schedule.parameters),
        slug: schedule.slug,
        created_at: input.now,
        updated_at: input.now,
      })),
    )
    .execute();
}

/** Change one schedule's fields (those given). */
export async function updateScheduleFields(
  db: Db,
  input: { id: string; fields: Partial<ScheduleFields>; now: Date },
): Promise<void> {
  const { fields } = input;
  await db
    .updateTable('deployment_schedule')
    .set({
      ...(fields.schedule !== undefined && { schedule: JSON.stringify(fields.schedule) }),
      ...(fields.active !== undefined && { active: fields.active }),
      ...(fields.parameters !== undefined && { parameters: JSON.stringify(fields.parameters) }),
      ...(fields.slug !== undefined && { slug: fields.slug }),
      updated_at: input.now,
    })
    .where('id', '=', input.id)
    .execute();
}

/** Clear the slugs of some schedules, so renames among them cannot collide on the unique slug. */
export async function clearScheduleSlugs(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('deployment_schedule').set({ slug: null }).where('id', 'in', ids).execute();
}

/** Delete schedules by id. */
export async function deleteSchedules(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('deployment_schedule').where('id', 'in', ids).execute();
}
