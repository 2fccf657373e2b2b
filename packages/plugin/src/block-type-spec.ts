import type { JsonObject, JsonValue } from '@weft/schemas';
import type { AnyBlockType } from './block-type';

/** What the server stores for a block type and its schema: plain JSON, ready to send. */
export interface BlockTypeSpec {
  slug: string;
  name: string;
  description: string;
  capabilities: string[];
  /** Dot-separated paths of the fields that are encrypted at rest and masked on read. */
  secretFields: string[];
  /** JSON Schema (draft 2020-12) of the config's input. */
  schema: JsonObject;
  /** `sha256:<hex>` of {@link toCanonicalJson} of `schema`: equal schemas, equal checksums. */
  checksum: string;
}

/**
 * The JSON description of a block type that `weft block register` sends to the server.
 * Async because the checksum uses Web Crypto (`crypto.subtle`), which keeps this package free of
 * `node:` imports.
 */
export async function toBlockTypeSpec(block: AnyBlockType): Promise<BlockTypeSpec> {
  const schema = structuredClone(block.jsonSchema);
  return {
    slug: block.slug,
    name: block.name,
    description: block.description,
    capabilities: [...block.capabilities],
    secretFields: [...block.secrets],
    schema,
    checksum: await toSchemaChecksum(schema),
  };
}

/** `sha256:<hex>` of the canonical JSON of a JSON Schema; the server can recompute it to compare. */
export async function toSchemaChecksum(schema: JsonObject): Promise<string> {
  const bytes = new TextEncoder().encode(toCanonicalJson(schema));
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `sha256:${hex}`;
}

/** JSON text with object keys sorted at every level and no whitespace; arrays keep their order. */
export function toCanonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(toCanonicalJson).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const keys = Object.keys(value)
    .filter((key) => value[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${toCanonicalJson(value[key] as JsonValue)}`).join(',')}}`;
}
