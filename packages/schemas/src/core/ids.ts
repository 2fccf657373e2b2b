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

const HEX = '0123456789abcdef';

/**
 * A time-ordered UUID v7 (RFC 9562): 48 bits of Unix milliseconds, then random bits.
 * @example uuid7() // '01939b0e-7c1a-7d3e-9f2a-3b4c5d6e7f80'
 */
export function uuid7(now: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
    out += HEX[bytes[i]! >> 4]! + HEX[bytes[i]! & 15]!;
  }
  return out;
}
