import { defineBlock } from '@weft/plugin';
import type { BlockDocument, JsonValue } from '@weft/schemas';
import { z } from 'zod';
import { BlockError } from './block-errors';
import { blockOf } from './block-of';
import { readBlockDocument, type SaveBlockOptions, saveBlock } from './load-block';

async function loadValue(slug: string, name: string): Promise<unknown> {
  return (await readBlockDocument(`${slug}/${name}`)).data.value;
}

/** A single-value built-in block (`secret`, `json`, `string`): `load` gives the value itself. */
function valueBlock<TValue>(slug: string, check: (value: unknown) => value is TValue, kind: string) {
  return {
    /** The stored value. @throws {BlockError} `NOT_FOUND`, or `VALIDATION` when it is not a {kind}. */
    async load(name: string): Promise<TValue> {
      const value = await loadValue(slug, name);
      if (!check(value))
        throw new BlockError(
          'VALIDATION',
          `${slug}/${name}`,
          `Block '${slug}/${name}' does not hold ${kind}`,
        );
      return value;
    },
    /** Save the value; an existing name throws `CONFLICT` unless `overwrite`. */
    save(name: string, value: TValue, options?: SaveBlockOptions): Promise<BlockDocument> {
      return saveBlock(slug, name, { value } as never, options);
    },
  };
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isJson = (value: unknown): value is JsonValue => value !== undefined;

/**
 * A secret string, encrypted at rest on the server. Never log what `load` returns.
 * @example
 * await Secret.save('github-token', 'ghp_…', { overwrite: true });
 * const token = await Secret.load('github-token');
 */
export const Secret = valueBlock('secret', isString, 'a string');

/** Any JSON value. */
export const JsonBlock = valueBlock('json', isJson, 'a JSON value');

/** A string. */
export const StringBlock = valueBlock('string', isString, 'a string');

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The built-in `webhook` block type as a definition (`notify` sends an HTTP request). */
export const webhookBlock = defineBlock({
  slug: 'webhook',
  name: 'Webhook',
  schema: z.object({
    url: z.string().url(),
    method: z.enum(HTTP_METHODS).default('POST'),
    headers: z.record(z.string(), z.string()).default({}),
  }),
  secrets: ['url', 'headers'],
  capabilities: ['notify'],
  methods: {
    /**
     * Send `body` to the URL with the block's method and headers: a string as text, anything
     * else as JSON. Throws a {@link BlockError} on a non-2xx answer; its message never holds the
     * URL or headers (they are secret).
     */
    async notify(config, body: unknown): Promise<void> {
      const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
      const contentType = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
      let response: Response;
      try {
        response = await fetch(config.url, {
          method: config.method,
          headers: { 'content-type': contentType, ...config.headers },
          ...(config.method === 'GET' ? {} : { body: text }),
        });
      } catch (error: unknown) {
        const code = (error as { cause?: { code?: unknown } }).cause?.code;
        throw new BlockError(
          'CLIENT',
          'webhook',
          `Webhook could not be reached${typeof code === 'string' ? ` (${code})` : ''}`,
        );
      }
      await response.body?.cancel();
      if (!response.ok) throw new BlockError('CLIENT', 'webhook', `Webhook answered HTTP ${response.status}`);
    },
  },
});

/**
 * Notification by HTTP: `(await Webhook.load('alerts')).notify({ text: 'done' })`.
 */
export const Webhook = blockOf(webhookBlock);

/** The built-in `local-file-system` block type as a definition. */
export const localFileSystemBlock = defineBlock({
  slug: 'local-file-system',
  name: 'LocalFileSystem',
  schema: z.object({ basePath: z.string().min(1) }),
  capabilities: ['get-directory', 'put-directory', 'read-path', 'write-path'],
});

/** A folder on this machine: `(await LocalFileSystem.load('results')).data.basePath`. */
export const LocalFileSystem = blockOf(localFileSystemBlock);
