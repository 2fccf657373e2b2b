import type { FlowRunHistoryInput, HistoryBucket } from '@weft/schemas';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/database';
import { flowRunFilterCondition } from './flow-run-filters';
import { historyQuery, toHistoryBuckets } from './run-history';

/**
 * Flow runs by time bucket (expected start time) and state, for the run-history chart: one
 * grouped query, empty buckets included. The filter applies; `flow` is joined only when the filter
 * names flows by name, so the unfiltered chart reads the covering index alone.
 */
export async function flowRunHistory(
  db: Kysely<Database>,
  input: z.output<typeof FlowRunHistoryInput>,
  now: Date,
): Promise<HistoryBucket[]> {
  const from = input.filter?.flowName ? sql`flow_run join flow on flow.id = flow_run.flow_id` : sql`flow_run`;
  const query = historyQuery('flow_run', input, now, from, flowRunFilterCondition(input.filter));
  const { rows } = await query.execute(db);
  return toHistoryBuckets(input, rows);
}
