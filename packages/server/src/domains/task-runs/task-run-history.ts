import type { HistoryBucket, TaskRunHistoryInput } from '@weft/schemas';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/database';
import { combine } from '../../db/filters';
import { flowRunFilterCondition } from '../flow-runs/flow-run-filters';
import { historyQuery, toHistoryBuckets } from '../flow-runs/run-history';
import { taskRunFilterCondition } from './task-run-repository';

/**
 * Task runs by time bucket (expected start time) and state: one grouped query, empty buckets
 * included. `filter` applies to the task runs, `flowRunFilter` to their flow runs (a task run
 * without a flow run never matches a flow run filter).
 */
export async function taskRunHistory(
  db: Kysely<Database>,
  input: z.output<typeof TaskRunHistoryInput>,
  now: Date,
): Promise<HistoryBucket[]> {
  const conditions = [taskRunFilterCondition(input.filter)];
  if (input.flowRunFilter) {
    const join = input.flowRunFilter.flowName ? sql`join flow on flow.id = flow_run.flow_id` : sql``;
    conditions.push(
      sql<boolean>`task_run.flow_run_id in (select flow_run.id from flow_run ${join} where ${flowRunFilterCondition(input.flowRunFilter)})`,
    );
  }
  const query = historyQuery('task_run', input, now, sql`task_run`, combine(conditions));
  const { rows } = await query.execute(db);
  return toHistoryBuckets(input, rows);
}
