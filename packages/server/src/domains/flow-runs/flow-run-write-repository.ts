import type { State } from '@weft/schemas';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { FixedStatement, placeholders } from '../../db/fixed-statement';
import { isUniqueViolation } from '../../db/pg-errors';
import { denormalisedStateColumns, stateColumns } from '../../db/state-rows';
import { ConflictError } from '../../errors';
import type { FlowRunPatch } from '../../orchestration/index';
import type { planFlowRun } from './flow-run-creator';

type PlannedFlowRun = ReturnType<typeof planFlowRun>['run'];

// The write half of flow runs, one statement per call: a data-modifying CTE writes the run (or
// its state) and the other row together, so a create or a state change is one round trip.

type Db = Kysely<Database>;

/**
 * Insert a flow run, already carrying its first state's columns, and that state, in one
 * statement. Returns the row's version (`xmin` as text, see FlowRunSnapshotCache); nothing is
 * written, and undefined returned, when the run's id or (flowId, idempotencyKey) exists. Throws
 * ConflictError when the state's id is taken.
 */
export async function insertFlowRunWithState(
  db: Db,
  run: PlannedFlowRun,
  state: State | null,
): Promise<string | undefined> {
  const runParameters = FLOW_RUN_COLUMNS.map((column) => run[column]);
  if (!state) return (await INSERT_RUN.execute(db, runParameters)).rows[0]?.version;
  const columns = stateColumns(state);
  try {
    const result = await INSERT_RUN_WITH_STATE.execute(db, [
      ...runParameters,
      columns.id,
      columns.type,
      columns.name,
      columns.timestamp,
      columns.message,
      columns.state_details,
      columns.data,
    ]);
    return result.rows[0]?.version;
  } catch (error) {
    if (isUniqueViolation(error) && !(await runExists(db, run.id))) {
      throw new ConflictError(`State ${state.id} already exists`, { cause: error });
    }
    throw error;
  }
}

/** Every column of a planned run, in parameter order. */
const FLOW_RUN_COLUMNS = Object.keys({
  id: true,
  name: true,
  flow_id: true,
  flow_version: true,
  parent_task_run_id: true,
  idempotency_key: true,
  parameters: true,
  tags: true,
  empirical_policy: true,
  deployment_id: true,
  deployment_version: true,
  work_pool_name: true,
  work_queue_name: true,
  work_queue_id: true,
  job_variables: true,
  auto_scheduled: true,
  created_by: true,
  infrastructure_pid: true,
  run_count: true,
  total_run_time: true,
  expected_start_time: true,
  next_scheduled_start_time: true,
  start_time: true,
  end_time: true,
  state_id: true,
  state_type: true,
  state_name: true,
  state_timestamp: true,
  created_at: true,
  updated_at: true,
} satisfies Record<keyof PlannedFlowRun, true>) as Array<keyof PlannedFlowRun>;

const INSERT_RUN_TEXT = `insert into flow_run (${FLOW_RUN_COLUMNS.join(', ')})
    values (${placeholders(
      FLOW_RUN_COLUMNS.map(() => ''),
      1,
    )})
    on conflict do nothing`;

const INSERT_RUN = new FixedStatement<{ version: string }>(
  `${INSERT_RUN_TEXT} returning xmin::text as version`,
  {
    prepareAs: 'weft_flow_run_insert',
  },
);

/** The rows of one statement share its transaction id, which is the run row's xmin. */
const INSERT_RUN_WITH_STATE = new FixedStatement<{ version: string }>(
  `with run as (${INSERT_RUN_TEXT} returning id)
    insert into flow_run_state (id, flow_run_id, type, name, timestamp, message, state_details, data)
    select $${FLOW_RUN_COLUMNS.length + 1}::uuid, run.id,
      ${placeholders(['text', 'text', 'timestamptz', 'text', 'jsonb', 'jsonb'], FLOW_RUN_COLUMNS.length + 2)}
    from run
    returning pg_current_xact_id()::xid::text as version`,
  { prepareAs: 'weft_flow_run_insert_with_state' },
);

async function runExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('flow_run').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/**
 * Store a flow run's new state and apply the run patch and the denormalised state columns, in
 * one statement. Throws ConflictError when the state's id is already stored.
 */
export async function writeFlowRunState(
  db: Db,
  input: { flowRunId: string; state: State; runPatch: FlowRunPatch; now: Date },
): Promise<void> {
  const { flowRunId, state, runPatch: patch, now } = input;
  const row = await db
    .with('state', (qb) =>
      (qb as unknown as Db)
        .insertInto('flow_run_state')
        .values({ ...stateColumns(state), flow_run_id: flowRunId })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id'),
    )
    .updateTable('flow_run')
    .set(flowRunStateChange(state, patch, now))
    .where('id', '=', flowRunId)
    .where((eb) => eb.exists(eb.selectFrom('state').select('state.id')))
    .returning('flow_run.id')
    .executeTakeFirst();
  // The caller holds the run's lock, so no row means the state insert was skipped.
  if (!row) throw new ConflictError(`State ${state.id} already exists`);
}

/** The flow run columns a new state sets: its denormalised columns and the run patch. @internal */
export function flowRunStateChange(state: State, patch: FlowRunPatch, now: Date) {
  return {
    ...denormalisedStateColumns(state),
    ...(patch.runCount !== undefined && { run_count: patch.runCount }),
    ...(patch.startTime !== undefined && { start_time: patch.startTime }),
    ...(patch.endTime !== undefined && { end_time: patch.endTime }),
    ...(patch.totalRunTime !== undefined && { total_run_time: patch.totalRunTime }),
    ...(patch.expectedStartTime !== undefined && { expected_start_time: patch.expectedStartTime }),
    ...(patch.nextScheduledStartTime !== undefined && {
      next_scheduled_start_time: patch.nextScheduledStartTime,
    }),
    ...(patch.empiricalPolicy !== undefined && { empirical_policy: JSON.stringify(patch.empiricalPolicy) }),
    updated_at: now,
  };
}
