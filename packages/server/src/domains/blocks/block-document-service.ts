import { type BlockDocument, type JsonObject, type JsonValue, SECRET_MASK, uuid7 } from '@weft/schemas';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/pg-errors';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import type { ServerResources } from '../../resources';
import { createSecretBox, type SecretBox } from '../../secrets/secret-box';
import type { BlockDocumentService } from './block-contract';
import { cloneData, findRefs, getPath, refTarget, setPath } from './block-data-paths';
import { validateBlockData } from './block-data-validator';
import {
  type BlockDocumentWithType,
  findBlockDocumentById,
  findBlockDocumentByName,
  findReferrers,
  listBlockDocuments,
  replaceReferences,
} from './block-document-repository';
import {
  type BlockSchemaWithSlug,
  findBlockSchemaById,
  findLatestBlockSchema,
} from './block-schema-repository';
import { findBlockTypeBySlug } from './block-type-repository';

type Db = Kysely<Database>;

/** How deep nested blocks may go (and the guard against reference cycles). */
const MAX_NESTING = 8;

/** Create the block document service. Secrets are encrypted with the server's key (`resources.home`). */
export function createBlockDocumentService(resources: ServerResources): BlockDocumentService {
  const { db, clock } = resources;
  const box = createSecretBox({ home: resources.home });
  const docs = blockDocuments(box);

  return {
    async create(input) {
      const now = clock();
      const id = await db.transaction().execute(async (trx) => {
        const type = await findBlockTypeBySlug(trx, input.blockTypeSlug);
        if (!type) throw new NotFoundError('Block type', input.blockTypeSlug);
        const schema = input.blockSchemaId
          ? await findBlockSchemaById(trx, input.blockSchemaId)
          : await findLatestBlockSchema(trx, type.id);
        if (!schema || schema.block_type_id !== type.id) {
          throw input.blockSchemaId
            ? new ValidationError(`is not a schema of block type ${type.slug}`, { path: 'blockSchemaId' })
            : new ValidationError(`block type ${type.slug} has no schema`, { path: 'blockTypeSlug' });
        }
        const id = uuid7(now.getTime());
        const name = input.name ?? `anonymous-${id}`;
        if (await findBlockDocumentByName(trx, type.slug, name)) throw alreadyExists(type.slug, name);
        const prepared = await docs.prepare(trx, schema, input.data, id);
        try {
          await trx
            .insertInto('block_document')
            .values({
              id,
              name,
              block_type_id: type.id,
              block_schema_id: schema.id,
              data: JSON.stringify(prepared.data),
              encrypted_secrets: prepared.encryptedSecrets,
              is_anonymous: input.isAnonymous,
              created_at: now,
              updated_at: now,
            })
            .execute();
        } catch (error) {
          if (isUniqueViolation(error)) throw alreadyExists(type.slug, name);
          throw error;
        }
        await replaceReferences(trx, id, prepared.refs);
        return id;
      });
      return docs.read(db, await mustFind(db, id), false);
    },

    async get(id, includeSecrets) {
      return docs.read(db, await mustFind(db, id), includeSecrets);
    },

    async getByName(name, includeSecrets) {
      const [slug = '', documentName = ''] = name.split('/');
      const row = await findBlockDocumentByName(db, slug, documentName);
      if (!row) throw new NotFoundError('Block document', name);
      return docs.read(db, row, includeSecrets);
    },

    async list(input) {
      const rows = await listBlockDocuments(db, input);
      const out: BlockDocument[] = [];
      for (const row of rows) out.push(await docs.read(db, row, input.includeSecrets));
      return out;
    },

    async update(input) {
      const now = clock();
      await db.transaction().execute(async (trx) => {
        const existing = await mustFind(trx, input.id);
        const schema = input.blockSchemaId
          ? await findBlockSchemaById(trx, input.blockSchemaId)
          : await findBlockSchemaById(trx, existing.block_schema_id);
        if (!schema || schema.block_type_id !== existing.block_type_id) {
          throw new ValidationError(`is not a schema of block type ${existing.block_type_slug}`, {
            path: 'blockSchemaId',
          });
        }
        const stored = docs.withSecrets(existing);
        const data = input.mergeExistingData ? { ...stored, ...input.data } : { ...input.data };
        // Secrets left out, or sent back masked, keep their stored value.
        for (const path of schema.secret_fields) {
          const value = getPath(data, path);
          if (value !== undefined && value !== SECRET_MASK) continue;
          const old = getPath(stored, path);
          if (old !== undefined && old !== SECRET_MASK) setPath(data, path, old);
          else if (value === SECRET_MASK) {
            throw new ValidationError(`is the mask of a secret that has no stored value; give the value`, {
              path: `data.${path}`,
            });
          }
        }
        const prepared = await docs.prepare(trx, schema, data, existing.id);
        await trx
          .updateTable('block_document')
          .set({
            data: JSON.stringify(prepared.data),
            encrypted_secrets: prepared.encryptedSecrets,
            block_schema_id: schema.id,
            updated_at: now,
          })
          .where('id', '=', existing.id)
          .execute();
        await replaceReferences(trx, existing.id, prepared.refs);
      });
      return docs.read(db, await mustFind(db, input.id), false);
    },

    async delete(id) {
      return db.transaction().execute(async (trx) => {
        const row = await mustFind(trx, id);
        const referrers = await findReferrers(trx, id);
        if (referrers.length) {
          throw new ConflictError(
            `Block document ${row.block_type_slug}/${row.name} is used by ${referrers.join(', ')}; delete those first`,
          );
        }
        await trx.deleteFrom('block_document').where('id', '=', id).execute();
        return { id };
      });
    },
  };
}

function alreadyExists(slug: string, name: string): ConflictError {
  return new ConflictError(`Block document ${slug}/${name} already exists`);
}

async function mustFind(db: Db, id: string): Promise<BlockDocumentWithType> {
  const row = await findBlockDocumentById(db, id);
  if (!row) throw new NotFoundError('Block document', id);
  return row;
}

/** Reading and writing document data: secrets split off and encrypted, nested blocks resolved. */
function blockDocuments(box: SecretBox) {
  /** The stored data with its secrets decrypted into place (nested blocks left as `$ref`). */
  function withSecrets(row: BlockDocumentWithType): JsonObject {
    const data = cloneData(row.data as JsonObject);
    if (row.encrypted_secrets) {
      const secrets = box.decrypt(row.encrypted_secrets) as Record<string, JsonValue>;
      for (const [path, value] of Object.entries(secrets)) setPath(data, path, value);
    }
    return data;
  }

  /** `data` with every `$ref` replaced by the referenced document's data, recursively. */
  async function resolve(
    db: Db,
    data: JsonObject,
    includeSecrets: boolean,
    chain: string[],
    at: (path: string) => string,
  ): Promise<JsonObject> {
    const out = cloneData(data);
    for (const [path, targetId] of Object.entries(findRefs(data))) {
      if (chain.includes(targetId) || chain.length > MAX_NESTING) {
        throw new ValidationError('nested block references form a cycle (or nest too deep)', {
          path: at(path),
        });
      }
      const target = await findBlockDocumentById(db, targetId);
      if (!target) throw new ValidationError(`block document ${targetId} not found`, { path: at(path) });
      const targetData = includeSecrets ? withSecrets(target) : cloneData(target.data as JsonObject);
      setPath(out, path, await resolve(db, targetData, includeSecrets, [...chain, targetId], at));
    }
    return out;
  }

  return {
    withSecrets,

    /** Validate full data against the schema and split it into what is stored. Writes nothing. */
    async prepare(db: Db, schema: BlockSchemaWithSlug, data: JsonObject, selfId: string) {
      const resolved = await resolve(db, data, true, [selfId], (path) => `data.${path}`);
      validateBlockData(schema.id, schema.fields as JsonObject, resolved);
      const stored = cloneData(data);
      const secrets: Record<string, JsonValue> = {};
      for (const path of schema.secret_fields) {
        const value = getPath(stored, path);
        if (value === undefined || refTarget(value) !== undefined) continue;
        secrets[path] = value;
        setPath(stored, path, SECRET_MASK);
      }
      return {
        data: stored,
        encryptedSecrets: Object.keys(secrets).length ? box.encrypt(secrets) : null,
        refs: findRefs(data),
      };
    },

    /** A row as the API type: secrets masked unless asked for, nested blocks resolved. */
    async read(db: Db, row: BlockDocumentWithType, includeSecrets: boolean): Promise<BlockDocument> {
      const base = includeSecrets ? withSecrets(row) : cloneData(row.data as JsonObject);
      const data = await resolve(db, base, includeSecrets, [row.id], (path) => `data.${path}`);
      return {
        id: row.id,
        name: row.name,
        blockTypeId: row.block_type_id,
        blockTypeSlug: row.block_type_slug,
        blockTypeName: row.block_type_name,
        blockSchemaId: row.block_schema_id,
        data,
        isAnonymous: row.is_anonymous,
        references: findRefs(row.data as JsonObject),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
    },
  };
}
