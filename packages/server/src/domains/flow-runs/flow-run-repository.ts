import {
  type FlowRun,
  type FlowRunFilter,
  FlowRunPolicy,
  type FlowRunSort,
  type FlowRunUpdate,
  type State,
  type StateType,
} from '@weft/schemas';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { Database, FlowRunRow } from '../../db/database';
import { estimatedRunTime, estimatedStartTimeDelta, type StateRowLike, toState } from '../../db/state-rows';
import type { FlowRunSnapshot } from '../../orchestration/index';
import { FLOW_RUN_ORDER, flowRunFilterCondition } from './flow-run-filters';

type Db = Kysely<Database>;

/** A flow run row with its flow's name and current state row (as JSON) joined. */
export type FlowRunWithStateRow = FlowRunRow & { flow_name: string; state_json: StateRowLike | null };

/** A flow run row as the API type, derived fields computed at `now`. */
export function toFlowRun(row: FlowRunWithStateRow, now: Date): FlowRun {
  return {
    id: row.id,
    name: row.name,
    flowId: row.flow_id,
    flowName: row.flow_name,
    flowVersion: row.flow_version,
    deploymentId: row.deployment_id,
    deploymentVersion: row.deployment_version,
    workPoolName: row.work_pool_name,
    workQueueName: row.work_queue_name,
    workQueueId: row.work_queue_id,
    jobVariables: row.job_variables as FlowRun['jobVariables'],
    autoScheduled: row.auto_scheduled,
    createdBy: row.created_by,
    parentTaskRunId: row.parent_task_run_id,
    idempotencyKey: row.idempotency_key,
    parameters: row.parameters as FlowRun['parameters'],
    tags: row.tags,
    runCount: row.run_count,
    expectedStartTime: row.expected_start_time,
    nextScheduledStartTime: row.next_scheduled_start_time,
    startTime: row.start_time,
    endTime: row.end_time,
    totalRunTime: row.total_run_time,
    estimatedRunTime: estimatedRunTime(row, now),
    estimatedStartTimeDelta: estimatedStartTimeDelta(row, now),
    stateId: row.state_id,
    stateType: row.state_type as StateType | null,
    stateName: row.state_name,
    state: row.state_json ? toState(row.state_json) : null,
    empiricalPolicy: FlowRunPolicy.parse(row.empirical_policy),
    infrastructurePid: row.infrastructure_pid,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function selectFlowRuns(db: Db) {
  return db
    .selectFrom('flow_run')
    .innerJoin('flow', 'flow.id', 'flow_run.flow_id')
    .leftJoin('flow_run_state', 'flow_run_state.id', 'flow_run.state_id')
    .selectAll('flow_run')
    .select('flow.name as flow_name')
    .select(sql<StateRowLike | null>`to_jsonb(flow_run_state)`.as('state_json'));
}

/** A flow run by id, or undefined. */
export function findFlowRun(db: Db, id: string): Promise<FlowRunWithStateRow | undefined> {
  return selectFlowRuns(db).where('flow_run.id', '=', id).executeTakeFirst();
}

/** The flow run of a flow with an idempotency key, or undefined. */
export function findFlowRunByIdempotencyKey(
  db: Db,
  key: { flowId: string; idempotencyKey: string },
): Promise<FlowRunWithStateRow | undefined> {
  return selectFlowRuns(db)
    .where('flow_run.flow_id', '=', key.flowId)
    .where('flow_run.idempotency_key', '=', key.idempotencyKey)
    .executeTakeFirst();
}

/** Lock a flow run (`FOR NO KEY UPDATE`) and load what orchestration needs, or undefined. */
export async function lockFlowRunSnapshot(db: Db, id: string): Promise<FlowRunSnapshot | undefined> {
  const row = await db
    .selectFrom('flow_run')
    .selectAll('flow_run')
    .select(
      sql<StateRowLike | null>`(select to_jsonb(s) from flow_run_state s where s.id = flow_run.state_id)`.as(
        'state_json',
      ),
    )
    .where('flow_run.id', '=', id)
    // NO KEY UPDATE, not UPDATE: a state change never touches the key, so it must not wait for
    // task run batches whose foreign key checks hold KEY SHARE on the run (nor they for it).
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    runCount: row.run_count,
    deploymentId: row.deployment_id,
    parentTaskRunId: row.parent_task_run_id,
    infrastructurePid: row.infrastructure_pid,
    empiricalPolicy: FlowRunPolicy.parse(row.empirical_policy),
    startTime: row.start_time,
    endTime: row.end_time,
    totalRunTime: row.total_run_time,
    expectedStartTime: row.expected_start_time,
    nextScheduledStartTime: row.next_scheduled_start_time,
    state: row.state_json ? toState(row.state_json) : null,
  };
}

/** Flow runs matching a filter, sorted and paged. */
export function listFlowRuns(
  db: Db,
  input: { filter?: FlowRunFilter; sort: FlowRunSort; limit: number; offset: number },
): Promise<FlowRunWithStateRow[]> {
  return selectFlowRuns(db)
    .where(flowRunFilterCondition(input.filter))
    .orderBy(sql.raw(FLOW_RUN_ORDER[input.sort]))
    .limit(input.limit)
    .offset(input.offset)
    .execute();
}

/**
 * The most recently started run of each flow (flows without a started run have none): per flow,
 * the newest start time, read through the flow_id index.
 */
export function latestStartedFlowRuns(db: Db, flowIds: string[]): Promise<FlowRunWithStateRow[]> {
  return selectFlowRuns(db)
    .where(
      sql<boolean>`flow_run.id in (
        select latest.id from unnest(${flowIds}::uuid[]) as f(id)
        cross join lateral (
          select r.id from flow_run r where r.flow_id = f.id and r.start_time is not null
          order by r.start_time desc, r.id desc limit 1
        ) latest)`,
    )
    .orderBy('flow_run.start_time', 'desc')
    .execute();
}

/** How many flow runs match a filter. */
export async function countFlowRuns(db: Db, filter: FlowRunFilter | undefined): Promise<number> {
  const row = await db
    .selectFrom('flow_run')
    .innerJoin('flow', 'flow.id', 'flow_run.flow_id')
    .select(sql<number>`count(*)::int`.as('count'))
    .where(flowRunFilterCondition(filter))
    .executeTakeFirstOrThrow();
  return row.count;
}

/** A flow run's states, oldest first. */
export async function listFlowRunStates(db: Db, flowRunId: string): Promise<State[]> {
  const rows = await db
    .selectFrom('flow_run_state')
    .selectAll()
    .where('flow_run_id', '=', flowRunId)
    .orderBy('timestamp', 'asc')
    .orderBy('id', 'asc')
    .execute();
  return rows.map(toState);
}

/**
 * Delete a flow run with its states, task runs (and their states) and logs; true if it existed.
 * Call it in a transaction. The run goes first: that waits for any batch writing task runs of it
 * (the batch holds the run `for key share`), so the task runs deleted next are all there are, and
 * a batch that comes later finds the run gone.
 */
export async function deleteFlowRun(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('flow_run').where('id', '=', id).executeTakeFirst();
  await deleteFlowRunChildren(db, [id]);
  return result.numDeletedRows > 0n;
}

/**
 * Delete the task runs, task run states and logs of flow runs just deleted, in one statement:
 * none of them has a foreign key to cascade from (see the migrations: a key's check per inserted
 * row cost too much in batches).
 */
export async function deleteFlowRunChildren(db: Db, flowRunIds: string[]): Promise<void> {
  if (flowRunIds.length === 0) return;
  await sql`
    with t as (delete from task_run where flow_run_id = any(${flowRunIds}::uuid[]) returning id),
    s as (delete from task_run_state where task_run_id in (select id from t))
    delete from log where flow_run_id = any(${flowRunIds}::uuid[]) or task_run_id in (select id from t)`.execute(
    db,
  );
}

/**
 * Change a flow run's descriptive fields in one statement (no read first): the policy update is
 * merged into the stored policy with `jsonb ||`, so concurrent changes of other keys survive.
 * Returns whether the run exists.
 */
export async function updateFlowRunFields(
  db: Db,
  input: z.output<typeof FlowRunUpdate>,
  now: Date,
): Promise<boolean> {
  const policy = input.empiricalPolicy && Object.keys(input.empiricalPolicy).length > 0;
  const result = await db
    .updateTable('flow_run')
    .set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.flowVersion !== undefined && { flow_version: input.flowVersion }),
      ...(input.parameters !== undefined && { parameters: JSON.stringify(input.parameters) }),
      ...(input.tags !== undefined && { tags: input.tags }),
      ...(policy && {
        empirical_policy: sql<string>`flow_run.empirical_policy || ${JSON.stringify(input.empiricalPolicy)}::jsonb`,
      }),
      ...(input.infrastructurePid !== undefined && { infrastructure_pid: input.infrastructurePid }),
      updated_at: now,
    })
    .where('id', '=', input.id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
