import { type JsonObject, NON_VERSIONED, uuid7 } from '@weft/schemas';
import type { ServerResources } from '../../resources';
import { createBlockSchema } from './block-schema-service';
import { upsertBlockType } from './block-type-repository';

/** A built-in block type: the server registers it (protected) on start. */
export interface BuiltinBlockType {
  slug: string;
  name: string;
  description: string;
  capabilities: string[];
  secretFields: string[];
  fields: JsonObject;
}

const object = (properties: JsonObject, required: string[]): JsonObject => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

/** Secret, JSON, String, DateTime, Webhook and LocalFileSystem. */
export const BUILTIN_BLOCK_TYPES: readonly BuiltinBlockType[] = [
  {
    slug: 'secret',
    name: 'Secret',
    description: 'A secret value (a string or JSON), encrypted at rest and masked on read.',
    capabilities: [],
    secretFields: ['value'],
    fields: object({ value: { title: 'Value', description: 'The secret.' } }, ['value']),
  },
  {
    slug: 'json',
    name: 'JSON',
    description: 'Any JSON value.',
    capabilities: [],
    secretFields: [],
    fields: object({ value: { title: 'Value' } }, ['value']),
  },
  {
    slug: 'string',
    name: 'String',
    description: 'A string.',
    capabilities: [],
    secretFields: [],
    fields: object({ value: { type: 'string', title: 'Value' } }, ['value']),
  },
  {
    slug: 'date-time',
    name: 'DateTime',
    description: 'A date and time (ISO 8601).',
    capabilities: [],
    secretFields: [],
    fields: object({ value: { type: 'string', format: 'date-time', title: 'Value' } }, ['value']),
  },
  {
    slug: 'webhook',
    name: 'Webhook',
    description: 'Calls a URL with an HTTP request: a notification block.',
    capabilities: ['notify'],
    secretFields: ['url', 'headers'],
    fields: object(
      {
        url: { type: 'string', format: 'uri', title: 'URL', description: 'Secret: it often holds a token.' },
        method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], default: 'POST' },
        headers: { type: 'object', additionalProperties: { type: 'string' }, default: {} },
      },
      ['url'],
    ),
  },
  {
    slug: 'local-file-system',
    name: 'LocalFileSystem',
    description: 'Reads and writes files under a base path: a result storage.',
    capabilities: ['get-directory', 'put-directory', 'read-path', 'write-path'],
    secretFields: [],
    fields: object({ basePath: { type: 'string', minLength: 1, title: 'Base path' } }, ['basePath']),
  },
];

/**
 * Register the built-in block types and their schemas (idempotent: types upsert by slug, schemas
 * by checksum), protected from changes and deletion through the API. Runs on server start.
 */
export async function registerBuiltinBlockTypes(
  resources: Pick<ServerResources, 'db' | 'clock'>,
): Promise<void> {
  const now = resources.clock();
  await resources.db.transaction().execute(async (trx) => {
    for (const builtin of BUILTIN_BLOCK_TYPES) {
      const type = await upsertBlockType(
        trx,
        uuid7(now.getTime()),
        { slug: builtin.slug, name: builtin.name, description: builtin.description, isProtected: true },
        now,
      );
      await createBlockSchema(
        trx,
        {
          blockTypeSlug: builtin.slug,
          blockTypeId: type.id,
          fields: builtin.fields,
          capabilities: builtin.capabilities,
          secretFields: builtin.secretFields,
          version: NON_VERSIONED,
        },
        now,
      );
    }
  });
}
