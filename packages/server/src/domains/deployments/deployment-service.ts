import type { DeploymentRef } from '@weft/schemas';
import { uuid7 } from '@weft/schemas';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { NotFoundError } from '../../errors';
import type { ServerResources } from '../../resources';
import { scheduleDeploymentRuns } from '../../services/scheduler';
import { findFlowById, upsertFlowByName } from '../flows/flow-repository';
import { claimDeploymentFlowRuns } from '../work-pools/claim-flow-runs';
import { deleteDeploymentLeases, renewDeploymentLease } from './deployment-concurrency-repository';
import type { DeploymentService } from './deployment-contract';
import { createDeploymentFlowRunCreator } from './deployment-flow-run-creator';
import { createParameterValidator } from './deployment-parameters';
import {
  countDeployments,
  type DeploymentWithFlowRow,
  deleteUnstartedAutoScheduledRuns,
  findDeployment,
  findDeploymentByFlowAndName,
  findDeploymentByName,
  listDeployments,
  toDeployment,
} from './deployment-repository';
import { listSchedulesOf } from './deployment-schedule-repository';
import { createDeploymentScheduleService } from './deployment-schedule-service';
import { checkDeploymentFields, writeDeployment } from './deployment-writer';

export type { DeploymentService };

type Db = Kysely<Database>;

/** A deployment by id or by `flow-name/deployment-name`; NOT_FOUND when there is none. */
export async function getDeploymentRow(db: Db, ref: DeploymentRef): Promise<DeploymentWithFlowRow> {
  if ('id' in ref) {
    const row = await findDeployment(db, ref.id);
    if (!row) throw new NotFoundError('Deployment', ref.id);
    return row;
  }
  const [flowName = '', name = ''] = ref.name.split('/');
  const row = await findDeploymentByName(db, { flowName, name });
  if (!row) throw new NotFoundError('Deployment', ref.name);
  return row;
}

/** Create the deployment service. */
export function createDeploymentService(resources: ServerResources): DeploymentService {
  const { db, clock } = resources;
  const createFlowRun = createDeploymentFlowRunCreator(resources, createParameterValidator());

  async function get(ref: DeploymentRef) {
    const row = await getDeploymentRow(db, ref);
    const schedules = await listSchedulesOf(db, [row.id]);
    return toDeployment(row, schedules.get(row.id) ?? [], clock());
  }

  /**
   * A write of a deployment in one transaction, then its new scheduled runs made in the same
   * transaction (so they appear at once, not on the scheduler's next pass) and announced once it
   * committed. Returns what `write` returned.
   */
  async function writeAndSchedule<T>(
    write: (trx: Db, now: Date) => Promise<{ id: string; result: T }>,
  ): Promise<T> {
    const now = clock();
    const { result, ids } = await db.transaction().execute(async (trx) => {
      const written = await write(trx, now);
      const ids = await scheduleDeploymentRuns(trx, { deploymentId: written.id, now, resources });
      return { result: written.result, ids };
    });
    if (ids.length > 0) resources.events.emit('flowRunsScheduled', { ids });
    return result;
  }

  async function setPaused(id: string, paused: boolean) {
    await writeAndSchedule(async (trx, now) => {
      if (paused) await deleteUnstartedAutoScheduledRuns(trx, id);
      const row = await trx
        .updateTable('deployment')
        .set({ paused, updated_at: now })
        .where('id', '=', id)
        .returning('id')
        .executeTakeFirst();
      if (!row) throw new NotFoundError('Deployment', id);
      return { id, result: undefined };
    });
    return get({ id });
  }

  const schedules = createDeploymentScheduleService(resources, writeAndSchedule);

  return {
    async create(input) {
      checkDeploymentFields(input);
      const id = await writeAndSchedule(async (trx, now) => {
        const flowId = input.flowId ?? (await flowIdByName(trx, input.flowName ?? '', now));
        if (input.flowId && !(await findFlowById(trx, input.flowId)))
          throw new NotFoundError('Flow', input.flowId);
        const existing = await findDeploymentByFlowAndName(trx, { flowId, name: input.name });
        const id = await writeDeployment(trx, { existing, flowId, name: input.name, fields: input, now });
        return { id, result: id };
      });
      return get({ id });
    },
    get,
    async list(input) {
      const now = clock();
      const rows = await listDeployments(db, { ...input, now });
      const schedules = await listSchedulesOf(
        db,
        rows.map((row) => row.id),
      );
      return rows.map((row) => toDeployment(row, schedules.get(row.id) ?? [], now));
    },
    count: (filter) => countDeployments(db, filter, clock()),
    async update(input) {
      checkDeploymentFields(input);
      await writeAndSchedule(async (trx, now) => {
        const existing = await findDeployment(trx, input.id);
        if (!existing) throw new NotFoundError('Deployment', input.id);
        await writeDeployment(trx, {
          existing,
          flowId: existing.flow_id,
          name: existing.name,
          fields: input,
          now,
        });
        return { id: input.id, result: undefined };
      });
      return get({ id: input.id });
    },
    async delete(id) {
      await db.transaction().execute(async (trx) => {
        await deleteUnstartedAutoScheduledRuns(trx, id);
        const row = await trx
          .deleteFrom('deployment')
          .where('id', '=', id)
          .returning('id')
          .executeTakeFirst();
        if (!row) throw new NotFoundError('Deployment', id);
        await deleteDeploymentLeases(trx, id);
      });
      return { id };
    },
    pause: (id) => setPaused(id, true),
    resume: (id) => setPaused(id, false),
    ...schedules,
    async createFlowRun(input) {
      return createFlowRun(input, await getDeploymentRow(db, input.deployment));
    },
    claimFlowRuns: (input) => claimDeploymentFlowRuns(resources, input),
    async renewConcurrencyLease(input) {
      const expiresAt = await renewDeploymentLease(db, { flowRunId: input.flowRunId, now: clock() });
      return { expiresAt };
    },
  };
}

async function flowIdByName(trx: Db, name: string, now: Date): Promise<string> {
  const flow = await upsertFlowByName(trx, { id: uuid7(now.getTime()), name, tags: [], now });
  return flow.id;
}
