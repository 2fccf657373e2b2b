import { type Kysely, sql } from 'kysely';

// Released migrations are never edited: add a new file instead (style.md G7).
// Sized for ~50k flow runs and ~500k task runs: every list filter and sort has an index, and the
// task run tables carry no index that the batch writer does not need.

/** Create the core tables. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement per query: PGlite's extended protocol takes a single statement.
  for (const statement of SCHEMA.split(/;\s*\n/)) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}

const SCHEMA = `
    create table flow (
      id uuid primary key,
      name text not null unique,
      tags text[] not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table flow_run (
      id uuid primary key,
      name text not null,
      flow_id uuid not null references flow (id) on delete cascade,
      flow_version text,
      deployment_id uuid,
      work_queue_name text,
      parent_task_run_id uuid,
      idempotency_key text,
      parameters jsonb not null default '{}',
      tags text[] not null default '{}',
      run_count integer not null default 0,
      expected_start_time timestamptz,
      next_scheduled_start_time timestamptz,
      start_time timestamptz,
      end_time timestamptz,
      total_run_time double precision not null default 0,
      state_id uuid,
      state_type text,
      state_name text,
      state_timestamp timestamptz,
      empirical_policy jsonb not null default '{}',
      infrastructure_pid text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint uq_flow_run__flow_id_idempotency_key unique (flow_id, idempotency_key)
    );
    create index ix_flow_run__expected_start_time on flow_run (expected_start_time desc);
    create index ix_flow_run__start_time on flow_run (start_time desc);
    create index ix_flow_run__end_time on flow_run (end_time desc);
    create index ix_flow_run__next_scheduled_start_time on flow_run (next_scheduled_start_time);
    create index ix_flow_run__state_type on flow_run (state_type);
    create index ix_flow_run__name on flow_run (name);
    create index ix_flow_run__flow_id on flow_run (flow_id);
    create index ix_flow_run__deployment_id on flow_run (deployment_id);
    create index ix_flow_run__parent_task_run_id on flow_run (parent_task_run_id);
    create index ix_flow_run__tags on flow_run using gin (tags);

    create table flow_run_state (
      id uuid primary key,
      flow_run_id uuid not null references flow_run (id) on delete cascade,
      type text not null,
      name text not null,
      timestamp timestamptz not null,
      message text,
      state_details jsonb not null default '{}',
      data jsonb,
      created_at timestamptz not null default now()
    );
    create index ix_flow_run_state__flow_run_id_timestamp on flow_run_state (flow_run_id, timestamp);

    create table task_run (
      id uuid primary key,
      name text not null,
      flow_run_id uuid references flow_run (id) on delete cascade,
      task_key text not null,
      dynamic_key text not null,
      task_version text,
      cache_key text,
      cache_expiration timestamptz,
      tags text[] not null default '{}',
      task_inputs jsonb not null default '{}',
      empirical_policy jsonb not null default '{}',
      run_count integer not null default 0,
      flow_run_run_count integer not null default 0,
      expected_start_time timestamptz,
      start_time timestamptz,
      end_time timestamptz,
      total_run_time double precision not null default 0,
      state_id uuid,
      state_type text,
      state_name text,
      state_timestamp timestamptz,
      subflow_run_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      -- Also serves lookups by flow_run_id (its leading column), so there is no separate index.
      constraint uq_task_run__flow_run_id_task_key_dynamic_key unique (flow_run_id, task_key, dynamic_key)
    );
    create index ix_task_run__expected_start_time on task_run (expected_start_time);
    create index ix_task_run__subflow_run_id on task_run (subflow_run_id) where subflow_run_id is not null;

    -- No foreign key to task_run: a per-row key check doubled the cost of the batch insert (measured
    -- in bench/). recordBatch checks every referenced run inside its transaction, and
    -- deleteFlowRun removes a run's task run states itself.
    create table task_run_state (
      id uuid primary key,
      task_run_id uuid not null,
      type text not null,
      name text not null,
      timestamp timestamptz not null,
      message text,
      state_details jsonb not null default '{}',
      data jsonb,
      created_at timestamptz not null default now()
    );
    create index ix_task_run_state__task_run_id_timestamp on task_run_state (task_run_id, timestamp);

    create table log (
      id uuid primary key,
      name text not null,
      level integer not null,
      message text not null,
      timestamp timestamptz not null,
      flow_run_id uuid,
      task_run_id uuid,
      created_at timestamptz not null default now()
    );
    create index ix_log__flow_run_id_timestamp on log (flow_run_id, timestamp);
    create index ix_log__task_run_id on log (task_run_id) where task_run_id is not null;
`;

/** Drop the core tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists log, task_run_state, task_run, flow_run_state, flow_run, flow cascade`.execute(
    db,
  );
}
