import type { JsonObject, JsonValue } from '@weft/schemas';

/** Pure helpers over dotted field paths (`headers`, `auth.token`) of block document data. */

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a dotted path, or undefined. */
export function getPath(data: JsonObject, path: string): JsonValue | undefined {
  let current: JsonValue | undefined = data;
  for (const key of path.split('.')) {
    if (!isObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** Set a dotted path in place; intermediate objects must exist (returns false when they do not). */
export function setPath(data: JsonObject, path: string, value: JsonValue): boolean {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let current: JsonValue | undefined = data;
  for (const key of keys) {
    if (!isObject(current)) return false;
    current = current[key];
  }
  if (!isObject(current)) return false;
  current[last] = value;
  return true;
}

/** A deep copy of JSON data. */
export function cloneData(data: JsonObject): JsonObject {
  return structuredClone(data);
}

/** A reference to another block document, as it appears in data: `{ $ref: { blockDocumentId } }`. */
export function refTarget(value: unknown): string | undefined {
  if (!isObject(value) || Object.keys(value).length !== 1) return undefined;
  const ref = value.$ref;
  if (!isObject(ref) || typeof ref.blockDocumentId !== 'string') return undefined;
  return ref.blockDocumentId;
}

/** Every `$ref` in data, by dotted path. */
export function findRefs(data: JsonObject): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (value: JsonValue, path: string) => {
    const target = refTarget(value);
    if (target !== undefined) {
      out[path] = target;
      return;
    }
    if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
    }
  };
  walk(data, '');
  return out;
}
