import type { TaskRunBatch } from '@weft/schemas';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/database';
import { recordTaskRunStates } from './task-run-batch-repository';
import { insertTaskRuns } from './task-run-insert-repository';

/**
 * Write a batch of task run creations and states inside the caller's transaction: new runs with
 * their states in one statement, then the states of runs that already existed, in order. Shared
 * by `taskRuns.recordBatch` and a flow run's final `setState`, which carries its last records.
 */
export async function writeTaskRunBatch(
  trx: Kysely<Database>,
  input: z.output<typeof TaskRunBatch>,
  now: Date,
): Promise<{ taskRuns: number; states: number }> {
  lowerCaseIds(input);
  const batchTaskRunIds = new Set(input.taskRuns.map((run) => run.id));
  const inserted = await insertTaskRuns(trx, { taskRuns: input.taskRuns, states: input.states, now });
  const states = await recordTaskRunStates(trx, inserted.remaining, { now, batchTaskRunIds });
  return { taskRuns: inserted.insertedIds.size, states: inserted.states + states };
}

/**
 * The batch's ids as Postgres prints them: the writes compare the ids they were given with the
 * ids they read back, and a uuid accepted in upper case would otherwise match nothing.
 */
function lowerCaseIds(input: z.output<typeof TaskRunBatch>): void {
  for (const run of input.taskRuns) {
    run.id = run.id.toLowerCase();
    if (run.flowRunId) run.flowRunId = run.flowRunId.toLowerCase();
  }
  for (const record of input.states) record.taskRunId = record.taskRunId.toLowerCase();
}
