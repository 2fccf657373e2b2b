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
  const batchTaskRunIds = new Set(input.taskRuns.map((run) => run.id));
  const inserted = await insertTaskRuns(trx, { taskRuns: input.taskRuns, states: input.states, now });
  const states = await recordTaskRunStates(trx, inserted.remaining, { now, batchTaskRunIds });
  return { taskRuns: inserted.insertedIds.size, states: inserted.states + states };
}
