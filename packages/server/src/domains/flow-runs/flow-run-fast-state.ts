import type { OrchestrationResult, StateCreate, TaskRunBatch } from '@weft/schemas';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/database';
import { pgErrorCode } from '../../db/pg-errors';
import { stateColumns } from '../../db/state-rows';
import { orchestrateFlowRunTransition } from '../../orchestration/index';
import { planTaskRunInsert, taskRunInsertCtes } from '../task-runs/task-run-insert-repository';
import type { FlowRunSnapshotCache } from './flow-run-snapshot-cache';
import { flowRunStateChange } from './flow-run-write-repository';

type Db = Kysely<Database>;

/**
 * Errors that send a fast write back to the locked path, which reports them properly: a task run
 * skipped as already stored (the guard's division by zero), a missing flow run of a task run, a
 * state id taken.
 */
const FALL_BACK = new Set(['22012', '23503', '23505']);

/**
 * `flowRuns.setState` in one statement, for the common case: a run this server wrote last (its
 * snapshot cached), not of a deployment nor a subflow, no field update, and task records that
 * are all new runs with their own states (a flow's final state carrying its last task runs).
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
  if (batch && !allStatesOfNewRuns(batch)) return undefined;
  const { result, write, lease } = orchestrateFlowRunTransition({
    run: snapshot,
    proposed: input.state,
    now: input.now,
    force: input.force,
  });
  // A rejection or a wait decided on a snapshot that may be stale must be decided again on the row.
  if (!write || lease) return undefined;
  const change = flowRunStateChange(write.state, write.runPatch, input.now);
  const columns = stateColumns(write.state);
  const plan =
    batch && batch.taskRuns.length > 0 ? planTaskRunInsert(batch.taskRuns, batch.states, input.now) : null;
  const query = sql<{ version: string | null }>`
    with upd as (
      update flow_run set ${sql.join(Object.entries(change).map(([column, value]) => sql`${sql.ref(column)} = ${value}`))}
      where id = ${input.id} and xmin = ${cached.version}::xid
      returning xmin::text as version
    ), st as (
      insert into flow_run_state (id, flow_run_id, type, name, timestamp, message, state_details, data)
      select ${columns.id}::uuid, ${input.id}::uuid, ${columns.type}::text, ${columns.name}::text,
        ${columns.timestamp}::timestamptz, ${columns.message}::text, ${columns.state_details}::jsonb,
        ${columns.data}::jsonb
      from upd
    )${plan ? sql`, ${taskRunInsertCtes(plan, sql`where exists (select 1 from upd)`)}` : sql``}
    select ${
      plan
        ? // Every task run must be new; otherwise divide by zero to undo the whole statement.
          sql`case when (select count(*) from run) = ${plan.count} or not exists (select 1 from upd)
            then (select version from upd)
            else (1 / ((select count(*) from run) - (select count(*) from run)))::text end`
        : sql`(select version from upd)`
    } as version`;
  let version: string | null | undefined;
  try {
    version = (await query.execute(db)).rows[0]?.version;
  } catch (error) {
    const code = pgErrorCode(error);
    if (code && FALL_BACK.has(code)) return undefined;
    throw error;
  }
  if (!version) return undefined; // changed by someone else: read it again
  cache.set(input.id, { snapshot: { ...snapshot, ...write.runPatch, state: write.state }, version });
  return { result, written: true };
}

/** Every state in the batch belongs to a run the batch creates (so nothing needs a stored run). */
function allStatesOfNewRuns(batch: z.output<typeof TaskRunBatch>): boolean {
  if (batch.taskRuns.length === 0) return batch.states.length === 0;
  const ids = new Set(batch.taskRuns.map((run) => run.id));
  if (ids.size !== batch.taskRuns.length) return false;
  return batch.states.every((s) => ids.has(s.taskRunId));
}
