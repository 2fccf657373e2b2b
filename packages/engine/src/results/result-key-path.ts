import { createHash } from 'node:crypto';
import { InvalidResultKeyError } from '../errors';

const SAFE = /^[a-z0-9_.-]*$/;
const KEEP = /[A-Za-z0-9_.-]/;
// Long enough for a uuid, a task key and a hash side by side; well under any file system's 255.
const MAX_SEGMENT = 120;

function shortHash(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

function percentEncode(segment: string): string {
  let out = '';
  for (const char of segment) {
    if (KEEP.test(char)) {
      out += char;
      continue;
    }
    for (const byte of Buffer.from(char, 'utf8'))
      out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function encodeSegment(segment: string, key: string): string {
  if (segment === '' || segment === '.' || segment === '..') {
    const what = segment === '' ? 'an empty path segment' : `a '${segment}' path segment`;
    throw new InvalidResultKeyError(`Result key '${key}' has ${what}; keys must stay inside the store`, {
      key,
    });
  }
  if (SAFE.test(segment) && segment.length <= MAX_SEGMENT) return segment;
  const encoded = percentEncode(segment);
  // Upper-case letters get a hash suffix so keys that differ only in case never share a file on
  // case-insensitive file systems (macOS, Windows); over-long segments are shortened the same way.
  // `~` never appears in an encoded segment, so suffixed names cannot collide with plain ones.
  if (!/[A-Z]/.test(segment) && encoded.length <= MAX_SEGMENT) return encoded;
  return `${encoded.slice(0, MAX_SEGMENT - 17)}~${shortHash(segment, 16)}`;
}

/**
 * The relative file path of a result key inside a store's base directory. `/` separates folders;
 * every other character outside `[A-Za-z0-9_.-]` is percent-encoded, so distinct keys map to
 * distinct paths and no key can name a path outside the base (`..`, absolute paths, `\`, drive
 * letters and NUL are all neutralised or rejected).
 * @throws {InvalidResultKeyError} for an empty key or an empty, `.` or `..` segment.
 * @example resultKeyToRelativePath('0193…/add-1a2b/9f…-0') // '0193…/add-1a2b/9f…-0'
 */
export function resultKeyToRelativePath(key: string): string {
  if (typeof key !== 'string' || key.length === 0) {
    throw new InvalidResultKeyError('A result key must be a non-empty string', { key: String(key) });
  }
  return key
    .split('/')
    .map((segment) => encodeSegment(segment, key))
    .join('/');
}
