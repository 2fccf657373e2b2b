import type { BlockType } from '@weft/schemas';
import { type Kysely, sql } from 'kysely';
import type { BlockTypeRow, Database } from '../../db/database';

type Db = Kysely<Database>;

/** A block type row as the API type. */
export function toBlockType(row: BlockTypeRow): BlockType {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    logoUrl: row.logo_url,
    documentationUrl: row.documentation_url,
    codeExample: row.code_example,
    isProtected: row.is_protected,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The columns an upsert writes. */
export interface BlockTypeValues {
  slug: string;
  name: string;
  description?: string | null | undefined;
  logoUrl?: string | null | undefined;
  documentationUrl?: string | null | undefined;
  codeExample?: string | null | undefined;
  isProtected?: boolean;
}

/** Insert the block type, or update the one with its slug (fields left undefined stay). */
export function upsertBlockType(
  db: Db,
  id: string,
  values: BlockTypeValues,
  now: Date,
): Promise<BlockTypeRow> {
  const changes = {
    name: values.name,
    ...(values.description !== undefined ? { description: values.description } : {}),
    ...(values.logoUrl !== undefined ? { logo_url: values.logoUrl } : {}),
    ...(values.documentationUrl !== undefined ? { documentation_url: values.documentationUrl } : {}),
    ...(values.codeExample !== undefined ? { code_example: values.codeExample } : {}),
    ...(values.isProtected !== undefined ? { is_protected: values.isProtected } : {}),
    updated_at: now,
  };
  return db
    .insertInto('block_type')
    .values({
      id,
      slug: values.slug,
      name: values.name,
      description: values.description ?? null,
      logo_url: values.logoUrl ?? null,
      documentation_url: values.documentationUrl ?? null,
      code_example: values.codeExample ?? null,
      is_protected: values.isProtected ?? false,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('slug').doUpdateSet(changes))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A block type by id, or undefined. */
export function findBlockTypeById(db: Db, id: string): Promise<BlockTypeRow | undefined> {
  return db.selectFrom('block_type').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A block type by slug, or undefined. */
export function findBlockTypeBySlug(db: Db, slug: string): Promise<BlockTypeRow | undefined> {
  return db.selectFrom('block_type').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** Block types by slug, name and capability (of any of their schemas), by name. */
export function listBlockTypes(
  db: Db,
  input: { slugs?: string[]; capabilities?: string[]; nameLike?: string; limit: number; offset: number },
): Promise<BlockTypeRow[]> {
  let query = db.selectFrom('block_type').selectAll();
  if (input.slugs) query = query.where('slug', 'in', input.slugs.length ? input.slugs : ['']);
  if (input.nameLike) query = query.where('name', 'ilike', `%${escapeLike(input.nameLike)}%`);
  const capabilities = input.capabilities;
  if (capabilities?.length) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('block_schema')
          .select(sql`1`.as('one'))
          .whereRef('block_schema.block_type_id', '=', 'block_type.id')
          .where(sql<boolean>`block_schema.capabilities @> ${capabilities}::text[]`),
      ),
    );
  }
  return query.orderBy('name').orderBy('slug').limit(input.limit).offset(input.offset).execute();
}

/** Delete a block type (its schemas and documents go with it); the deleted id or undefined. */
export async function deleteBlockType(db: Db, id: string): Promise<string | undefined> {
  const row = await db.deleteFrom('block_type').where('id', '=', id).returning('id').executeTakeFirst();
  return row?.id;
}

/** Escape `%`, `_` and `\` for a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
