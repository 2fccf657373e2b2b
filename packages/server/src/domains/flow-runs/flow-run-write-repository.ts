import type { State } from '@weft/schemas';
import { type Kysely, sql } from 'kysely';
import type { Database, NewFlowRun } from '../../db/database';
import { isUniqueViolation } from '../../db/pg-errors';
import { denormalisedStateColumns, stateColumns } from '../../db/state-rows';
import { ConflictError } from '../../errors';
import type { FlowRunPatch } from '../../orchestration/index';

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
  run: NewFlowRun,
  state: State | null,
): Promise<string | undefined> {
  const insertRun = (qb: Db) =>
    qb
      .insertInto('flow_run')
      .values(run)
      .onConflict((oc) => oc.doNothing());
  if (!state) {
    const row = await insertRun(db).returning(sql<string>`xmin::text`.as('version')).executeTakeFirst();
    return row?.version;
  }
  const columns = stateColumns(state);
  try {
    const row = await db
      .with('run', (qb) => insertRun(qb as unknown as Db).returning('id'))
      .insertInto('flow_run_state')
      .columns(['id', 'flow_run_id', 'type', 'name', 'timestamp', 'message', 'state_details', 'data'])
      .expression((eb) =>
        eb
          .selectFrom('run')
          .select((s) => [
            s.cast<string>(s.val(columns.id), 'uuid').as('id'),
            'run.id as flow_run_id',
            s.cast<string>(s.val(columns.type), 'text').as('type'),
            s.cast<string>(s.val(columns.name), 'text').as('name'),
            s.cast<Date>(s.val(columns.timestamp), 'timestamptz').as('timestamp'),
            s.cast<string | null>(s.val(columns.message), 'text').as('message'),
            s.cast<string>(s.val(columns.state_details), 'jsonb').as('state_details'),
            s.cast<string | null>(s.val(columns.data), 'jsonb').as('data'),
          ]),
      )
      // The rows of one statement share its transaction id, which is the run row's xmin.
      .returning(sql<string>`pg_current_xact_id()::xid::text`.as('version'))
      .executeTakeFirst();
    return row?.version;
  } catch (error) {
    if (isUniqueViolation(error) && !(await runExists(db, run.id))) {
      throw new ConflictError(`State ${state.id} already exists`, { cause: error });
    }
    throw error;
  }
}

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
