import type { ResultRecordMetadata } from '@weft/schemas';

/** A persisted result: where and how it was stored, and the value itself (deserialized). */
export interface ResultRecord<TValue = unknown> {
  metadata: ResultRecordMetadata;
  result: TValue;
}

/** Options for {@link ResultStore.write}. */
export interface ResultWriteOptions {
  /** When the record stops counting as present; `null`/absent keeps it forever. @default null */
  expiration?: Date | null;
}

/**
 * Where task and flow results are persisted, one record per key. A key is stable across retries
 * (see `result-keys.ts`), so a retried or re-run task finds the result of an earlier attempt.
 *
 * Implementations must make `write` atomic (a reader sees the old record or the new one, never a
 * torn one) and treat expired records as missing. The default is the local file system
 * ({@link createLocalFileResultStore}); blocks provide others.
 */
export interface ResultStore {
  /**
   * The record under `key`, or `undefined` when there is none or it has expired.
   * @throws {UnknownSerializerError} when the record was written with a serializer this process lacks.
   */
  read(key: string): Promise<ResultRecord | undefined>;
  /** Persist `value` under `key`, replacing any record there, and return the record's metadata. */
  write(key: string, value: unknown, options?: ResultWriteOptions): Promise<ResultRecordMetadata>;
  /** Whether an unexpired record exists under `key`. */
  exists(key: string): Promise<boolean>;
  /** A human description for logs, e.g. `local file system at /home/me/.weft/storage`. */
  describe(): string;
}
