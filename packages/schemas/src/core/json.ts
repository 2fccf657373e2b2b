import { z } from 'zod';

/** A JSON value: string, finite number, boolean, null, or an array or plain object of them. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Where a value is not JSON, and why. */
interface NotJson {
  path: PropertyKey[];
  what: string;
}

const NOT_JSON = Symbol('not JSON');

/**
 * A copy of a JSON value (fresh arrays and objects, as a parser gives), or `NOT_JSON`. One pass,
 * with no path kept: the path is looked for only when the value is refused.
 */
function copyJson(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : NOT_JSON;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const copy = new Array(value.length);
        for (let i = 0; i < value.length; i++) {
          const item = copyJson(value[i]);
          if (item === NOT_JSON) return NOT_JSON;
          copy[i] = item;
        }
        return copy;
      }
      if (!isPlainObject(value)) return NOT_JSON;
      const copy: Record<string, unknown> = {};
      for (const key in value) {
        const item = copyJson((value as Record<string, unknown>)[key]);
        if (item === NOT_JSON) return NOT_JSON;
        copy[key] = item;
      }
      return copy;
    }
    default:
      return NOT_JSON;
  }
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The first place in `value` that is not JSON. */
function findNotJson(value: unknown, path: PropertyKey[] = []): NotJson | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { path, what: String(value) };
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return undefined;
  if (typeof value !== 'object') return { path, what: typeof value };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNotJson(value[i], [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (!isPlainObject(value)) return { path, what: `an instance of ${value.constructor?.name ?? 'a class'}` };
  for (const key in value) {
    const found = findNotJson((value as Record<string, unknown>)[key], [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/**
 * Any JSON value (string, number, boolean, null, array, object). Checked and copied in one walk
 * instead of `z.json()`'s recursive union: the walk costs a few nanoseconds a node, and schemas
 * holding it stay free of reference cycles, so `z.compile` can build their fast path.
 */
export const JsonValue = z.unknown().check((payload) => {
  const copy = copyJson(payload.value);
  if (copy !== NOT_JSON) {
    payload.value = copy;
    return;
  }
  const found = findNotJson(payload.value);
  payload.issues.push({
    code: 'custom',
    message: `Expected JSON, received ${found?.what ?? 'a value that is not JSON'}`,
    input: payload.value,
    path: found?.path ?? [],
  });
}) as unknown as z.ZodType<JsonValue, JsonValue>;

/** A JSON object, such as a flow run's parameters. */
export const JsonObject = z.record(z.string(), JsonValue);
export type JsonObject = z.infer<typeof JsonObject>;
