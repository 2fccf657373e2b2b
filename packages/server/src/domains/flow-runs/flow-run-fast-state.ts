import type { OrchestrationResult, State, StateCreate, TaskRunBatch } from '@weft/schemas';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/database';
import { FixedStatement, placeholders } from '../../db/fixed-statement';
import { pgErrorCode } from '../../db/pg-errors';
import { stateColumns } from '../../db/state-rows';
import { type FlowRunSnapshot, orchestrateFlowRunTransition } from '../../orchestration/index';
import {
  planTaskRunInsert,
  TASK_RUN_INSERT_PARAMETERS,
  taskRunInsertCtes,
  taskRunInsertParameters,
} from '../task-runs/task-run-insert-repository';
import type { FlowRunSnapshotCache } from './flow-run-snapshot-cache';

type Db = Kysely<Database>;

/**
 * Errors that send a fast write back to the locked path, which reports them properly: a task run
 * skipped as already stored (the guard's division by zero), a state id taken.
 */
const FALL_BACK = new Set(['22012', '23505']);

/**
 * `flowRuns.setState` in one statement, for the common case: a run this server wrote last (its
 * snapshot cached), not of a deployment nor a subflow, no field update, and task records that
 * are all new runs of this flow run with their own states (a flow's final state carrying its last
 * task runs; the statement's update locks the flow run they belong to).
 * Orchestrated against the cached snapshot; the statement updates the run only if its row
 * version is still the cached one, and writes the state and the task runs only then, so the
 * whole change is one round trip with no explicit transaction and no lock held across calls.
 * Undefined when the fast path does not apply or the row changed meanwhile: the run leaves the
 * cache and the caller takes the locked path. @internal
 */
export async function trySetStateFast(
  db: Db,
  cache: FlowRunSnapshotCache,
  input: FastStateInput,
): Promise<{ result: OrchestrationResult; written: true } | undefined> {
  const outcome = await setStateFast(db, cache, input);
  // The locked path will change the row (or someone already did): the cached snapshot is stale.
  if (!outcome) cache.delete(input.id);
  return outcome;
}

interface FastStateInput {
  id: string;
  state: StateCreate;
  force: boolean;
  taskRuns?: z.output<typeof TaskRunBatch> | undefined;
  hasRunUpdate: boolean;
  now: Date;
}

async function setStateFast(
  db: Db,
  cache: FlowRunSnapshotCache,
  input: FastStateInput,
): Promise<{ result: OrchestrationResult; written: true } | undefined> {
  const cached = cache.get(input.id);
  if (!cached || input.hasRunUpdate) return undefined;
  const { snapshot } = cached;
  if (snapshot.deploymentId || snapshot.parentTaskRunId) return undefined;
  const batch = input.taskRuns;
  if (batch && !allNewRunsOf(input.id, batch)) return undefined;
  const { result, write, lease } = orchestrateFlowRunTransition({
    run: snapshot,
    proposed: input.state,
    now: input.now,
    force: input.force,
  });
  // A rejection or a wait decided on a snapshot that may be stale must be decided again on the row.
  if (!write || lease) return undefined;
  const next = { ...snapshot, ...write.runPatch, state: write.state };
  const plan =
    batch && batch.taskRuns.length > 0 ? planTaskRunInsert(batch.taskRuns, batch.states, input.now) : null;
  const parameters = runAndStateParameters(input, next, cached.version);
  if (plan) parameters.push(...taskRunInsertParameters(plan), plan.count);
  const statement = plan ? SET_STATE_WITH_TASK_RUNS : SET_STATE;
  let version: string | null | undefined;
  try {
    version = (await statement.execute(db, parameters)).rows[0]?.version;
  } catch (error) {
    const code = pgErrorCode(error);
    if (code && FALL_BACK.has(code)) return undefined;
    throw error;
  }
  if (!version) return undefined; // changed by someone else: read it again
  cache.set(input.id, { snapshot: next, version });
  return { result, written: true };
}

/**
 * Every run in the batch is of flow run `flowRunId`, and every state belongs to a run the batch
 * creates (so nothing needs a stored run, nor another flow run checked).
 */
function allNewRunsOf(flowRunId: string, batch: z.output<typeof TaskRunBatch>): boolean {
  if (batch.taskRuns.length === 0) return batch.states.length === 0;
  // Ids are lower case here: the Uuid schema lower-cases them.
  if (!batch.taskRuns.every((run) => run.flowRunId === flowRunId)) return false;
  const ids = new Set(batch.taskRuns.map((run) => run.id));
  if (ids.size !== batch.taskRuns.length) return false;
  return batch.states.every((s) => ids.has(s.taskRunId));
}

/**
 * The run's columns a state change may set, each from the run as it will be (the cached snapshot
 * with the change applied): the statement only writes when the row is still the cached one, so
 * the columns the change leaves alone are written with the values they have.
 */
const RUN_COLUMNS = [
  ['state_id', 'uuid'],
  ['state_type', 'text'],
  ['state_name', 'text'],
  ['state_timestamp', 'timestamptz'],
  ['run_count', 'int'],
  ['start_time', 'timestamptz'],
  ['end_time', 'timestamptz'],
  ['total_run_time', 'float8'],
  ['expected_start_time', 'timestamptz'],
  ['next_scheduled_start_time', 'timestamptz'],
  ['empirical_policy', 'jsonb'],
  ['updated_at', 'timestamptz'],
] as const;

/** The first parameters: the run's columns, its id and row version, then the state's other columns. */
function runAndStateParameters(
  input: FastStateInput,
  next: FlowRunSnapshot & { state: State },
  version: string,
): unknown[] {
  const { state } = next;
  const columns = {
    state_id: state.id,
    state_type: state.type,
    state_name: state.name,
    state_timestamp: state.timestamp,
    run_count: next.runCount,
    start_time: next.startTime,
    end_time: next.endTime,
    total_run_time: next.totalRunTime,
    expected_start_time: next.expectedStartTime,
    next_scheduled_start_time: next.nextScheduledStartTime,
    empirical_policy: JSON.stringify(next.empiricalPolicy),
    updated_at: input.now,
  } satisfies Record<(typeof RUN_COLUMNS)[number][0], unknown>;
  const stateRow = stateColumns(state);
  return [
    ...RUN_COLUMNS.map(([column]) => columns[column]),
    input.id,
    version,
    stateRow.message,
    stateRow.state_details,
    stateRow.data,
  ];
}

const ID = RUN_COLUMNS.length + 1;
const STATE_PARAMETERS = ID + 2;
const TASK_RUN_PARAMETERS = STATE_PARAMETERS + 3;

const UPDATE_RUN_AND_INSERT_STATE = `
    with upd as (
      update flow_run set ${RUN_COLUMNS.map(([column, type], i) => `${column} = $${i + 1}::${type}`).join(', ')}
      where id = $${ID}::uuid and xmin = $${ID + 1}::xid
      returning xmin::text as version
    ), st as (
      insert into flow_run_state (id, flow_run_id, type, name, timestamp, message, state_details, data)
      select $1::uuid, $${ID}::uuid, $2::text, $3::text, $4::timestamptz,
        ${placeholders(['text', 'jsonb', 'jsonb'], STATE_PARAMETERS)}
      from upd
    )`;

const SET_STATE = new FixedStatement<{ version: string | null }>(
  `${UPDATE_RUN_AND_INSERT_STATE} select (select version from upd) as version`,
  { prepareAs: 'weft_flow_run_set_state' },
);

/**
 * With the task runs the state carries. Every one of them must be new: otherwise the statement
 * divides by zero, which undoes all of it, and the locked path takes over.
 */
const SET_STATE_WITH_TASK_RUNS = new FixedStatement<{ version: string | null }>(
  `${UPDATE_RUN_AND_INSERT_STATE}, ${taskRunInsertCtes(TASK_RUN_PARAMETERS, {
    run: 'where exists (select 1 from upd)',
    state: 'where exists (select 1 from upd)',
  })}
    select case when (select count(*) from run) = $${TASK_RUN_PARAMETERS + TASK_RUN_INSERT_PARAMETERS}::int
        or not exists (select 1 from upd)
      then (select version from upd)
      else (1 / ((select count(*) from run) - (select count(*) from run)))::text end as version`,
  { prepareAs: 'weft_flow_run_set_state_with_task_runs' },
);
