import { type Kysely, sql } from 'kysely';

// A task run's flow run is checked by the code that writes it, not by a foreign key. The key's
// check is a trigger per inserted row: a batch of 2,500 task runs of one flow run looked that
// flow run up 2,500 times, and the key cost about a tenth of 10,000 recorded tasks on Postgres
// (bench/many-tasks; docs/benchmarks.md). Instead:
// - a batch looks up each flow run it names once, `for key share` (the lock the key's check
//   took), and fails with NOT_FOUND when one is missing; a single `taskRuns.create` does the same;
// - a flow run's final `setState`, which may carry task runs, updates (and so locks) that run;
// - `deleteFlowRun` deletes the flow run first (waiting for those locks), then its task runs and
//   their states, as the key's `on delete cascade` did.
// task_run_state has had no foreign key to task_run from the start, for the same reason.

/** Drop task_run's foreign key to flow_run. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table task_run drop constraint task_run_flow_run_id_fkey`.execute(db);
}

/** Restore the key, first deleting the task runs (and states) whose flow run is gone. */
export async function down(db: Kysely<unknown>): Promise<void> {
  // One statement per query: PGlite's extended protocol takes a single statement.
  await sql`delete from task_run_state s using task_run t where t.id = s.task_run_id
    and t.flow_run_id is not null and not exists (select 1 from flow_run f where f.id = t.flow_run_id)`.execute(
    db,
  );
  await sql`delete from task_run t where t.flow_run_id is not null
    and not exists (select 1 from flow_run f where f.id = t.flow_run_id)`.execute(db);
  await sql`alter table task_run add constraint task_run_flow_run_id_fkey
    foreign key (flow_run_id) references flow_run (id) on delete cascade`.execute(db);
}
