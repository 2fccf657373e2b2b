import type { BlockTypeRegistry, inferBlockConfig } from '@weft/plugin';
import type { BlockDocument, JsonObject } from '@weft/schemas';
import { hasErrorCode } from '../workers/worker-client';
import { BlockError } from './block-errors';
import { resolveBlocksClient } from './blocks-client';

/** The data of the built-in block types, by slug. */
export interface BuiltinBlockData {
  secret: { value: unknown };
  json: { value: unknown };
  string: { value: string };
  'date-time': { value: string };
  webhook: {
    url: string;
    method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    headers?: Record<string, string>;
  };
  'local-file-system': { basePath: string };
}

/** The data type of a block type slug: a plugin's (by `BlockTypeRegistry`), a built-in one, else JSON. */
export type BlockDataOf<TSlug extends string> = TSlug extends keyof BlockTypeRegistry
  ? inferBlockConfig<BlockTypeRegistry[TSlug]>
  : TSlug extends keyof BuiltinBlockData
    ? BuiltinBlockData[TSlug]
    : JsonObject;

/** The slug of a `type-slug/name` reference. */
export type BlockSlugOf<TName extends string> = TName extends `${infer TSlug}/${string}` ? TSlug : string;

/** Options of {@link saveBlock}. */
export interface SaveBlockOptions {
  /** Replace the data of an existing document; without it an existing name throws. @default false */
  overwrite?: boolean;
}

/** A server error's code and message, without the request (which may hold secrets). */
function reasonOf(error: unknown): string {
  const code = (error as { data?: { code?: unknown } } | null)?.data?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' ? `${code}: ${message}` : message;
}

/** The stored document, secrets included. @internal */
export async function readBlockDocument(name: string): Promise<BlockDocument> {
  const client = await resolveBlocksClient();
  try {
    return await client.blockDocuments.readByName.query({ name, includeSecrets: true });
  } catch (error: unknown) {
    if (hasErrorCode(error, 'NOT_FOUND'))
      throw new BlockError('NOT_FOUND', name, `Block '${name}' not found`);
    throw new BlockError('CLIENT', name, `Could not load block '${name}' (${reasonOf(error)})`);
  }
}

/**
 * The data of a saved block, secrets included (the engine uses them for the run and never logs
 * them). Typed by the slug: plugin blocks through the `BlockTypeRegistry` augmentation, built-in
 * ones by {@link BuiltinBlockData}, others as JSON.
 * @throws {BlockError} `NOT_FOUND` when there is no such document.
 * @example
 * const { value } = await loadBlock('secret/github-token');
 */
export async function loadBlock<const TName extends `${string}/${string}`>(
  name: TName,
): Promise<BlockDataOf<BlockSlugOf<TName>>> {
  return (await readBlockDocument(name)).data as BlockDataOf<BlockSlugOf<TName>>;
}

/**
 * Save a block document of a type the server knows. An existing name throws a `CONFLICT`
 * {@link BlockError} unless `overwrite`, which replaces the stored data.
 * @example
 * await saveBlock('secret', 'github-token', { value: process.env.GITHUB_TOKEN }, { overwrite: true });
 */
export async function saveBlock<const TSlug extends string>(
  slug: TSlug,
  name: string,
  data: BlockDataOf<TSlug>,
  options: SaveBlockOptions = {},
): Promise<BlockDocument> {
  const ref = `${slug}/${name}`;
  const client = await resolveBlocksClient();
  const json = data as JsonObject;
  try {
    return await client.blockDocuments.create.mutate({ name, blockTypeSlug: slug, data: json });
  } catch (error: unknown) {
    if (!hasErrorCode(error, 'CONFLICT')) {
      const code = hasErrorCode(error, 'NOT_FOUND') ? 'NOT_FOUND' : 'VALIDATION';
      throw new BlockError(code, ref, `Could not save block '${ref}' (${reasonOf(error)})`);
    }
    if (!options.overwrite) {
      throw new BlockError(
        'CONFLICT',
        ref,
        `Block '${ref}' already exists; pass { overwrite: true } to replace it`,
      );
    }
  }
  const existing = await readBlockDocument(ref);
  try {
    return await client.blockDocuments.update.mutate({
      id: existing.id,
      data: json,
      mergeExistingData: false,
    });
  } catch (error: unknown) {
    throw new BlockError('VALIDATION', ref, `Could not save block '${ref}' (${reasonOf(error)})`);
  }
}
