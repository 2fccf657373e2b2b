import { type Kysely, sql } from 'kysely';

// Variables (issue 4): named JSON values with tags.

/** Create the `variable` table. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement per query: PGlite's extended protocol takes a single statement.
  for (const statement of SCHEMA.split(/;\s*\n/)) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}

const SCHEMA = `
    create table variable (
      id uuid primary key,
      name text not null unique,
      value jsonb not null,
      tags text[] not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create index ix_variable__tags on variable using gin (tags);
    create index ix_variable__updated_at on variable (updated_at);
`;

/** Drop the `variable` table. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists variable cascade`.execute(db);
}
