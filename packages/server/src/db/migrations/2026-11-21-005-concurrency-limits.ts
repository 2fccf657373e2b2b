import { type Kysely, sql } from 'kysely';

// Global concurrency limits and rate limits (issue 4). Their leases live in `concurrency_lease`
// with resource `limit:<limit id>`; one acquisition over several limits shares one `lease_id`.

/** Create `concurrency_limit`; add `lease_id` to `concurrency_lease`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement per query: PGlite's extended protocol takes a single statement.
  for (const statement of SCHEMA.split(/;\s*\n/)) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}

const SCHEMA = `
    create table concurrency_limit (
      id uuid primary key,
      name text not null unique,
      "limit" integer not null check ("limit" >= 0),
      active boolean not null default true,
      slot_decay_per_second double precision not null default 0,
      rate_slots double precision not null default 0,
      denied_slots double precision not null default 0,
      decayed_at timestamptz not null default now(),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    alter table concurrency_lease add column lease_id uuid;
    create index ix_concurrency_lease__lease_id on concurrency_lease (lease_id) where lease_id is not null;
`;

/** Drop `concurrency_limit` and its leases. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from concurrency_lease where lease_id is not null`.execute(db);
  await sql`drop index if exists ix_concurrency_lease__lease_id`.execute(db);
  await sql`alter table concurrency_lease drop column if exists lease_id`.execute(db);
  await sql`drop table if exists concurrency_limit cascade`.execute(db);
}
