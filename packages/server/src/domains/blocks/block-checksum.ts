import { createHash } from 'node:crypto';

/**
 * The checksum of a block schema's fields when the caller gives none: `sha256:` and the hex
 * SHA-256 of their JSON with keys sorted, so key order never changes it.
 */
export function blockSchemaChecksum(fields: unknown): string {
  return `sha256:${createHash('sha256').update(stableJson(fields)).digest('hex')}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
