import { z } from 'zod';
import { DateTime, Uuid } from '../core/ids';
import { JsonObject } from '../core/json';
import { Pagination } from '../filters/operators';
import { BlockCapability, BlockTypeSlug } from './block-type';

/** What a secret field reads as unless `includeSecrets` is asked for. */
export const SECRET_MASK = '********';

/** A block document's name: lowercase letters, digits and dashes, unique within its type. */
export const BlockDocumentName = z
  .string()
  .min(1, 'name must not be empty')
  .max(256)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'name must be lowercase letters, digits and single dashes');

/**
 * A saved block: data of one block type, validated by one of its schemas. A field holding
 * `{ $ref: { blockDocumentId } }` is another document, resolved on read.
 */
export const BlockDocument = z.object({
  id: Uuid,
  name: z.string(),
  blockTypeId: Uuid,
  blockTypeSlug: z.string(),
  blockTypeName: z.string(),
  blockSchemaId: Uuid,
  /** Secret fields read as `'********'` unless `includeSecrets`; nested blocks are resolved. */
  data: JsonObject,
  /** Created without a name (nested or one-off blocks); hidden from lists by default. */
  isAnonymous: z.boolean(),
  /** The documents this one references, by field path. */
  references: z.record(z.string(), Uuid),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type BlockDocument = z.infer<typeof BlockDocument>;

/** Create a block document. Its name is unique within the type (`CONFLICT` otherwise). */
export const BlockDocumentCreate = z
  .object({
    /** Required unless `isAnonymous`; anonymous documents get a generated name. */
    name: BlockDocumentName.optional(),
    blockTypeSlug: BlockTypeSlug,
    /** @default the type's newest schema */
    blockSchemaId: Uuid.optional(),
    data: JsonObject,
    isAnonymous: z.boolean().default(false),
  })
  .strict()
  .refine((input) => input.isAnonymous || input.name !== undefined, {
    message: 'name is required unless isAnonymous',
    path: ['name'],
  });
export type BlockDocumentCreate = z.input<typeof BlockDocumentCreate>;

/** Read one block document by id. */
export const BlockDocumentReadInput = z
  .object({ id: Uuid, includeSecrets: z.boolean().default(false) })
  .strict();
export type BlockDocumentReadInput = z.input<typeof BlockDocumentReadInput>;

/** Read one block document by `type-slug/name` (e.g. `secret/github-token`). */
export const BlockDocumentReadByNameInput = z
  .object({
    name: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'name must be "<type-slug>/<document-name>"'),
    includeSecrets: z.boolean().default(false),
  })
  .strict();
export type BlockDocumentReadByNameInput = z.input<typeof BlockDocumentReadByNameInput>;

/** List block documents by name: by type, by capability of their schema, anonymous or not. */
export const BlockDocumentListInput = z
  .object({
    blockTypeSlugs: z.array(BlockTypeSlug).max(1000).optional(),
    capabilities: z.array(BlockCapability).max(100).optional(),
    nameLike: z.string().max(256).optional(),
    /** @default false */
    includeAnonymous: z.boolean().default(false),
    /** @default false */
    includeSecrets: z.boolean().default(false),
    ...Pagination.shape,
  })
  .strict();
export type BlockDocumentListInput = z.input<typeof BlockDocumentListInput>;

/**
 * Change a block document's data. By default `data` merges into the stored data key by key; with
 * `mergeExistingData: false` it replaces it. Secret fields left out (or given as `'********'`) keep
 * their stored value either way.
 */
export const BlockDocumentUpdate = z
  .object({
    id: Uuid,
    data: JsonObject,
    /** @default true */
    mergeExistingData: z.boolean().default(true),
    /** Move the document to another schema of its type. */
    blockSchemaId: Uuid.optional(),
  })
  .strict();
export type BlockDocumentUpdate = z.input<typeof BlockDocumentUpdate>;
