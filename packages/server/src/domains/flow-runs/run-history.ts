import {
  type HistoryBucket,
  type HistoryStateCount,
  type StateType,
  TERMINAL_STATE_TYPES,
} from '@weft/schemas';
import { type RawBuilder, sql } from 'kysely';

// The run-history chart (reference §9.3), for flow runs and task runs alike, in ONE query: a
// generate_series of bucket numbers, and per bucket (a lateral subquery) the runs whose expected
// start time falls in it, grouped by state. Per bucket, the planner knows the groups are few
// (state type × name) and aggregates in a small hash table over an index range scan (index-only
// with the covering indexes of migration 007); one GROUP BY over a computed bucket number instead
// is estimated at one group per row and sorts every run of the window on disk.
// Epoch arithmetic uses date_part (double precision), not extract (numeric since PG 14: slow).

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

/** How many buckets the window holds (the last one may be shorter). */
export function bucketCount(window: HistoryWindow): number {
  return Math.ceil((window.end.getTime() - window.start.getTime()) / (window.intervalSeconds * 1000));
}

/**
 * The history query over `table` (`flow_run` or `task_run`, with `from` joining what `condition`
 * needs), at time `now`:
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
  const seconds = (a: RawBuilder<unknown>, b: RawBuilder<unknown> | ReturnType<typeof sql.ref>) =>
    sql`greatest(0, date_part('epoch', ${a}) - date_part('epoch', ${b}))`;
  const nowParam = sql`${now}::timestamptz`;
  const start = sql`${window.start}::timestamptz`;
  const interval = sql`${window.intervalSeconds}::float8`;
  const terminal = sql.join(TERMINAL_STATE_TYPES.map((type) => sql.lit(type)));
  return sql<HistoryRow>`
    select b.k as bucket, h.state_type, h.state_name, h.count, h.sum_run_seconds, h.sum_lateness_seconds
    from generate_series(0, ${bucketCount(window) - 1}::int) as b(k)
    cross join lateral (
      select ${t}.state_type, ${t}.state_name, count(*)::int as count,
        coalesce(sum(${t}.total_run_time + case when ${t}.state_type = 'RUNNING' and ${t}.state_timestamp is not null
          then ${seconds(nowParam, sql.ref(`${table}.state_timestamp`))} else 0 end), 0)::float8 as sum_run_seconds,
        coalesce(sum(case
          when ${t}.start_time is not null then ${seconds(sql.ref(`${table}.start_time`), expected)}
          when ${t}.state_type in (${terminal}) then 0
          else ${seconds(nowParam, expected)} end), 0)::float8 as sum_lateness_seconds
      from ${from}
      where ${expected} >= ${start} + make_interval(secs => b.k * ${interval})
        and ${expected} < least(${start} + make_interval(secs => (b.k + 1) * ${interval}), ${window.end}::timestamptz)
        and ${t}.state_type is not null and ${condition}
      group by 1, 2
    ) h
    order by 1, 2, 3`;
}

/** Every bucket of the window, oldest first, with the grouped rows placed in theirs. */
export function toHistoryBuckets(window: HistoryWindow, rows: HistoryRow[]): HistoryBucket[] {
  const startMs = window.start.getTime();
  const endMs = window.end.getTime();
  const intervalMs = window.intervalSeconds * 1000;
  const count = bucketCount(window);
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
