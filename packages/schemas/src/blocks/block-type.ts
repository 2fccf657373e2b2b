import { z } from 'zod';
import { DateTime, Uuid } from '../core/ids';
import { JsonObject } from '../core/json';
import { Pagination } from '../filters/operators';

/** A block type's slug: lowercase letters, digits and dashes (`slack-webhook`). */
export const BlockTypeSlug = z
  .string()
  .min(1, 'slug must not be empty')
  .max(128)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug must be lowercase letters, digits and single dashes');

/** A capability a block schema declares (`notify`, `read-path`, ...). */
export const BlockCapability = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'capability must be lowercase letters, digits and dashes');

/** A kind of block: the slug other objects reference it by, and what the UI shows. */
export const BlockType = z.object({
  id: Uuid,
  slug: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  logoUrl: z.string().nullable(),
  documentationUrl: z.string().nullable(),
  codeExample: z.string().nullable(),
  /** Built-in types: they cannot be changed or deleted through the API. */
  isProtected: z.boolean(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type BlockType = z.infer<typeof BlockType>;

/** Create a block type, or change the one with that slug. */
export const BlockTypeUpsert = z
  .object({
    slug: BlockTypeSlug,
    name: z.string().min(1, 'name must not be empty').max(256),
    description: z.string().max(10_000).nullish(),
    logoUrl: z.string().url().max(2_000).nullish(),
    documentationUrl: z.string().url().max(2_000).nullish(),
    codeExample: z.string().max(10_000).nullish(),
  })
  .strict();
export type BlockTypeUpsert = z.input<typeof BlockTypeUpsert>;

/** List block types: by slug, and those with a schema declaring all these capabilities. */
export const BlockTypeListInput = z
  .object({
    slugs: z.array(BlockTypeSlug).max(1000).optional(),
    capabilities: z.array(BlockCapability).max(100).optional(),
    nameLike: z.string().max(256).optional(),
    ...Pagination.shape,
  })
  .strict();
export type BlockTypeListInput = z.input<typeof BlockTypeListInput>;

/**
 * A block type as a plugin describes it (what `@weft/plugin`'s `defineBlock` produces, as JSON):
 * the type and its current schema in one record, registered by `blockTypes.register`.
 */
export const BlockTypeSpec = z
  .object({
    slug: BlockTypeSlug,
    name: z.string().min(1, 'name must not be empty').max(256),
    description: z.string().max(10_000).nullish(),
    logoUrl: z.string().url().max(2_000).nullish(),
    documentationUrl: z.string().url().max(2_000).nullish(),
    codeExample: z.string().max(10_000).nullish(),
    capabilities: z.array(BlockCapability).max(100).default([]),
    /** Dotted paths of the fields stored encrypted and masked on read (`url`, `auth.token`). */
    secretFields: z.array(z.string().min(1).max(512)).max(100).default([]),
    /** The JSON Schema of a document's data. */
    schema: JsonObject,
    /** @default the server's `sha256:` checksum of the schema */
    checksum: z.string().min(1).max(256).optional(),
    /** @default 'non-versioned' */
    version: z.string().min(1).max(256).optional(),
  })
  .strict();
export type BlockTypeSpec = z.input<typeof BlockTypeSpec>;
