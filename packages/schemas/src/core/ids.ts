import { z } from 'zod';

/** A UUID (any version); Weft generates v7 ids so they sort by creation time. */
export const Uuid = z.uuid();
export type Uuid = z.infer<typeof Uuid>;

/**
 * A date-time. Accepts a `Date` or an ISO-8601 string and always yields a `Date`, so inputs from
 * JSON and from the typed client both validate.
 */
export const DateTime = z.coerce.date();
export type DateTime = z.infer<typeof DateTime>;

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const POOL_SIZE = 10 * 512;
const pool = new Uint8Array(POOL_SIZE);
let offset = POOL_SIZE;

/**
 * A time-ordered UUID v7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. The random
 * bits come from a pooled buffer, one `getRandomValues` per 512 ids: the engine makes several ids
 * per task run, and a call per id cost more than the rest of making it.
 * @example uuid7() // '01939b0e-7c1a-7d3e-9f2a-3b4c5d6e7f80'
 */
export function uuid7(now: number = Date.now()): string {
  if (offset + 10 > POOL_SIZE) {
    globalThis.crypto.getRandomValues(pool);
    offset = 0;
  }
  const r = offset;
  offset += 10;
  // 48 bits of milliseconds: the high 32 and the low 16, each exact in a double.
  const high = Math.floor(now / 0x10000);
  const low = now - high * 0x10000;
  const time = `${HEX[(high >>> 24) & 255]}${HEX[(high >>> 16) & 255]}${HEX[(high >>> 8) & 255]}${HEX[high & 255]}`;
  return (
    `${time}-${HEX[low >>> 8]}${HEX[low & 255]}-` +
    `${HEX[(pool[r]! & 0x0f) | 0x70]}${HEX[pool[r + 1]!]}-${HEX[(pool[r + 2]! & 0x3f) | 0x80]}${HEX[pool[r + 3]!]}-` +
    `${HEX[pool[r + 4]!]}${HEX[pool[r + 5]!]}${HEX[pool[r + 6]!]}${HEX[pool[r + 7]!]}${HEX[pool[r + 8]!]}${HEX[pool[r + 9]!]}`
  );
}
