import type { JsonValue, ResultRecordMetadata } from '@weft/schemas';

/**
 * Result metadata as a state's `data`: plain JSON, so `expiration` travels as an ISO string (the
 * server validates state data as JSON, and a `Date` is not). @internal
 */
export function toStateData(metadata: ResultRecordMetadata): JsonValue {
  return JSON.parse(JSON.stringify(metadata)) as JsonValue;
}
