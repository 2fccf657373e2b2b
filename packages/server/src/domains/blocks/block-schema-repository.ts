import type { BlockSchema, JsonObject } from '@weft/schemas';
import { type Kysely, sql } from 'kysely';
import type { BlockSchemaRow, Database } from '../../db/database';

type Db = Kysely<Database>;

/** A block schema row with its type's slug. */
export type BlockSchemaWithSlug = BlockSchemaRow & { block_type_slug: string };

/** A block schema row as the API type. */
export function toBlockSchema(row: BlockSchemaWithSlug): BlockSchema {
  return {
    id: row.id,
    blockTypeId: row.block_type_id,
    blockTypeSlug: row.block_type_slug,
    checksum: row.checksum,
    version: row.version,
    capabilities: row.capabilities,
    secretFields: row.secret_fields,
    fields: row.fields as JsonObject,
    createdAt: row.created_at,
  };
}

function selectSchemas(db: Db) {
  return db
    .selectFrom('block_schema')
    .innerJoin('block_type', 'block_type.id', 'block_schema.block_type_id')
    .selectAll('block_schema')
    .select('block_type.slug as block_type_slug');
}

/** The columns of a new schema. */
export interface BlockSchemaValues {
  id: string;
  blockTypeId: string;
  checksum: string;
  version: string;
  capabilities: string[];
  secretFields: string[];
  fields: JsonObject;
  now: Date;
}

/** Insert a schema unless its type has one with that checksum; the new or existing schema's id. */
export async function insertBlockSchema(db: Db, values: BlockSchemaValues): Promise<string> {
  const inserted = await db
    .insertInto('block_schema')
    .values({
      id: values.id,
      block_type_id: values.blockTypeId,
      checksum: values.checksum,
      version: values.version,
      capabilities: values.capabilities,
      secret_fields: values.secretFields,
      fields: JSON.stringify(values.fields),
      created_at: values.now,
    })
    .onConflict((oc) => oc.columns(['block_type_id', 'checksum']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  const existing = await db
    .selectFrom('block_schema')
    .select('id')
    .where('block_type_id', '=', values.blockTypeId)
    .where('checksum', '=', values.checksum)
    .executeTakeFirstOrThrow();
  return existing.id;
}

/** A block schema by id, or undefined. */
export function findBlockSchemaById(db: Db, id: string): Promise<BlockSchemaWithSlug | undefined> {
  return selectSchemas(db).where('block_schema.id', '=', id).executeTakeFirst();
}

/** The newest schema of a block type, or undefined. */
export function findLatestBlockSchema(db: Db, blockTypeId: string): Promise<BlockSchemaWithSlug | undefined> {
  return selectSchemas(db)
    .where('block_schema.block_type_id', '=', blockTypeId)
    .orderBy('block_schema.created_at', 'desc')
    .orderBy('block_schema.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Block schemas by type, capability and version, newest first. */
export function listBlockSchemas(
  db: Db,
  input: { blockTypeSlug?: string; capabilities?: string[]; version?: string; limit: number; offset: number },
): Promise<BlockSchemaWithSlug[]> {
  let query = selectSchemas(db);
  if (input.blockTypeSlug) query = query.where('block_type.slug', '=', input.blockTypeSlug);
  if (input.version) query = query.where('block_schema.version', '=', input.version);
  const capabilities = input.capabilities;
  if (capabilities?.length) {
    query = query.where(sql<boolean>`block_schema.capabilities @> ${capabilities}::text[]`);
  }
  return query
    .orderBy('block_schema.created_at', 'desc')
    .orderBy('block_schema.id', 'desc')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
}
