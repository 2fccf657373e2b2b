import { z } from 'zod';
import { DateTime, Uuid } from '../core/ids';
import { JsonObject } from '../core/json';
import { Pagination } from '../filters/operators';
import { BlockCapability, BlockTypeSlug } from './block-type';

/** The version of a block schema created without one. */
export const NON_VERSIONED = 'non-versioned';

/** One version of a block type's fields: a JSON Schema, identified by its checksum. */
export const BlockSchema = z.object({
  id: Uuid,
  blockTypeId: Uuid,
  blockTypeSlug: z.string(),
  /** `sha256:<hex>` of the fields, unique within the block type. */
  checksum: z.string(),
  version: z.string(),
  capabilities: z.array(z.string()),
  /** Dotted paths of the fields stored encrypted and masked on read. */
  secretFields: z.array(z.string()),
  /** The JSON Schema of a document's data. */
  fields: JsonObject,
  createdAt: DateTime,
});
export type BlockSchema = z.infer<typeof BlockSchema>;

/** Create a block schema; one with the same checksum in that type is returned instead. */
export const BlockSchemaCreate = z
  .object({
    blockTypeSlug: BlockTypeSlug,
    fields: JsonObject,
    /** @default the server's `sha256:` checksum of `fields` */
    checksum: z.string().min(1).max(256).optional(),
    /** @default 'non-versioned' */
    version: z.string().min(1).max(256).optional(),
    capabilities: z.array(BlockCapability).max(100).default([]),
    secretFields: z.array(z.string().min(1).max(512)).max(100).default([]),
  })
  .strict();
export type BlockSchemaCreate = z.input<typeof BlockSchemaCreate>;

/** List block schemas, newest first: by type, and those declaring all these capabilities. */
export const BlockSchemaListInput = z
  .object({
    blockTypeSlug: BlockTypeSlug.optional(),
    capabilities: z.array(BlockCapability).max(100).optional(),
    version: z.string().max(256).optional(),
    ...Pagination.shape,
  })
  .strict();
export type BlockSchemaListInput = z.input<typeof BlockSchemaListInput>;
