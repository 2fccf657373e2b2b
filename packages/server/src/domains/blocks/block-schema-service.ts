import { type BlockSchemaCreate, type JsonObject, NON_VERSIONED, uuid7 } from '@weft/schemas';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/database';
import { NotFoundError, ValidationError } from '../../errors';
import type { ServerResources } from '../../resources';
import { blockSchemaChecksum } from './block-checksum';
import type { BlockSchemaService } from './block-contract';
import { assertValidFieldsSchema } from './block-data-validator';
import {
  type BlockSchemaWithSlug,
  findBlockSchemaById,
  insertBlockSchema,
  listBlockSchemas,
  toBlockSchema,
} from './block-schema-repository';
import { findBlockTypeBySlug } from './block-type-repository';

/**
 * Create a block schema in `db` (a transaction or not), idempotently by checksum within its type.
 * Checks that the fields are a JSON Schema and that every secret field is one of its properties.
 */
export async function createBlockSchema(
  db: Kysely<Database>,
  input: z.output<typeof BlockSchemaCreate> & { blockTypeId?: string },
  now: Date,
): Promise<BlockSchemaWithSlug> {
  let blockTypeId = input.blockTypeId;
  if (!blockTypeId) {
    const type = await findBlockTypeBySlug(db, input.blockTypeSlug);
    if (!type) throw new NotFoundError('Block type', input.blockTypeSlug);
    blockTypeId = type.id;
  }
  assertValidFieldsSchema(input.fields);
  input.secretFields.forEach((path, index) => {
    if (!hasProperty(input.fields, path)) {
      throw new ValidationError(`"${path}" is not a property of the schema`, {
        path: `secretFields.${index}`,
      });
    }
  });
  const id = await insertBlockSchema(db, {
    id: uuid7(now.getTime()),
    blockTypeId,
    checksum: input.checksum ?? blockSchemaChecksum(input.fields),
    version: input.version ?? NON_VERSIONED,
    capabilities: [...new Set(input.capabilities)].sort(),
    secretFields: [...new Set(input.secretFields)],
    fields: input.fields,
    now,
  });
  const row = await findBlockSchemaById(db, id);
  if (!row) throw new NotFoundError('Block schema', id);
  return row;
}

/** Whether a dotted path names a property of a JSON Schema (through nested `properties`). */
function hasProperty(schema: JsonObject, path: string): boolean {
  let current: unknown = schema;
  for (const key of path.split('.')) {
    const properties = (current as { properties?: unknown } | null)?.properties;
    if (typeof properties !== 'object' || properties === null || !Object.hasOwn(properties, key))
      return false;
    current = (properties as Record<string, unknown>)[key];
  }
  return true;
}

/** Create the block schema service. */
export function createBlockSchemaService(resources: ServerResources): BlockSchemaService {
  const { db, clock } = resources;
  return {
    async create(input) {
      return toBlockSchema(await createBlockSchema(db, input, clock()));
    },
    async get(id) {
      const row = await findBlockSchemaById(db, id);
      if (!row) throw new NotFoundError('Block schema', id);
      return toBlockSchema(row);
    },
    async list(input) {
      return (await listBlockSchemas(db, input)).map(toBlockSchema);
    },
  };
}
