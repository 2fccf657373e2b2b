import { type FlowRun, type FlowRunCreate, FlowRunPolicy, generateRunName, uuid7 } from '@weft/schemas';
import type { z } from 'zod';
import { ConflictError, NotFoundError } from '../../errors';
import type { ServerResources } from '../../resources';
import type { FlowRunService } from '../../trpc/context';
import { findFlowById } from '../flows/flow-repository';
import { findTaskRun } from '../task-runs/task-run-repository';
import {
  countFlowRuns,
  deleteFlowRun,
  findFlowRun,
  findFlowRunByIdempotencyKey,
  insertFlowRun,
  listFlowRunStates,
  listFlowRuns,
  toFlowRun,
  updateFlowRunFields,
} from './flow-run-repository';
import { proposeFlowRunState } from './flow-run-state-writer';

export type { FlowRunService };

/** Create the flow run service. */
export function createFlowRunService(resources: ServerResources): FlowRunService {
  const { db, clock, events } = resources;
  const get = async (id: string) => {
    const row = await findFlowRun(db, id);
    if (!row) throw new NotFoundError('Flow run', id);
    return toFlowRun(row, clock());
  };

  async function create(input: z.output<typeof FlowRunCreate>): Promise<FlowRun> {
    const now = clock();
    const id = await db.transaction().execute(async (trx) => {
      if (!(await findFlowById(trx, input.flowId))) throw new NotFoundError('Flow', input.flowId);
      const key = input.idempotencyKey
        ? { flowId: input.flowId, idempotencyKey: input.idempotencyKey }
        : null;
      const existing = key && (await findFlowRunByIdempotencyKey(trx, key));
      if (existing) return { id: existing.id, created: false };
      if (input.parentTaskRunId && !(await findTaskRun(trx, input.parentTaskRunId))) {
        throw new NotFoundError('Task run', input.parentTaskRunId);
      }
      const runId = input.id ?? uuid7(now.getTime());
      const inserted = await insertFlowRun(trx, {
        id: runId,
        name: input.name ?? generateRunName(),
        flow_id: input.flowId,
        flow_version: input.flowVersion ?? null,
        parent_task_run_id: input.parentTaskRunId ?? null,
        idempotency_key: input.idempotencyKey ?? null,
        parameters: JSON.stringify(input.parameters),
        tags: input.tags,
        empirical_policy: JSON.stringify(FlowRunPolicy.parse(input.empiricalPolicy ?? {})),
        deployment_id: null,
        work_queue_name: null,
        infrastructure_pid: null,
        expected_start_time: null,
        next_scheduled_start_time: null,
        start_time: null,
        end_time: null,
        state_id: null,
        state_type: null,
        state_name: null,
        state_timestamp: null,
        created_at: now,
        updated_at: now,
      });
      if (!inserted) return { id: await resolveCreateConflict(trx, runId, input), created: false };
      // The initial state goes through orchestration with force semantics (reference §2.6).
      await proposeFlowRunState(trx, {
        id: runId,
        proposed: input.state ?? { type: 'PENDING' },
        force: true,
        now,
      });
      return { id: runId, created: true };
    });
    if (id.created) events.emit('flowRunChanged', { id: id.id });
    return get(id.id);
  }

  return {
    create,
    get,
    async list(input) {
      const now = clock();
      return (await listFlowRuns(db, input)).map((row) => toFlowRun(row, now));
    },
    count: (filter) => countFlowRuns(db, filter),
    async update(input) {
      const found = await db.transaction().execute((trx) => updateFlowRunFields(trx, input, clock()));
      if (!found) throw new NotFoundError('Flow run', input.id);
      events.emit('flowRunChanged', { id: input.id });
      return get(input.id);
    },
    async setState(input) {
      const now = clock();
      const outcome = await db.transaction().execute(async (trx) => {
        const result = await proposeFlowRunState(trx, {
          id: input.id,
          proposed: input.state,
          force: input.force,
          now,
        });
        if (!result) throw new NotFoundError('Flow run', input.id);
        return result;
      });
      if (outcome.written) events.emit('flowRunChanged', { id: input.id });
      return outcome.result;
    },
    async states(id) {
      await get(id);
      return listFlowRunStates(db, id);
    },
    async delete(id) {
      const deleted = await db.transaction().execute((trx) => deleteFlowRun(trx, id));
      if (!deleted) throw new NotFoundError('Flow run', id);
      events.emit('flowRunChanged', { id });
      return { id };
    },
    async *watch(id, signal) {
      // Subscribe before the first read so no change between the two is missed.
      const changes = events.stream('flowRunChanged', signal);
      yield await get(id);
      for await (const change of changes) {
        if (change.id !== id) continue;
        const row = await findFlowRun(db, id);
        if (!row) return;
        yield toFlowRun(row, clock());
      }
    },
  };
}

/** The run an insert collided with: the same idempotency key (a race), or the same id. */
async function resolveCreateConflict(
  db: ServerResources['db'],
  id: string,
  input: z.output<typeof FlowRunCreate>,
): Promise<string> {
  if (input.idempotencyKey) {
    const byKey = await findFlowRunByIdempotencyKey(db, {
      flowId: input.flowId,
      idempotencyKey: input.idempotencyKey,
    });
    if (byKey) return byKey.id;
  }
  const byId = await findFlowRun(db, id);
  if (byId && byId.flow_id === input.flowId) return byId.id;
  throw new ConflictError(`Flow run ${id} already exists for another flow`);
}
