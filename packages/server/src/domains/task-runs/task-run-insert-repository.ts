import { type State, type TaskRunCreate, TaskRunPolicy } from '@weft/schemas';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/database';
import { isForeignKeyViolation } from '../../db/pg-errors';
import { epochMs } from '../../db/state-rows';
import { NotFoundError } from '../../errors';
import { type TaskRunSnapshot, taskRunTransforms } from '../../orchestration/index';
import { stateInsert, type TaskRunStateInput } from './task-run-batch-repository';
import type { TaskRunWithStateRow } from './task-run-repository';

// The insert half of `taskRuns.recordBatch`. A task run and its first states usually arrive in
// the same batch, so their states are folded in JS first and the run is inserted with its final
// counts, times and current state: one INSERT, no UPDATE. Rows travel as one JSON parameter
// expanded by `jsonb_to_recordset`, which kysely's builder cannot express, hence `sql`.

type Db = Kysely<Database>;
type ParsedTaskRunCreate = z.output<typeof TaskRunCreate>;

/** What {@link insertTaskRuns} did. */
export interface InsertTaskRunsResult {
  /** Ids of the task runs inserted (not those skipped as already stored). */
  insertedIds: Set<string>;
  /** States written for the inserted runs. */
  states: number;
  /** The given states of runs that were not inserted here: record them on the stored runs. */
  remaining: TaskRunStateInput[];
}

/**
 * Insert task runs with their states from the same batch, skipping any run whose id or
 * (flowRunId, taskKey, dynamicKey) already exists. Throws NotFoundError when a referenced flow
 * run is missing.
 */
export async function insertTaskRuns(
  db: Db,
  input: { taskRuns: ParsedTaskRunCreate[]; states: TaskRunStateInput[]; now: Date },
): Promise<InsertTaskRunsResult> {
  const { taskRuns, states, now } = input;
  if (taskRuns.length === 0) return { insertedIds: new Set(), states: 0, remaining: states };
  await assertFlowRunsExist(db, taskRuns);
  const plan = planTaskRunInsert(taskRuns, states, now);
  const result = await sql<{ id: string }>`with ${taskRunInsertCtes(plan, sql``)} select id from run`.execute(
    db,
  );
  const insertedIds = new Set(result.rows.map((row) => row.id));
  const written =
    insertedIds.size === taskRuns.length ? plan.freshStates.length : countWritten(plan.folded, insertedIds);
  const remaining = states.filter((s) => !insertedIds.has(s.taskRunId));
  return { insertedIds, states: written, remaining };
}

/** Task runs to insert, each with the batch's states for it folded in (see {@link taskRunInsertCtes}). */
export function planTaskRunInsert(taskRuns: ParsedTaskRunCreate[], states: TaskRunStateInput[], now: Date) {
  const folded = foldFreshRuns(taskRuns, states);
  const records = taskRuns.map((run) => toInsertRecord(run, folded.get(run.id)!.snapshot, now));
  const freshStates = [...folded.values()].flatMap((entry) => entry.states);
  return { records, folded, freshStates, now };
}

/**
 * The CTEs `run` (the task runs inserted, `returning id`; rows filtered by `where` over alias `x`)
 * and `state` (their states, only for the runs `run` wrote: a run skipped as already stored gets
 * its states through `recordTaskRunStates` instead). Timestamps travel as epoch milliseconds
 * (exact through `to_timestamp(ms / 1000)`): a Date's toJSON cost more than the rest of its record.
 */
export function taskRunInsertCtes(plan: ReturnType<typeof planTaskRunInsert>, where: RawBuilder<unknown>) {
  return sql`run as (
      insert into task_run (id, name, flow_run_id, task_key, dynamic_key, task_version, cache_key,
        cache_expiration, tags, task_inputs, empirical_policy, flow_run_run_count, run_count,
        expected_start_time, start_time, end_time, total_run_time, state_id, state_type, state_name,
        state_timestamp, created_at, updated_at)
      select id, name, flow_run_id, task_key, dynamic_key, task_version, cache_key,
        to_timestamp(cache_expiration / 1000), tags, task_inputs, empirical_policy, flow_run_run_count,
        run_count, to_timestamp(expected_start_time / 1000), to_timestamp(start_time / 1000),
        to_timestamp(end_time / 1000), total_run_time, state_id, state_type, state_name,
        to_timestamp(state_timestamp / 1000), to_timestamp(created_at / 1000), ${plan.now}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(plan.records)}::jsonb) as x(id uuid, name text, flow_run_id uuid,
        task_key text, dynamic_key text, task_version text, cache_key text,
        cache_expiration double precision, tags text[], task_inputs jsonb, empirical_policy jsonb,
        flow_run_run_count integer, run_count integer, expected_start_time double precision,
        start_time double precision, end_time double precision, total_run_time double precision,
        state_id uuid, state_type text, state_name text, state_timestamp double precision,
        created_at double precision)
      ${where}
      on conflict do nothing
      returning id
    ), state as (
      ${stateInsert(plan.freshStates, sql`where x.task_run_id in (select id from run)`)}
    )`;
}

function countWritten(folded: ReturnType<typeof foldFreshRuns>, insertedIds: Set<string>): number {
  let count = 0;
  for (const id of insertedIds) count += folded.get(id)?.states.length ?? 0;
  return count;
}

/** Each batch run as if new, with the batch's states for it applied in order. */
function foldFreshRuns(taskRuns: ParsedTaskRunCreate[], states: TaskRunStateInput[]) {
  const folded = new Map<
    string,
    { snapshot: TaskRunSnapshot; states: Array<{ taskRunId: string; state: State }> }
  >();
  for (const run of taskRuns) {
    if (folded.has(run.id)) continue;
    const snapshot: TaskRunSnapshot = {
      id: run.id,
      flowRunId: run.flowRunId,
      runCount: 0,
      startTime: null,
      endTime: null,
      totalRunTime: 0,
      expectedStartTime: null,
      state: null,
    };
    folded.set(run.id, { snapshot, states: [] });
  }
  const seen = new Set<string>();
  for (const input of states) {
    const entry = folded.get(input.taskRunId);
    if (!entry || seen.has(input.state.id)) continue;
    seen.add(input.state.id);
    const { state, runPatch } = taskRunTransforms(entry.snapshot, input.state);
    // In place: the snapshot is this fold's own object, and nothing else holds it.
    Object.assign(entry.snapshot, runPatch, { state });
    entry.states.push({ taskRunId: input.taskRunId, state });
  }
  return folded;
}

function toInsertRecord(run: ParsedTaskRunCreate, snapshot: TaskRunSnapshot, now: Date) {
  return {
    id: run.id,
    name: run.name,
    flow_run_id: run.flowRunId,
    task_key: run.taskKey,
    dynamic_key: run.dynamicKey,
    task_version: run.taskVersion ?? null,
    cache_key: run.cacheKey ?? null,
    cache_expiration: epochMs(run.cacheExpiration),
    tags: run.tags,
    task_inputs: run.taskInputs,
    empirical_policy: run.empiricalPolicy ? TaskRunPolicy.parse(run.empiricalPolicy) : DEFAULT_POLICY,
    flow_run_run_count: run.flowRunRunCount,
    run_count: snapshot.runCount,
    expected_start_time: epochMs(snapshot.expectedStartTime),
    start_time: epochMs(snapshot.startTime),
    end_time: epochMs(snapshot.endTime),
    total_run_time: snapshot.totalRunTime,
    state_id: snapshot.state?.id ?? null,
    state_type: snapshot.state?.type ?? null,
    state_name: snapshot.state?.name ?? null,
    state_timestamp: epochMs(snapshot.state?.timestamp),
    created_at: (run.createdAt ?? now).getTime(),
  };
}

const DEFAULT_POLICY = TaskRunPolicy.parse({});

async function assertFlowRunsExist(db: Db, taskRuns: ParsedTaskRunCreate[]): Promise<void> {
  const ids = [...new Set(taskRuns.map((run) => run.flowRunId).filter((id): id is string => id !== null))];
  if (ids.length === 0) return;
  const found = await db.selectFrom('flow_run').select('id').where('id', 'in', ids).execute();
  const foundIds = new Set(found.map((row) => row.id));
  const missing = ids.find((id) => !foundIds.has(id));
  if (missing) throw new NotFoundError('Flow run', missing);
}

/**
 * Insert one task run (no states yet) unless its id or (flowRunId, taskKey, dynamicKey) exists:
 * the stored row, or undefined when skipped. Throws NotFoundError when its flow run is missing.
 */
export async function insertTaskRun(
  db: Db,
  run: ParsedTaskRunCreate,
  now: Date,
): Promise<TaskRunWithStateRow | undefined> {
  try {
    const row = await db
      .insertInto('task_run')
      .values({
        id: run.id,
        name: run.name,
        flow_run_id: run.flowRunId,
        task_key: run.taskKey,
        dynamic_key: run.dynamicKey,
        task_version: run.taskVersion ?? null,
        cache_key: run.cacheKey ?? null,
        cache_expiration: run.cacheExpiration ?? null,
        tags: run.tags,
        task_inputs: JSON.stringify(run.taskInputs),
        empirical_policy: JSON.stringify(TaskRunPolicy.parse(run.empiricalPolicy ?? {})),
        flow_run_run_count: run.flowRunRunCount,
        run_count: 0,
        total_run_time: 0,
        expected_start_time: null,
        start_time: null,
        end_time: null,
        state_id: null,
        state_type: null,
        state_name: null,
        state_timestamp: null,
        subflow_run_id: null,
        created_at: run.createdAt ?? now,
        updated_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    return row && { ...row, state_json: null };
  } catch (error) {
    if (isForeignKeyViolation(error) && run.flowRunId) {
      throw new NotFoundError('Flow run', run.flowRunId, { cause: error });
    }
    throw error;
  }
}
