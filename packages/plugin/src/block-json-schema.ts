import type { JsonObject } from '@weft/schemas';
import { z } from 'zod';

/**
 * The JSON Schema (draft 2020-12) of a block type's config, as the server stores and validates it.
 * It describes the *input* of the zod schema: fields with a default are optional, because a saved
 * document is parsed by the schema again when it is loaded. Throws zod's error for types that have
 * no JSON form (dates, bigints, functions, …).
 */
export function toBlockJsonSchema(schema: z.ZodType): JsonObject {
  return z.toJSONSchema(schema, { io: 'input' }) as JsonObject;
}

/** Whether a dot-separated field path (`auth.token`) names a property of a JSON Schema. @internal */
export function hasJsonSchemaPath(jsonSchema: JsonObject, path: string): boolean {
  let candidates: JsonObject[] = [jsonSchema];
  for (const segment of path.split('.')) {
    candidates = candidates.flatMap(branches).flatMap((node) => {
      const properties = node.properties;
      const child = isObject(properties) ? properties[segment] : undefined;
      return isObject(child) ? [child] : [];
    });
    if (candidates.length === 0) return false;
  }
  return true;
}

/** A schema node and the alternatives it is made of (`anyOf` for nullable, `allOf` for intersections). */
function branches(node: JsonObject): JsonObject[] {
  const nested = ['anyOf', 'oneOf', 'allOf'].flatMap((key) => {
    const list = node[key];
    return Array.isArray(list) ? list.filter(isObject) : [];
  });
  return [node, ...nested.flatMap(branches)];
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
