import { type Kysely, sql } from 'kysely';
import type { BlockDocumentRow, Database } from '../../db/database';
import { escapeLike } from './block-type-repository';

type Db = Kysely<Database>;

/** A block document row with its type's slug and name and its schema's secret fields. */
export type BlockDocumentWithType = BlockDocumentRow & {
  block_type_slug: string;
  block_type_name: string;
  secret_fields: string[];
};

function selectDocuments(db: Db) {
  return db
    .selectFrom('block_document')
    .innerJoin('block_type', 'block_type.id', 'block_document.block_type_id')
    .innerJoin('block_schema', 'block_schema.id', 'block_document.block_schema_id')
    .selectAll('block_document')
    .select(['block_type.slug as block_type_slug', 'block_type.name as block_type_name'])
    .select('block_schema.secret_fields');
}

/** A block document by id, or undefined. */
export function findBlockDocumentById(db: Db, id: string): Promise<BlockDocumentWithType | undefined> {
  return selectDocuments(db).where('block_document.id', '=', id).executeTakeFirst();
}

/** A block document by type slug and name, or undefined. */
export function findBlockDocumentByName(
  db: Db,
  blockTypeSlug: string,
  name: string,
): Promise<BlockDocumentWithType | undefined> {
  return selectDocuments(db)
    .where('block_type.slug', '=', blockTypeSlug)
    .where('block_document.name', '=', name)
    .executeTakeFirst();
}

/** Block documents by type, schema capability and name, by type slug then name. */
export function listBlockDocuments(
  db: Db,
  input: {
    blockTypeSlugs?: string[] | undefined;
    capabilities?: string[] | undefined;
    nameLike?: string | undefined;
    includeAnonymous: boolean;
    limit: number;
    offset: number;
  },
): Promise<BlockDocumentWithType[]> {
  let query = selectDocuments(db);
  if (input.blockTypeSlugs) {
    query = query.where('block_type.slug', 'in', input.blockTypeSlugs.length ? input.blockTypeSlugs : ['']);
  }
  if (!input.includeAnonymous) query = query.where('block_document.is_anonymous', '=', false);
  if (input.nameLike) query = query.where('block_document.name', 'ilike', `%${escapeLike(input.nameLike)}%`);
  const capabilities = input.capabilities;
  if (capabilities?.length) {
    query = query.where(sql<boolean>`block_schema.capabilities @> ${capabilities}::text[]`);
  }
  return query
    .orderBy('block_type.slug')
    .orderBy('block_document.name')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
}

/** The documents a document references, by path. */
export async function findReferences(db: Db, parentId: string): Promise<Record<string, string>> {
  const rows = await db
    .selectFrom('block_document_reference')
    .select(['path', 'reference_block_document_id'])
    .where('parent_block_document_id', '=', parentId)
    .execute();
  return Object.fromEntries(rows.map((row) => [row.path, row.reference_block_document_id]));
}

/** Replace a document's reference rows. */
export async function replaceReferences(
  db: Db,
  parentId: string,
  refs: Record<string, string>,
): Promise<void> {
  await db.deleteFrom('block_document_reference').where('parent_block_document_id', '=', parentId).execute();
  const rows = Object.entries(refs).map(([path, id]) => ({
    parent_block_document_id: parentId,
    reference_block_document_id: id,
    path,
  }));
  if (rows.length) await db.insertInto('block_document_reference').values(rows).execute();
}

/** The names (`type-slug/name`) of the documents that reference this one. */
export async function findReferrers(db: Db, id: string): Promise<string[]> {
  const rows = await db
    .selectFrom('block_document_reference')
    .innerJoin('block_document', 'block_document.id', 'block_document_reference.parent_block_document_id')
    .innerJoin('block_type', 'block_type.id', 'block_document.block_type_id')
    .select(['block_type.slug', 'block_document.name'])
    .where('block_document_reference.reference_block_document_id', '=', id)
    .execute();
  return rows.map((row) => `${row.slug}/${row.name}`);
}
