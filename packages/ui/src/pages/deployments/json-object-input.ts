import type { JsonObject } from '@weft/schemas';

/** The outcome of reading a JSON object the user typed. */
export type JsonObjectInput = { ok: true; value: JsonObject | undefined } | { ok: false; error: string };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Parse text that should hold a JSON object; blank text is no object. */
export function parseJsonObject(text: string): JsonObjectInput {
  if (!text.trim()) return { ok: true, value: undefined };
  try {
    const value: unknown = JSON.parse(text);
    if (!isPlainObject(value)) return { ok: false, error: 'Must be a JSON object, such as {"key": "value"}' };
    // What JSON.parse returns is JSON by construction.
    return { ok: true, value: value as JsonObject };
  } catch (error) {
    return { ok: false, error: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * A form's value as the JSON the API takes: fields left `undefined` (emptied inputs) are dropped,
 * as JSON drops them.
 */
export function toJsonObject(value: Record<string, unknown>): JsonObject {
  const json: unknown = JSON.parse(JSON.stringify(value));
  return isPlainObject(json) ? (json as JsonObject) : {};
}
