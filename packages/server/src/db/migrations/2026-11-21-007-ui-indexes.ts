import { type Kysely, sql } from 'kysely';

// Indexes for the web UI at 50k flow runs / 500k task runs (issue 5; measured in bench/
// ui-queries, plans in docs/benchmarks.md). Two indexes are replaced, one is added:
// - flow_run (expected_start_time desc) → (expected_start_time desc nulls last, id desc) including
//   the history columns: the runs list's EXPECTED_START_TIME_DESC order (`desc nulls last, id
//   desc`) walks it instead of sorting every run, and flowRuns.history reads it alone
//   (index-only). Range filters on expected_start_time use it as before.
// - task_run (expected_start_time) → the same key including the history columns: taskRuns.history
//   over 7 days (~120k task runs) is an index-only scan instead of ~5,000 heap pages.
// - task_run (flow_run_id, expected_start_time, id), new: the flow run page's task runs in order,
//   first page without walking every task run. The unique (flow_run_id, task_key, dynamic_key)
//   still serves lookups and counts by flow run.
// The included columns change with each state, which costs no HOT updates that happen: the batch
// writer's updates follow inserts into full pages, so they were never HOT.

const HISTORY_COLUMNS = 'state_type, state_name, total_run_time, state_timestamp, start_time';

/** Replace and add the UI indexes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement per query: PGlite's extended protocol takes a single statement.
  for (const statement of [
    `create index ix_flow_run__expected_start_time_id on flow_run
      (expected_start_time desc nulls last, id desc) include (${HISTORY_COLUMNS})`,
    'drop index ix_flow_run__expected_start_time',
    `create index ix_task_run__expected_start_time_history on task_run
      (expected_start_time) include (${HISTORY_COLUMNS})`,
    'drop index ix_task_run__expected_start_time',
    'create index ix_task_run__flow_run_id_expected_start_time on task_run (flow_run_id, expected_start_time, id)',
  ]) {
    await sql.raw(statement).execute(db);
  }
}

/** Restore the indexes of migrations 001. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'drop index if exists ix_task_run__flow_run_id_expected_start_time',
    'create index if not exists ix_task_run__expected_start_time on task_run (expected_start_time)',
    'drop index if exists ix_task_run__expected_start_time_history',
    'create index if not exists ix_flow_run__expected_start_time on flow_run (expected_start_time desc)',
    'drop index if exists ix_flow_run__expected_start_time_id',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
