import { uuid7 } from '@weft/schemas';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { isForeignKeyViolation } from '../../db/pg-errors';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import type { ServerResources } from '../../resources';
import type { BlockTypeService } from './block-contract';
import { toBlockSchema } from './block-schema-repository';
import { createBlockSchema } from './block-schema-service';
import {
  type BlockTypeValues,
  deleteBlockType,
  findBlockTypeById,
  findBlockTypeBySlug,
  listBlockTypes,
  toBlockType,
  upsertBlockType,
} from './block-type-repository';

/** Upsert a block type that is not protected (built-in types are the server's own). */
async function upsertUnprotected(db: Kysely<Database>, values: BlockTypeValues, now: Date) {
  const existing = await findBlockTypeBySlug(db, values.slug);
  if (existing?.is_protected) {
    throw new ValidationError(`block type ${values.slug} is built in and cannot be changed`, {
      path: 'slug',
    });
  }
  return upsertBlockType(db, uuid7(now.getTime()), values, now);
}

/** Create the block type service. */
export function createBlockTypeService(resources: ServerResources): BlockTypeService {
  const { db, clock } = resources;
  return {
    async upsert(input) {
      return toBlockType(await upsertUnprotected(db, input, clock()));
    },
    async register(input) {
      const now = clock();
      return db.transaction().execute(async (trx) => {
        const type = await upsertUnprotected(trx, input, now);
        const schema = await createBlockSchema(
          trx,
          {
            blockTypeSlug: type.slug,
            blockTypeId: type.id,
            fields: input.schema,
            capabilities: input.capabilities,
            secretFields: input.secretFields,
            ...(input.checksum ? { checksum: input.checksum } : {}),
            ...(input.version ? { version: input.version } : {}),
          },
          now,
        );
        return { blockType: toBlockType(type), blockSchema: toBlockSchema(schema) };
      });
    },
    async get(id) {
      const row = await findBlockTypeById(db, id);
      if (!row) throw new NotFoundError('Block type', id);
      return toBlockType(row);
    },
    async getBySlug(slug) {
      const row = await findBlockTypeBySlug(db, slug);
      if (!row) throw new NotFoundError('Block type', slug);
      return toBlockType(row);
    },
    async list(input) {
      return (await listBlockTypes(db, input)).map(toBlockType);
    },
    async delete(id) {
      const row = await findBlockTypeById(db, id);
      if (!row) throw new NotFoundError('Block type', id);
      if (row.is_protected)
        throw new ValidationError('protected block types cannot be deleted', { path: 'id' });
      try {
        const deleted = await deleteBlockType(db, id);
        if (!deleted) throw new NotFoundError('Block type', id);
      } catch (error) {
        if (!isForeignKeyViolation(error)) throw error;
        throw new ConflictError(
          `Block type ${row.slug} has documents that other block documents reference; delete those first`,
          { cause: error },
        );
      }
      return { id };
    },
  };
}
