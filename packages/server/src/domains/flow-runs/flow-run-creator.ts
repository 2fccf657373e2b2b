import {
  type FlowRun,
  type FlowRunCreate,
  FlowRunPolicy,
  generateRunName,
  type State,
  uuid7,
} from '@weft/schemas';
import type { z } from 'zod';
import type { NewFlowRun } from '../../db/database';
import { isForeignKeyViolation } from '../../db/pg-errors';
import { denormalisedStateColumns, stateColumns } from '../../db/state-rows';
import { ConflictError, NotFoundError } from '../../errors';
import { type FlowRunSnapshot, orchestrateFlowRunTransition } from '../../orchestration/index';
import type { ServerResources } from '../../resources';
import { findFlowById } from '../flows/flow-repository';
import { findTaskRun } from '../task-runs/task-run-repository';
import { findFlowRun, findFlowRunByIdempotencyKey, toFlowRun } from './flow-run-repository';
import type { FlowRunSnapshotCache } from './flow-run-snapshot-cache';
import { mirrorOntoParentTaskRun } from './flow-run-state-writer';
import { insertFlowRunWithState } from './flow-run-write-repository';

type Input = z.output<typeof FlowRunCreate>;

/** Flow names by id. Flows are never renamed, so a hit stays true; a deleted flow fails the key. */
const MAX_CACHED_FLOWS = 10_000;

/**
 * `flowRuns.create`: the first state is orchestrated (force semantics, reference §2.6) against
 * the run as it will be inserted, so the run and its state go in with one statement and the
 * answer is built from what was written, without reading it back.
 * @internal
 */
export function createFlowRunCreator(
  resources: ServerResources,
  snapshots: FlowRunSnapshotCache,
): (input: Input) => Promise<FlowRun> {
  const { db, clock, events } = resources;
  const flowNames = new Map<string, string>();

  async function flowName(flowId: string): Promise<string> {
    const cached = flowNames.get(flowId);
    if (cached !== undefined) return cached;
    const flow = await findFlowById(db, flowId);
    if (!flow) throw new NotFoundError('Flow', flowId);
    if (flowNames.size >= MAX_CACHED_FLOWS) flowNames.clear();
    flowNames.set(flowId, flow.name);
    return flow.name;
  }

  async function insert(input: {
    run: ReturnType<typeof planFlowRun>['run'];
    state: State | null;
    parentTaskRunId: string | null;
    now: Date;
  }) {
    const { run, state, parentTaskRunId, now } = input;
    if (!parentTaskRunId) return insertFlowRunWithState(db, run, state);
    return db.transaction().execute(async (trx) => {
      const version = await insertFlowRunWithState(trx, run, state);
      if (!version) return undefined;
      if (!(await findTaskRun(trx, parentTaskRunId))) throw new NotFoundError('Task run', parentTaskRunId);
      if (state) await mirrorOntoParentTaskRun(trx, { flowRunId: run.id, parentTaskRunId, state, now });
      return version;
    });
  }

  return async function create(input) {
    const now = clock();
    const name = await flowName(input.flowId);
    const { run, state, snapshot } = planFlowRun(input, now);
    let inserted: string | undefined;
    try {
      inserted = await insert({ run, state, parentTaskRunId: input.parentTaskRunId ?? null, now });
    } catch (error) {
      if (!isForeignKeyViolation(error)) throw error;
      flowNames.delete(input.flowId);
      throw new NotFoundError('Flow', input.flowId, { cause: error });
    }
    if (!inserted) {
      const id = await resolveCreateConflict(db, run.id, input);
      const row = await findFlowRun(db, id);
      if (!row) throw new NotFoundError('Flow run', id);
      return toFlowRun(row, clock());
    }
    // Its next state change can skip reading the run (see trySetStateFast); a subflow's cannot.
    if (!snapshot.parentTaskRunId) snapshots.set(run.id, { snapshot, version: inserted });
    events.emit('flowRunChanged', { id: run.id });
    return toFlowRun(writtenRow(run, state, name), now);
  };
}

/** The columns a run of a deployment carries (`deployments.createFlowRun`). @internal */
export interface DeploymentRunColumns {
  deployment_id: string;
  deployment_version: string | null;
  work_pool_name: string | null;
  work_queue_name: string | null;
  work_queue_id: string | null;
  /** JSON text. */
  job_variables: string;
  /** JSON text of a RunCreator, or null. */
  created_by: string | null;
}

/**
 * The run row to insert, with its orchestrated first state (null when none is written).
 * @internal
 */
export function planFlowRun(input: Input, now: Date, deployment?: DeploymentRunColumns) {
  const id = input.id ?? uuid7(now.getTime());
  const policy = FlowRunPolicy.parse(input.empiricalPolicy ?? {});
  const snapshot: FlowRunSnapshot = {
    id,
    runCount: 0,
    deploymentId: deployment?.deployment_id ?? null,
    parentTaskRunId: input.parentTaskRunId ?? null,
    infrastructurePid: null,
    empiricalPolicy: policy,
    startTime: null,
    endTime: null,
    totalRunTime: 0,
    expectedStartTime: null,
    nextScheduledStartTime: null,
    state: null,
  };
  const { write } = orchestrateFlowRunTransition({
    run: snapshot,
    proposed: input.state ?? { type: 'PENDING' },
    now,
    force: true,
  });
  const patch = write?.runPatch ?? {};
  const run = {
    id,
    name: input.name ?? generateRunName(),
    flow_id: input.flowId,
    flow_version: input.flowVersion ?? null,
    parent_task_run_id: input.parentTaskRunId ?? null,
    idempotency_key: input.idempotencyKey ?? null,
    parameters: JSON.stringify(input.parameters),
    tags: input.tags,
    empirical_policy: JSON.stringify(patch.empiricalPolicy ?? policy),
    deployment_id: null,
    deployment_version: null,
    work_pool_name: null,
    work_queue_name: null,
    work_queue_id: null,
    job_variables: '{}',
    auto_scheduled: false,
    created_by: null,
    ...deployment,
    infrastructure_pid: null,
    run_count: patch.runCount ?? 0,
    total_run_time: patch.totalRunTime ?? 0,
    expected_start_time: patch.expectedStartTime ?? null,
    next_scheduled_start_time: patch.nextScheduledStartTime ?? null,
    start_time: patch.startTime ?? null,
    end_time: patch.endTime ?? null,
    state_id: null,
    state_type: null,
    state_name: null,
    state_timestamp: null,
    ...(write && denormalisedStateColumns(write.state)),
    created_at: now,
    updated_at: now,
  } satisfies NewFlowRun;
  const state = write?.state ?? null;
  return { run, state, snapshot: { ...snapshot, ...patch, state } satisfies FlowRunSnapshot };
}

/** The inserted run as a read would return it: JSON columns as they come back from jsonb. @internal */
export function writtenRow(
  run: ReturnType<typeof planFlowRun>['run'],
  state: State | null,
  flowName: string,
) {
  const columns = state && stateColumns(state);
  return {
    ...run,
    parameters: JSON.parse(run.parameters) as Record<string, unknown>,
    empirical_policy: JSON.parse(run.empirical_policy) as Record<string, unknown>,
    job_variables: JSON.parse(run.job_variables) as Record<string, unknown>,
    created_by: run.created_by === null ? null : (JSON.parse(run.created_by) as FlowRun['createdBy']),
    flow_name: flowName,
    state_json: columns && {
      ...columns,
      state_details: JSON.parse(columns.state_details) as unknown,
      data: columns.data === null ? null : (JSON.parse(columns.data) as unknown),
    },
  };
}

/** The run an insert collided with: the same idempotency key (a race), or the same id. */
async function resolveCreateConflict(db: ServerResources['db'], id: string, input: Input): Promise<string> {
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
