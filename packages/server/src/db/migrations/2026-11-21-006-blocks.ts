import { type Kysely, sql } from 'kysely';

// Blocks: types, schemas and documents with encrypted secrets (issue 4).

/** Create the block tables. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement per query: PGlite's extended protocol takes a single statement.
  for (const statement of SCHEMA.split(/;\s*\n/)) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}

const SCHEMA = `
    create table block_type (
      id uuid primary key,
      slug text not null unique,
      name text not null,
      description text,
      logo_url text,
      documentation_url text,
      code_example text,
      is_protected boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table block_schema (
      id uuid primary key,
      block_type_id uuid not null references block_type (id) on delete cascade,
      checksum text not null,
      version text not null,
      capabilities text[] not null default '{}',
      secret_fields text[] not null default '{}',
      fields jsonb not null,
      created_at timestamptz not null default now(),
      constraint uq_block_schema__block_type_id_checksum unique (block_type_id, checksum)
    );

    create index ix_block_schema__capabilities on block_schema using gin (capabilities);

    create table block_document (
      id uuid primary key,
      name text not null,
      block_type_id uuid not null references block_type (id) on delete cascade,
      block_schema_id uuid not null references block_schema (id) on delete cascade,
      data jsonb not null default '{}',
      encrypted_secrets text,
      is_anonymous boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint uq_block_document__block_type_id_name unique (block_type_id, name)
    );

    create index ix_block_document__block_schema_id on block_document (block_schema_id);

    create table block_document_reference (
      parent_block_document_id uuid not null references block_document (id) on delete cascade,
      reference_block_document_id uuid not null references block_document (id) on delete restrict,
      path text not null,
      primary key (parent_block_document_id, path)
    );

    create index ix_block_document_reference__reference on block_document_reference (reference_block_document_id)
`;

/** Drop the block tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['block_document_reference', 'block_document', 'block_schema', 'block_type']) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
}
