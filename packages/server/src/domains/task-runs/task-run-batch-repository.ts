import type { State } from '@weft/schemas';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database';
import { FixedStatement, unnestParameters, unnestRows } from '../../db/fixed-statement';
import { type StateRowLike, toState } from '../../db/state-rows';
import { ConflictError, NotFoundError } from '../../errors';
import { type TaskRunSnapshot, taskRunTransforms } from '../../orchestration/index';

// Set-based writes for `taskRuns.recordBatch` (target: 20,000 task runs/s with 3 states each on
// Postgres): a fixed number of statements per batch, whatever its size. States travel as typed
// arrays expanded by `unnest`, updated runs as one JSON parameter expanded by
// `jsonb_to_recordset`; kysely's builder can express neither, hence SQL text.

type Db = Kysely<Database>;

/** A state to record on a task run, already orchestrated by the engine. */
export interface TaskRunStateInput {
  taskRunId: string;
  state: State;
  /** Set when the state mirrors a subflow run's state (reference §2.3 UpdateSubflowParentTask). */
  subflowRunId?: string;
}

interface LockedTaskRun extends TaskRunSnapshot {
  stateChanged: boolean;
  subflowRunId: string | null;
}

/**
 * Record task run states in order, each through the global transforms (run count, times,
 * expected start). A state whose id is already stored is skipped, so a re-sent batch is a no-op.
 * Throws NotFoundError (or ConflictError, for a run in `batchIds` dropped as a duplicate key)
 * when a state names a task run that does not exist. Returns how many states were written.
 */
export async function recordTaskRunStates(
  db: Db,
  inputs: TaskRunStateInput[],
  options: { now: Date; batchTaskRunIds?: ReadonlySet<string> },
): Promise<number> {
  if (inputs.length === 0) return 0;
  const runs = await lockTaskRuns(db, [...new Set(inputs.map((input) => input.taskRunId))]);
  for (const input of inputs) {
    if (runs.has(input.taskRunId)) continue;
    if (options.batchTaskRunIds?.has(input.taskRunId)) {
      throw new ConflictError(
        `Task run ${input.taskRunId} was not created: another task run has its (flowRunId, taskKey, dynamicKey)`,
      );
    }
    throw new NotFoundError('Task run', input.taskRunId);
  }
  const seen = await existingStateIds(
    db,
    inputs.map((input) => input.state.id),
  );
  const newStates: Array<{ taskRunId: string; state: State }> = [];
  for (const input of inputs) {
    if (seen.has(input.state.id)) continue;
    seen.add(input.state.id);
    const run = runs.get(input.taskRunId)!;
    const { state, runPatch } = taskRunTransforms(run, input.state);
    Object.assign(run, runPatch, { state, stateChanged: true });
    if (input.subflowRunId) run.subflowRunId = input.subflowRunId;
    newStates.push({ taskRunId: run.id, state });
  }
  if (newStates.length === 0) return 0;
  await insertTaskRunStates(db, newStates);
  await updateTaskRuns(
    db,
    [...runs.values()].filter((run) => run.stateChanged),
    options.now,
  );
  return newStates.length;
}

async function lockTaskRuns(db: Db, ids: string[]): Promise<Map<string, LockedTaskRun>> {
  // Locked in id order so concurrent batches touching the same runs cannot deadlock.
  const result = await sql<{
    id: string;
    flow_run_id: string | null;
    run_count: number;
    start_time: Date | null;
    end_time: Date | null;
    total_run_time: number;
    expected_start_time: Date | null;
    subflow_run_id: string | null;
    state_json: StateRowLike | null;
  }>`
    select t.id, t.flow_run_id, t.run_count, t.start_time, t.end_time, t.total_run_time,
      t.expected_start_time, t.subflow_run_id,
      (select to_jsonb(s) from task_run_state s where s.id = t.state_id) as state_json
    from task_run t where t.id = any(${ids}::uuid[])
    order by t.id
    for update of t`.execute(db);
  return new Map(
    result.rows.map((row) => [
      row.id,
      {
        id: row.id,
        flowRunId: row.flow_run_id,
        runCount: row.run_count,
        startTime: row.start_time,
        endTime: row.end_time,
        totalRunTime: row.total_run_time,
        expectedStartTime: row.expected_start_time,
        state: row.state_json ? toState(row.state_json) : null,
        stateChanged: false,
        subflowRunId: row.subflow_run_id,
      },
    ]),
  );
}

async function existingStateIds(db: Db, ids: string[]): Promise<Set<string>> {
  const result = await sql<{ id: string }>`
    select id from task_run_state where id = any(${[...new Set(ids)]}::uuid[])`.execute(db);
  return new Set(result.rows.map((row) => row.id));
}

/** Insert states as given; a state id already stored is skipped. */
export async function insertTaskRunStates(db: Db, states: Array<{ taskRunId: string; state: State }>) {
  if (states.length === 0) return;
  await INSERT_STATES.execute(db, stateInsertParameters(states));
}

/** The state columns as they travel: one typed array each, in parameter order. */
const STATE_ARRAYS = [
  ['id', 'uuid'],
  ['task_run_id', 'uuid'],
  ['type', 'text'],
  ['name', 'text'],
  ['ms', 'float8'],
  ['message', 'text'],
  ['flow_run_id', 'uuid'],
  ['details', 'text'],
  ['data', 'text'],
] as const;

/** How many parameters {@link stateInsertText} takes. */
export const STATE_INSERT_PARAMETERS = STATE_ARRAYS.length;

/**
 * The INSERT of task run states as given, its parameters numbered from `$from` (see
 * {@link stateInsertParameters}), rows filtered by `where` (over alias `x`). A state id already
 * stored is skipped (`onConflict: 'skip'`), or fails the statement (`'fail'`: the task run
 * insert's states belong to runs it has just inserted, so none can be stored yet, and Postgres
 * saves the speculative insertion `on conflict` costs, about a sixth of a batch's time).
 *
 * Rows travel as one typed array per column, expanded by `unnest`: no JSON object per row to
 * parse, and the usual details (`{ flowRunId, taskRunId }`, which is all a task run state
 * carries) are built in SQL instead of sent (PGlite: about a third faster per batch, measured in
 * bench/). Timestamps travel as epoch milliseconds, exact through `to_timestamp(ms / 1000)`.
 */
export function stateInsertText(from: number, where: string, onConflict: 'skip' | 'fail' = 'skip'): string {
  return `
    insert into task_run_state (id, task_run_id, type, name, timestamp, message, state_details, data)
    select id, task_run_id, type, name, to_timestamp(ms / 1000), message,
      case when details is null then jsonb_build_object('flowRunId', flow_run_id, 'taskRunId', task_run_id)
        else details::jsonb end,
      data::jsonb
    from ${unnestRows(STATE_ARRAYS, from)}
    ${where}
    ${onConflict === 'skip' ? 'on conflict (id) do nothing' : ''}`;
}

/** The parameters of {@link stateInsertText}, in order. */
export function stateInsertParameters(states: Array<{ taskRunId: string; state: State }>): unknown[] {
  const n = states.length;
  const c = {
    id: new Array<string>(n),
    task_run_id: new Array<string>(n),
    type: new Array<string>(n),
    name: new Array<string>(n),
    ms: new Array<number>(n),
    message: new Array<string | null>(n),
    flow_run_id: new Array<string | null>(n),
    details: new Array<string | null>(n),
    data: new Array<string | null>(n),
  } satisfies Record<(typeof STATE_ARRAYS)[number][0], unknown[]>;
  for (let i = 0; i < n; i++) {
    const { taskRunId, state } = states[i]!;
    c.id[i] = state.id;
    c.task_run_id[i] = taskRunId;
    c.type[i] = state.type;
    c.name[i] = state.name;
    c.ms[i] = state.timestamp.getTime();
    c.message[i] = state.message;
    const usual = usualFlowRunId(state.stateDetails, taskRunId);
    c.flow_run_id[i] = usual ?? null;
    c.details[i] = usual === undefined ? JSON.stringify(state.stateDetails ?? {}) : null;
    c.data[i] = state.data === null || state.data === undefined ? null : JSON.stringify(state.data);
  }
  return unnestParameters(STATE_ARRAYS, c);
}

const INSERT_STATES = new FixedStatement(stateInsertText(1, ''));

/**
 * The flow run id of details that are exactly `{ flowRunId, taskRunId }` for this task run;
 * undefined for any other details, which are sent whole. Building the usual ones in SQL stores the
 * same JSON: every id here is a lower-case uuid, as Postgres prints it (the `Uuid` schema
 * lower-cases ids from the API, and the others were read from the database).
 */
function usualFlowRunId(details: State['stateDetails'] | undefined, taskRunId: string): string | undefined {
  if (!details || details.taskRunId !== taskRunId) return undefined;
  const flowRunId = details.flowRunId;
  if (typeof flowRunId !== 'string') return undefined;
  let keys = 0;
  for (const key in details) {
    if ((details as Record<string, unknown>)[key] !== undefined) keys += 1;
  }
  return keys === 2 ? flowRunId : undefined;
}

async function updateTaskRuns(db: Db, runs: LockedTaskRun[], now: Date) {
  const records = runs.map((run) => ({
    id: run.id,
    run_count: run.runCount,
    start_time: run.startTime,
    end_time: run.endTime,
    total_run_time: run.totalRunTime,
    expected_start_time: run.expectedStartTime,
    state_id: run.state?.id ?? null,
    state_type: run.state?.type ?? null,
    state_name: run.state?.name ?? null,
    state_timestamp: run.state?.timestamp ?? null,
    subflow_run_id: run.subflowRunId,
  }));
  await sql`
    update task_run as t set run_count = x.run_count, start_time = x.start_time, end_time = x.end_time,
      total_run_time = x.total_run_time, expected_start_time = x.expected_start_time,
      state_id = x.state_id, state_type = x.state_type, state_name = x.state_name,
      state_timestamp = x.state_timestamp, subflow_run_id = x.subflow_run_id, updated_at = ${now}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(id uuid, run_count integer,
      start_time timestamptz, end_time timestamptz, total_run_time double precision,
      expected_start_time timestamptz, state_id uuid, state_type text, state_name text,
      state_timestamp timestamptz, subflow_run_id uuid)
    where t.id = x.id`.execute(db);
}
