import { z } from 'zod';

function lowerCase(value: string): string {
  return value.toLowerCase();
}

/**
 * A UUID (any version); Weft generates v7 ids so they sort by creation time. Upper-case input is
 * accepted and yields lower case, as Postgres prints uuids: an id given in upper case then matches
 * the ids the server reads back wherever it compares them in code (maps, caches, per-id outcomes).
 */
export const Uuid = z.uuid().overwrite(lowerCase);
export type Uuid = z.infer<typeof Uuid>;

/**
 * A date-time. Accepts a `Date` or an ISO-8601 string and always yields a `Date`, so inputs from
 * JSON and from the typed client both validate.
 */
export const DateTime = z.coerce.date();
export type DateTime = z.infer<typeof DateTime>;

/** Char codes of the hex digits. */
const HEX = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const DASH = 45;
const POOL_SIZE = 10 * 512;
const pool = new Uint8Array(POOL_SIZE);
let offset = POOL_SIZE;

/**
 * A time-ordered UUID v7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. The random
 * bits come from a pooled buffer, one `getRandomValues` per 512 ids: the engine makes several ids
 * per task run, and a call per id cost more than the rest of making it. The string is made in one
 * `String.fromCharCode` call: joining two-digit pieces made about 20 intermediate strings an id
 * (some 600 bytes of garbage, measured in bench/).
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
  const version = (pool[r]! & 0x0f) | 0x70;
  const variant = (pool[r + 2]! & 0x3f) | 0x80;
  const p = pool;
  return String.fromCharCode(
    HEX[(high >>> 28) & 15]!,
    HEX[(high >>> 24) & 15]!,
    HEX[(high >>> 20) & 15]!,
    HEX[(high >>> 16) & 15]!,
    HEX[(high >>> 12) & 15]!,
    HEX[(high >>> 8) & 15]!,
    HEX[(high >>> 4) & 15]!,
    HEX[high & 15]!,
    DASH,
    HEX[(low >>> 12) & 15]!,
    HEX[(low >>> 8) & 15]!,
    HEX[(low >>> 4) & 15]!,
    HEX[low & 15]!,
    DASH,
    HEX[version >>> 4]!,
    HEX[version & 15]!,
    HEX[p[r + 1]! >>> 4]!,
    HEX[p[r + 1]! & 15]!,
    DASH,
    HEX[variant >>> 4]!,
    HEX[variant & 15]!,
    HEX[p[r + 3]! >>> 4]!,
    HEX[p[r + 3]! & 15]!,
    DASH,
    HEX[p[r + 4]! >>> 4]!,
    HEX[p[r + 4]! & 15]!,
    HEX[p[r + 5]! >>> 4]!,
    HEX[p[r + 5]! & 15]!,
    HEX[p[r + 6]! >>> 4]!,
    HEX[p[r + 6]! & 15]!,
    HEX[p[r + 7]! >>> 4]!,
    HEX[p[r + 7]! & 15]!,
    HEX[p[r + 8]! >>> 4]!,
    HEX[p[r + 8]! & 15]!,
    HEX[p[r + 9]! >>> 4]!,
    HEX[p[r + 9]! & 15]!,
  );
}
