import { type Kysely, sql } from 'kysely';

// Deployments, schedules, work pools, queues, workers and concurrency leases (issue 3).

/** Create the deployment and work pool tables; add their columns to flow runs. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement per query: PGlite's extended protocol takes a single statement.
  for (const statement of SCHEMA.split(/;\s*\n/)) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}

const SCHEMA = `
    create table work_pool (
      id uuid primary key,
      name text not null unique,
      description text,
      type text not null,
      base_job_template jsonb not null default '{}',
      is_paused boolean not null default false,
      concurrency_limit integer,
      status text not null default 'NOT_READY',
      default_queue_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table work_queue (
      id uuid primary key,
      work_pool_id uuid not null references work_pool (id) on delete cascade,
      name text not null,
      description text,
      is_paused boolean not null default false,
      concurrency_limit integer,
      priority integer not null,
      last_polled timestamptz,
      status text not null default 'NOT_READY',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint uq_work_queue__work_pool_id_name unique (work_pool_id, name)
    );

    create table worker (
      id uuid primary key,
      work_pool_id uuid not null references work_pool (id) on delete cascade,
      name text not null,
      last_heartbeat_time timestamptz not null,
      heartbeat_interval_seconds integer,
      status text not null default 'ONLINE',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint uq_worker__work_pool_id_name unique (work_pool_id, name)
    );

    create table deployment (
      id uuid primary key,
      name text not null,
      flow_id uuid not null references flow (id) on delete cascade,
      version text,
      description text,
      tags text[] not null default '{}',
      parameters jsonb not null default '{}',
      parameter_schema jsonb,
      enforce_parameter_schema boolean not null default true,
      job_variables jsonb not null default '{}',
      work_queue_id uuid references work_queue (id) on delete set null,
      work_pool_name text,
      work_queue_name text,
      entrypoint text,
      path text,
      pull_steps jsonb not null default '[]',
      paused boolean not null default false,
      status text not null default 'NOT_READY',
      last_polled timestamptz,
      concurrency_limit integer,
      concurrency_options jsonb,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint uq_deployment__flow_id_name unique (flow_id, name)
    );
    create index ix_deployment__work_queue_id on deployment (work_queue_id);
    create index ix_deployment__updated_at on deployment (updated_at desc);

    create table deployment_schedule (
      id uuid primary key,
      deployment_id uuid not null references deployment (id) on delete cascade,
      schedule jsonb not null,
      active boolean not null default true,
      parameters jsonb not null default '{}',
      slug text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint uq_deployment_schedule__deployment_id_slug unique (deployment_id, slug)
    );

    alter table flow_run
      add column deployment_version text,
      add column work_pool_name text,
      add column work_queue_id uuid,
      add column job_variables jsonb not null default '{}',
      add column auto_scheduled boolean not null default false,
      add column created_by jsonb;
    alter table flow_run
      add constraint fk_flow_run__deployment_id foreign key (deployment_id) references deployment (id) on delete set null;
    create index ix_flow_run__scheduled_due on flow_run (next_scheduled_start_time)
      where state_type = 'SCHEDULED';
    create index ix_flow_run__work_queue_id_state_type on flow_run (work_queue_id, state_type);

    -- A slot of a concurrency limit held by someone, until released or until it expires unrenewed.
    -- resource: 'deployment:<id>' for deployment concurrency (global limits come with blocks).
    create table concurrency_lease (
      id uuid primary key,
      resource text not null,
      slots integer not null default 1,
      flow_run_id uuid,
      holder jsonb not null default '{}',
      expires_at timestamptz not null,
      created_at timestamptz not null default now()
    );
    create index ix_concurrency_lease__resource on concurrency_lease (resource);
    create index ix_concurrency_lease__expires_at on concurrency_lease (expires_at);
    create index ix_concurrency_lease__flow_run_id on concurrency_lease (flow_run_id) where flow_run_id is not null;
`;

/** Drop the deployment and work pool tables and their flow run columns. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table flow_run drop constraint if exists fk_flow_run__deployment_id`.execute(db);
  await sql`alter table flow_run drop column if exists deployment_version, drop column if exists work_pool_name, drop column if exists work_queue_id, drop column if exists job_variables, drop column if exists auto_scheduled, drop column if exists created_by`.execute(
    db,
  );
  await sql`drop table if exists concurrency_lease, deployment_schedule, deployment, worker, work_queue, work_pool cascade`.execute(
    db,
  );
}
