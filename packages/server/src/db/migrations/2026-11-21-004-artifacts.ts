import { type Kysely, sql } from 'kysely';

// Artifacts (issue 4): what runs produce for people. Artifacts of one key are its versions; the
// newest by `seq` (order of creation, exact even within one millisecond) is the key's latest.

/** Create the `artifact` table. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement per query: PGlite's extended protocol takes a single statement.
  for (const statement of SCHEMA.split(/;\s*\n/)) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}

const SCHEMA = `
    create table artifact (
      id uuid primary key,
      seq bigint generated always as identity,
      key text,
      type text not null,
      description text,
      data jsonb not null,
      metadata jsonb not null default '{}',
      flow_run_id uuid references flow_run (id) on delete set null,
      task_run_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create index ix_artifact__key_seq on artifact (key, seq desc) where key is not null;
    create index ix_artifact__seq on artifact (seq);
    create index ix_artifact__flow_run_id on artifact (flow_run_id);
    create index ix_artifact__task_run_id on artifact (task_run_id);
`;

/** Drop the `artifact` table. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists artifact cascade`.execute(db);
}
