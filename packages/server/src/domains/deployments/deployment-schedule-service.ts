import { uuid7 } from '@weft/schemas';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { ConflictError, NotFoundError } from '../../errors';
import type { ServerResources } from '../../resources';
import { normalizeSchedule } from '../../schedules/normalize-schedule';
import { validateSchedule } from '../../schedules/validate-schedule';
import type { DeploymentService } from './deployment-contract';
import { deleteUnstartedAutoScheduledRuns } from './deployment-repository';
import {
  deleteSchedules,
  findSchedule,
  insertSchedules,
  listSchedulesOf,
  updateScheduleFields,
} from './deployment-schedule-repository';

type Db = Kysely<Database>;
/** Run a write of a deployment in a transaction that then makes its scheduled runs. */
export type WriteAndSchedule = <T>(
  write: (trx: Db, now: Date) => Promise<{ id: string; result: T }>,
) => Promise<T>;

type ScheduleProcedures = Pick<
  DeploymentService,
  'listSchedules' | 'createSchedule' | 'updateSchedule' | 'deleteSchedule'
>;

/**
 * Begin a schedule change of a deployment: NOT_FOUND when it is gone; its not-yet-run
 * auto-scheduled runs are deleted (made again from the new schedules) and its `updatedAt` moves,
 * so the scheduler sees a recently changed deployment.
 */
async function touchDeployment(trx: Db, deploymentId: string, now: Date): Promise<void> {
  await deleteUnstartedAutoScheduledRuns(trx, deploymentId);
  const row = await trx
    .updateTable('deployment')
    .set({ updated_at: now })
    .where('id', '=', deploymentId)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Deployment', deploymentId);
}

async function assertSlugFree(trx: Db, input: { deploymentId: string; slug: string; exceptId?: string }) {
  let query = trx
    .selectFrom('deployment_schedule')
    .select('id')
    .where('deployment_id', '=', input.deploymentId)
    .where('slug', '=', input.slug);
  if (input.exceptId) query = query.where('id', '<>', input.exceptId);
  if (await query.executeTakeFirst()) {
    throw new ConflictError(`slug: the deployment already has a schedule with slug "${input.slug}"`);
  }
}

/**
 * The schedule procedures of the deployment service. Each change reschedules like a deployment
 * update: unstarted auto-scheduled runs are deleted, then made again in the same transaction.
 */
export function createDeploymentScheduleService(
  resources: ServerResources,
  writeAndSchedule: WriteAndSchedule,
): ScheduleProcedures {
  const { db, clock } = resources;

  async function get(deploymentId: string, id: string) {
    const schedule = await findSchedule(db, { deploymentId, id });
    if (!schedule) throw new NotFoundError('Deployment schedule', id);
    return schedule;
  }

  return {
    async listSchedules(deploymentId) {
      const found = await db
        .selectFrom('deployment')
        .select('id')
        .where('id', '=', deploymentId)
        .executeTakeFirst();
      if (!found) throw new NotFoundError('Deployment', deploymentId);
      return (await listSchedulesOf(db, [deploymentId])).get(deploymentId) ?? [];
    },
    async createSchedule(input) {
      validateSchedule(input.schedule, 'schedule');
      const id = uuid7(clock().getTime());
      await writeAndSchedule(async (trx, now) => {
        await touchDeployment(trx, input.deploymentId, now);
        if (input.slug) await assertSlugFree(trx, { deploymentId: input.deploymentId, slug: input.slug });
        await insertSchedules(trx, {
          deploymentId: input.deploymentId,
          schedules: [
            {
              id,
              schedule: normalizeSchedule(input.schedule, now),
              active: input.active ?? true,
              parameters: input.parameters ?? {},
              slug: input.slug ?? null,
            },
          ],
          now,
        });
        return { id: input.deploymentId, result: undefined };
      });
      return get(input.deploymentId, id);
    },
    async updateSchedule(input) {
      if (input.schedule) validateSchedule(input.schedule, 'schedule');
      await writeAndSchedule(async (trx, now) => {
        await touchDeployment(trx, input.deploymentId, now);
        const current = await findSchedule(trx, {
          deploymentId: input.deploymentId,
          id: input.id,
          lock: true,
        });
        if (!current) throw new NotFoundError('Deployment schedule', input.id);
        if (input.slug) {
          await assertSlugFree(trx, {
            deploymentId: input.deploymentId,
            slug: input.slug,
            exceptId: input.id,
          });
        }
        // A partial update: what is left out stays (Prefect #17982: a toggle wiped parameters).
        await updateScheduleFields(trx, {
          id: input.id,
          fields: {
            ...(input.schedule && { schedule: normalizeSchedule(input.schedule, now) }),
            ...(input.active !== undefined && { active: input.active }),
            ...(input.parameters !== undefined && { parameters: input.parameters }),
            ...(input.slug !== undefined && { slug: input.slug }),
          },
          now,
        });
        return { id: input.deploymentId, result: undefined };
      });
      return get(input.deploymentId, input.id);
    },
    async deleteSchedule(input) {
      await writeAndSchedule(async (trx, now) => {
        await touchDeployment(trx, input.deploymentId, now);
        if (!(await findSchedule(trx, { deploymentId: input.deploymentId, id: input.id }))) {
          throw new NotFoundError('Deployment schedule', input.id);
        }
        await deleteSchedules(trx, [input.id]);
        return { id: input.deploymentId, result: undefined };
      });
      return { id: input.id };
    },
  };
}
