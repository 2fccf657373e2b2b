import { type State, type TaskRunCreate, TaskRunPolicy } from '@weft/schemas';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/database';
import { FixedStatement, textArrayLiteral, unnestParameters, unnestRows } from '../../db/fixed-statement';
import { epochMs } from '../../db/state-rows';
import { NotFoundError } from '../../errors';
import { applyTaskRunTransforms, type TaskRunSnapshot } from '../../orchestration/index';
import {
  STATE_INSERT_PARAMETERS,
  stateInsertParameters,
  stateInsertText,
  type TaskRunStateInput,
} from './task-run-batch-repository';
import type { TaskRunWithStateRow } from './task-run-repository';

// The insert half of `taskRuns.recordBatch`. A task run and its first states usually arrive in
// the same batch, so their states are folded in JS first and the run is inserted with its final
// counts, times and current state: one INSERT, no UPDATE. Rows travel as typed arrays expanded
// by `unnest`, which kysely's builder cannot express, hence SQL text.

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
  await lockFlowRuns(
    db,
    taskRuns.map((run) => run.flowRunId),
  );
  const plan = planTaskRunInsert(taskRuns, states, now);
  const result = await INSERT_TASK_RUNS.execute(db, taskRunInsertParameters(plan));
  const insertedIds = new Set(result.rows.map((row) => row.id));
  const written =
    insertedIds.size === taskRuns.length ? plan.freshStates.length : countWritten(plan.folded, insertedIds);
  const remaining = states.filter((s) => !insertedIds.has(s.taskRunId));
  return { insertedIds, states: written, remaining };
}

/** Task runs to insert, each with the batch's states for it folded in (see {@link taskRunInsertCtes}). */
export function planTaskRunInsert(taskRuns: ParsedTaskRunCreate[], states: TaskRunStateInput[], now: Date) {
  const folded = foldFreshRuns(taskRuns, states);
  const columns = insertColumns(taskRuns, folded, now);
  const freshStates = [...folded.values()].flatMap((entry) => entry.states);
  return { count: taskRuns.length, columns, folded, freshStates, now };
}

type Plan = ReturnType<typeof planTaskRunInsert>;

/** The task run columns as they travel: one typed array each, in parameter order. */
const RUN_ARRAYS = [
  ['id', 'uuid'],
  ['name', 'text'],
  ['flow_run_id', 'uuid'],
  ['task_key', 'text'],
  ['dynamic_key', 'text'],
  ['task_version', 'text'],
  ['cache_key', 'text'],
  ['cache_expiration', 'float8'],
  ['tags', 'text'],
  ['task_inputs', 'text'],
  ['empirical_policy', 'text'],
  ['flow_run_run_count', 'int'],
  ['run_count', 'int'],
  ['expected_start_time', 'float8'],
  ['start_time', 'float8'],
  ['end_time', 'float8'],
  ['total_run_time', 'float8'],
  ['state_id', 'uuid'],
  ['state_type', 'text'],
  ['state_name', 'text'],
  ['state_timestamp', 'float8'],
  ['created_at', 'float8'],
] as const;

/** How many parameters {@link taskRunInsertCtes} takes. */
export const TASK_RUN_INSERT_PARAMETERS = RUN_ARRAYS.length + STATE_INSERT_PARAMETERS + 1;

/**
 * The CTEs `run` (the task runs inserted, `returning id`; rows filtered by `where.run` over alias
 * `x`) and `state` (their states, filtered by `where.state`), their parameters numbered from
 * `$from` (see {@link taskRunInsertParameters}). A run skipped as already stored must not get its
 * states here (it gets them through `recordTaskRunStates`): `where.state` sees to that. The states
 * of the runs inserted here cannot be stored yet, so a state id that is (another run's) fails the
 * statement with a unique violation (CONFLICT) instead of being skipped. Rows
 * travel as one typed array per column, expanded by `unnest` (no JSON object per row for the
 * database to parse); timestamps as epoch milliseconds, exact through `to_timestamp(ms / 1000)`.
 */
export function taskRunInsertCtes(from: number, where: { run: string; state: string }): string {
  return `run as (
      insert into task_run (id, name, flow_run_id, task_key, dynamic_key, task_version, cache_key,
        cache_expiration, tags, task_inputs, empirical_policy, flow_run_run_count, run_count,
        expected_start_time, start_time, end_time, total_run_time, state_id, state_type, state_name,
        state_timestamp, created_at, updated_at)
      select id, name, flow_run_id, task_key, dynamic_key, task_version, cache_key,
        to_timestamp(cache_expiration / 1000), tags::text[], task_inputs::jsonb, empirical_policy::jsonb,
        flow_run_run_count, run_count, to_timestamp(expected_start_time / 1000),
        to_timestamp(start_time / 1000), to_timestamp(end_time / 1000), total_run_time, state_id,
        state_type, state_name, to_timestamp(state_timestamp / 1000), to_timestamp(created_at / 1000),
        $${from}::timestamptz
      from ${unnestRows(RUN_ARRAYS, from + 1)}
      ${where.run}
      on conflict do nothing
      returning id
    ), state as (
      ${stateInsertText(from + 1 + RUN_ARRAYS.length, where.state, 'fail')}
    )`;
}

/** The parameters of {@link taskRunInsertCtes}, in order. */
export function taskRunInsertParameters(plan: Plan): unknown[] {
  return [
    plan.now,
    ...unnestParameters(RUN_ARRAYS, plan.columns),
    ...stateInsertParameters(plan.freshStates),
  ];
}

const INSERT_TASK_RUNS = new FixedStatement<{ id: string }>(
  `with ${taskRunInsertCtes(1, { run: '', state: 'where x.task_run_id in (select id from run)' })} select id from run`,
);

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
    // In place: the snapshot is this fold's own object, and nothing else holds it.
    const state = applyTaskRunTransforms(entry.snapshot, input.state);
    entry.states.push({ taskRunId: input.taskRunId, state });
  }
  return folded;
}

/** The insert's columns, one array each, row i being `taskRuns[i]` with its folded states. */
function insertColumns(taskRuns: ParsedTaskRunCreate[], folded: ReturnType<typeof foldFreshRuns>, now: Date) {
  const n = taskRuns.length;
  const column = <T>() => new Array<T>(n);
  const c = {
    id: column<string>(),
    name: column<string>(),
    flow_run_id: column<string | null>(),
    task_key: column<string>(),
    dynamic_key: column<string>(),
    task_version: column<string | null>(),
    cache_key: column<string | null>(),
    cache_expiration: column<number | null>(),
    /** Each run's tags as a Postgres array literal (an array column of arrays can't be ragged). */
    tags: column<string>(),
    task_inputs: column<string>(),
    empirical_policy: column<string>(),
    flow_run_run_count: column<number>(),
    run_count: column<number>(),
    expected_start_time: column<number | null>(),
    start_time: column<number | null>(),
    end_time: column<number | null>(),
    total_run_time: column<number>(),
    state_id: column<string | null>(),
    state_type: column<string | null>(),
    state_name: column<string | null>(),
    state_timestamp: column<number | null>(),
    created_at: column<number>(),
  } satisfies Record<(typeof RUN_ARRAYS)[number][0], unknown[]>;
  for (let i = 0; i < n; i++) {
    const run = taskRuns[i]!;
    const snapshot = folded.get(run.id)!.snapshot;
    c.id[i] = run.id;
    c.name[i] = run.name;
    c.flow_run_id[i] = run.flowRunId;
    c.task_key[i] = run.taskKey;
    c.dynamic_key[i] = run.dynamicKey;
    c.task_version[i] = run.taskVersion ?? null;
    c.cache_key[i] = run.cacheKey ?? null;
    c.cache_expiration[i] = epochMs(run.cacheExpiration);
    c.tags[i] = textArrayLiteral(run.tags);
    c.task_inputs[i] = JSON.stringify(run.taskInputs);
    c.empirical_policy[i] = run.empiricalPolicy
      ? JSON.stringify(TaskRunPolicy.parse(run.empiricalPolicy))
      : DEFAULT_POLICY_JSON;
    c.flow_run_run_count[i] = run.flowRunRunCount;
    c.run_count[i] = snapshot.runCount;
    c.expected_start_time[i] = epochMs(snapshot.expectedStartTime);
    c.start_time[i] = epochMs(snapshot.startTime);
    c.end_time[i] = epochMs(snapshot.endTime);
    c.total_run_time[i] = snapshot.totalRunTime;
    c.state_id[i] = snapshot.state?.id ?? null;
    c.state_type[i] = snapshot.state?.type ?? null;
    c.state_name[i] = snapshot.state?.name ?? null;
    c.state_timestamp[i] = epochMs(snapshot.state?.timestamp);
    c.created_at[i] = (run.createdAt ?? now).getTime();
  }
  return c;
}

const DEFAULT_POLICY_JSON = JSON.stringify(TaskRunPolicy.parse({}));

/**
 * Throw NotFoundError unless every flow run the task runs name exists, and hold each one
 * `for key share` until the transaction ends, so it cannot be deleted under the task runs being
 * written (task_run has no foreign key to flow_run: see the migration that dropped it).
 */
async function lockFlowRuns(db: Db, flowRunIds: Iterable<string | null>): Promise<void> {
  const ids = [...new Set(flowRunIds)].filter((id): id is string => id !== null);
  if (ids.length === 0) return;
  const found = await sql<{ id: string }>`
    select id from flow_run where id = any(${ids}::uuid[]) for key share`.execute(db);
  const foundIds = new Set(found.rows.map((row) => row.id));
  const missing = ids.find((id) => !foundIds.has(id));
  if (missing) throw new NotFoundError('Flow run', missing);
}

/**
 * Insert one task run (no states yet) unless its id or (flowRunId, taskKey, dynamicKey) exists:
 * the stored row, or undefined when skipped. Throws NotFoundError when its flow run is missing.
 * Runs in its own transaction (the flow run stays locked until the insert commits).
 */
export async function insertTaskRun(
  db: Db,
  run: ParsedTaskRunCreate,
  now: Date,
): Promise<TaskRunWithStateRow | undefined> {
  return db.transaction().execute(async (trx) => {
    await lockFlowRuns(trx, [run.flowRunId]);
    const row = await trx
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
  });
}
