import {
  type HistoryBucket,
  type HistoryStateCount,
  type StateType,
  TERMINAL_STATE_TYPES,
} from '@weft/schemas';
import { type RawBuilder, sql } from 'kysely';

// The run-history chart (reference §9.3), for flow runs and task runs alike: runs are bucketed by
// expected start time in ONE grouped query (bucket number = floor((expected − start) / interval)),
// and the empty buckets are filled in here, so every bucket of the window is present.

/** The window of a history request. */
export interface HistoryWindow {
  start: Date;
  end: Date;
  intervalSeconds: number;
}

/** One grouped row: a bucket number, a state, its runs and their sums. */
export interface HistoryRow {
  bucket: number;
  state_type: string;
  state_name: string;
  count: number;
  sum_run_seconds: number;
  sum_lateness_seconds: number;
}

/**
 * The SELECT list and WHERE of the grouped history query over `table` (`flow_run` or `task_run`),
 * at time `now`:
 * - run time = `total_run_time`, plus the current RUNNING stretch (`now − state_timestamp`);
 * - lateness = `start_time − expected_start_time` when it started late; `now − expected` for a run
 *   that has not started, is not finished and is overdue (a Late scheduled run); else 0.
 * The same definitions as `estimatedRunTime` / `estimatedStartTimeDelta` of one run.
 */
export function historyQuery(
  table: 'flow_run' | 'task_run',
  window: HistoryWindow,
  now: Date,
  from: RawBuilder<unknown>,
  condition: RawBuilder<boolean>,
): RawBuilder<HistoryRow> {
  const t = sql.table(table);
  const expected = sql.ref(`${table}.expected_start_time`);
  const epoch = (a: RawBuilder<unknown>, b: RawBuilder<unknown> | ReturnType<typeof sql.ref>) =>
    sql`greatest(0, extract(epoch from (${a} - ${b}))::float8)`;
  const nowParam = sql`${now}::timestamptz`;
  const terminal = sql.join(TERMINAL_STATE_TYPES.map((type) => sql.lit(type)));
  return sql<HistoryRow>`
    select
      floor(extract(epoch from (${expected} - ${window.start}::timestamptz))::float8
        / ${window.intervalSeconds}::float8)::int as bucket,
      ${t}.state_type, ${t}.state_name,
      count(*)::int as count,
      coalesce(sum(${t}.total_run_time + case when ${t}.state_type = 'RUNNING' and ${t}.state_timestamp is not null
        then ${epoch(nowParam, sql.ref(`${table}.state_timestamp`))} else 0 end), 0)::float8 as sum_run_seconds,
      coalesce(sum(case
        when ${t}.start_time is not null then ${epoch(sql.ref(`${table}.start_time`), expected)}
        when ${t}.state_type in (${terminal}) then 0
        else ${epoch(nowParam, expected)} end), 0)::float8 as sum_lateness_seconds
    from ${from}
    where ${expected} >= ${window.start}::timestamptz and ${expected} < ${window.end}::timestamptz
      and ${t}.state_type is not null and ${condition}
    group by 1, 2, 3
    order by 1, 2, 3`;
}

/** Every bucket of the window, oldest first, with the grouped rows placed in theirs. */
export function toHistoryBuckets(window: HistoryWindow, rows: HistoryRow[]): HistoryBucket[] {
  const startMs = window.start.getTime();
  const endMs = window.end.getTime();
  const intervalMs = window.intervalSeconds * 1000;
  const count = Math.ceil((endMs - startMs) / intervalMs);
  const buckets: HistoryBucket[] = Array.from({ length: count }, (_, k) => ({
    intervalStart: new Date(startMs + k * intervalMs),
    // The last bucket ends with the window.
    intervalEnd: new Date(Math.min(startMs + (k + 1) * intervalMs, endMs)),
    states: [],
  }));
  for (const row of rows) {
    // Clamped: float rounding at the window's edges must not drop a run (nor add a bucket).
    const states = buckets[Math.min(Math.max(row.bucket, 0), count - 1)]?.states ?? [];
    const same = states.find((s) => s.stateType === row.state_type && s.stateName === row.state_name);
    if (same) {
      same.count += row.count;
      same.sumRunSeconds += row.sum_run_seconds;
      same.sumLatenessSeconds += row.sum_lateness_seconds;
      continue;
    }
    const state: HistoryStateCount = {
      stateType: row.state_type as StateType,
      stateName: row.state_name,
      count: row.count,
      sumRunSeconds: row.sum_run_seconds,
      sumLatenessSeconds: row.sum_lateness_seconds,
    };
    states.push(state);
  }
  return buckets;
}
