import type { JsonValue } from '@weft/schemas';
import superjson from 'superjson';

/**
 * Turns result values into JSON data for a result record and back. `type` is stored in the
 * record's metadata (`serializer.type`) so a reader knows how to load it.
 */
export interface Serializer {
  /** The name stored in `metadata.serializer.type`, e.g. `json`. */
  readonly type: string;
  /** The value as JSON data. */
  dumps(value: unknown): JsonValue;
  /** The value back from what {@link Serializer.dumps} produced. */
  loads(data: JsonValue): unknown;
}

/**
 * The default serializer, `json`: superjson over JSON, so `Date`, `Map`, `Set`, `bigint`, `RegExp`,
 * `undefined`, `NaN` and `-0` round-trip exactly. Functions and symbols are not data and are dropped
 * as in `JSON.stringify`.
 * @example jsonSerializer.loads(jsonSerializer.dumps(new Map([[1, new Date(0)]])))
 */
export const jsonSerializer: Serializer = {
  type: 'json',
  dumps(value: unknown): JsonValue {
    return superjson.serialize(value) as unknown as JsonValue;
  },
  loads(data: JsonValue): unknown {
    return superjson.deserialize(data as unknown as Parameters<typeof superjson.deserialize>[0]);
  },
};

/** The serializers every result store can read, by type. */
export const BUILTIN_SERIALIZERS: ReadonlyMap<string, Serializer> = new Map([
  [jsonSerializer.type, jsonSerializer],
]);

/** A serializer by its type, or `undefined` when this process does not know it. */
export function findSerializer(type: string, extra: readonly Serializer[] = []): Serializer | undefined {
  return extra.find((s) => s.type === type) ?? BUILTIN_SERIALIZERS.get(type);
}
