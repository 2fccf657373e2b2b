import { type Kysely, sql } from 'kysely';

// A flow run started by a script (`await myFlow()`) has no deployment, work queue, parent task
// run, scheduled start or idempotency key, yet every insert and every state change of it (a state
// change moves the row: its state columns are indexed) added an entry for each of those nulls to
// five indexes. Every lookup through them is for a value (`=`, `in`, `<=`, `>=`, which imply not
// null), so they hold non-null rows only: 5 of the 14 flow_run index entries per write fewer for
// such runs (bench/flow-runs; docs/benchmarks.md). Uniqueness of (flow_id, idempotency_key) is
// as before: nulls never collided.

const UP = [
  'drop index ix_flow_run__deployment_id',
  'create index ix_flow_run__deployment_id on flow_run (deployment_id) where deployment_id is not null',
  'drop index ix_flow_run__parent_task_run_id',
  `create index ix_flow_run__parent_task_run_id on flow_run (parent_task_run_id)
    where parent_task_run_id is not null`,
  'drop index ix_flow_run__work_queue_id_state_type',
  `create index ix_flow_run__work_queue_id_state_type on flow_run (work_queue_id, state_type)
    where work_queue_id is not null`,
  'drop index ix_flow_run__next_scheduled_start_time',
  `create index ix_flow_run__next_scheduled_start_time on flow_run (next_scheduled_start_time)
    where next_scheduled_start_time is not null`,
  'alter table flow_run drop constraint uq_flow_run__flow_id_idempotency_key',
  `create unique index uq_flow_run__flow_id_idempotency_key on flow_run (flow_id, idempotency_key)
    where idempotency_key is not null`,
];

const DOWN = [
  'drop index if exists ix_flow_run__deployment_id',
  'create index ix_flow_run__deployment_id on flow_run (deployment_id)',
  'drop index if exists ix_flow_run__parent_task_run_id',
  'create index ix_flow_run__parent_task_run_id on flow_run (parent_task_run_id)',
  'drop index if exists ix_flow_run__work_queue_id_state_type',
  'create index ix_flow_run__work_queue_id_state_type on flow_run (work_queue_id, state_type)',
  'drop index if exists ix_flow_run__next_scheduled_start_time',
  'create index ix_flow_run__next_scheduled_start_time on flow_run (next_scheduled_start_time)',
  'drop index if exists uq_flow_run__flow_id_idempotency_key',
  'alter table flow_run add constraint uq_flow_run__flow_id_idempotency_key unique (flow_id, idempotency_key)',
];

/** Make the five indexes of nullable columns partial. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement per query: PGlite's extended protocol takes a single statement.
  for (const statement of UP) await sql.raw(statement).execute(db);
}

/** Restore the full indexes. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
