import { hash } from 'node:crypto';
import { HashError } from '../errors';

/*
 * Canonical form: every value becomes JSON text in which anything that is not a string, a finite
 * number, a boolean or null is a tagged array `["tag", ...]`. Plain arrays are tagged too, so user
 * data can never spell another type's encoding and two different values never share a form.
 */

// Objects with no observable own state: hashing them would make every instance equal.
const OPAQUE_TAGS = new Set(['Promise', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry']);

function byCodeUnit(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function describePath(path: string): string {
  return path === '$' ? 'the top level' : path;
}

function encodeNumber(value: number): string {
  if (Number.isFinite(value)) return JSON.stringify(value === 0 ? 0 : value);
  return JSON.stringify(['n', String(value)]);
}

function encodeBytes(tag: string, view: ArrayBufferView | ArrayBuffer): string {
  const bytes =
    view instanceof ArrayBuffer
      ? Buffer.from(view)
      : Buffer.from(view.buffer, view.byteOffset, view.byteLength);
  return JSON.stringify(['b', tag, bytes.toString('hex')]);
}

class Canonicalizer {
  // Only the objects on the current path: a value shared by two branches is not a cycle.
  private readonly ancestors = new Set<object>();

  encode(value: unknown, path: string): string {
    switch (typeof value) {
      case 'string':
        return JSON.stringify(value);
      case 'number':
        return encodeNumber(value);
      case 'boolean':
        return value ? 'true' : 'false';
      case 'bigint':
        return JSON.stringify(['bi', value.toString()]);
      case 'undefined':
        return '["u"]';
      case 'function':
        throw new HashError(`Cannot hash a function at ${describePath(path)}`, { path });
      case 'symbol':
        throw new HashError(`Cannot hash a symbol at ${describePath(path)}: symbols have no stable value`, {
          path,
        });
      default:
        return value === null ? 'null' : this.encodeObject(value as object, path);
    }
  }

  private encodeObject(value: object, path: string): string {
    if (this.ancestors.has(value)) {
      throw new HashError(`Cannot hash a cyclic structure: ${describePath(path)} refers to an ancestor`, {
        path,
      });
    }
    this.ancestors.add(value);
    try {
      return this.encodeKnownObject(value, path);
    } finally {
      this.ancestors.delete(value);
    }
  }

  private encodeKnownObject(value: object, path: string): string {
    if (Array.isArray(value)) {
      // Array.from visits holes (as undefined), so sparse arrays still give valid canonical JSON.
      return `["a",${Array.from(value, (item, i) => this.encode(item, `${path}[${i}]`)).join(',')}]`;
    }
    if (value instanceof Date) {
      return JSON.stringify(['d', Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()]);
    }
    if (value instanceof Map) return this.encodeMap(value, path);
    if (value instanceof Set) return this.encodeSet(value, path);
    if (ArrayBuffer.isView(value)) return encodeBytes(value.constructor.name, value);
    if (value instanceof ArrayBuffer) return encodeBytes('ArrayBuffer', value);
    if (value instanceof RegExp) return JSON.stringify(['re', value.source, value.flags]);
    if (value instanceof URL) return JSON.stringify(['url', value.href]);
    if (value instanceof Error) return this.encodeError(value, path);
    if (value instanceof Number || value instanceof String || value instanceof Boolean) {
      return `["box",${this.encode(value.valueOf(), path)}]`;
    }
    return this.encodeRecord(value, path);
  }

  private encodeMap(value: Map<unknown, unknown>, path: string): string {
    const entries = [...value].map(([k, v]) => {
      const key = this.encode(k, `${path}<key>`);
      return [key, this.encode(v, `${path}.get(${key})`)] as const;
    });
    entries.sort((a, b) => byCodeUnit(a[0], b[0]));
    return `["m",${entries.map(([k, v]) => `[${k},${v}]`).join(',')}]`;
  }

  private encodeSet(value: Set<unknown>, path: string): string {
    const items = [...value].map((item) => this.encode(item, `${path}<item>`)).sort(byCodeUnit);
    return `["s",${items.join(',')}]`;
  }

  private encodeError(value: Error, path: string): string {
    return `["e",${JSON.stringify(value.name)},${JSON.stringify(value.message)},${this.encodeProps(value, path)}]`;
  }

  private encodeRecord(value: object, path: string): string {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === null || proto === Object.prototype) return `["o",${this.encodeProps(value, path)}]`;
    const name = (value.constructor as { name?: unknown } | undefined)?.name;
    const className = typeof name === 'string' && name !== '' ? name : 'anonymous';
    const tag = Object.prototype.toString.call(value).slice(8, -1);
    if (OPAQUE_TAGS.has(tag)) {
      throw new HashError(`Cannot hash a ${tag} at ${describePath(path)}: it has no inspectable state`, {
        path,
      });
    }
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      return `["c",${JSON.stringify(className)},["j",${this.encode(toJSON.call(value), `${path}.toJSON()`)}]]`;
    }
    return `["c",${JSON.stringify(className)},${this.encodeProps(value, path)}]`;
  }

  private encodeProps(value: object, path: string): string {
    const keys = Object.keys(value).sort(byCodeUnit);
    const parts = keys.map(
      (key) =>
        `${JSON.stringify(key)},${this.encode((value as Record<string, unknown>)[key], `${path}.${key}`)}`,
    );
    return `[${parts.join(',')}]`;
  }
}

/**
 * The canonical text form of a value that {@link stableHash} hashes: JSON with sorted object keys and
 * tagged encodings for types JSON cannot tell apart. Exposed for debugging cache misses.
 * @throws {HashError} on cycles, functions, symbols and opaque objects (Promise, WeakMap…).
 * @example canonicalize({ b: 1, a: new Date(0) }) // '["o",["a",["d","1970-01-01T00:00:00.000Z"],"b",1]]'
 */
export function canonicalize(value: unknown): string {
  return new Canonicalizer().encode(value, '$');
}

/**
 * A deterministic SHA-256 (hex) of any plain data, the basis of cache keys and result keys.
 *
 * - Object keys are sorted, so `{a, b}` and `{b, a}` hash alike; `undefined` and `null` differ.
 * - Dates hash by their ISO time; Maps and Sets by their sorted entries, so insertion order does
 *   not matter; bigints, typed arrays, Buffers and ArrayBuffers by value/content.
 * - Class instances hash by constructor name plus own enumerable properties (or `toJSON()` when
 *   the class has one). State held only in `#private` fields is invisible: give such classes a
 *   `toJSON` so equal instances hash equal and different ones do not.
 *
 * @throws {HashError} on cycles, functions, symbols and opaque objects; callers computing a cache
 * key log it and run without caching.
 * @example stableHash({ n: 1, tags: new Set(['b', 'a']) }) === stableHash({ tags: new Set(['a', 'b']), n: 1 }) // true
 */
export function stableHash(value: unknown): string {
  // One call, no Hash object: a task call hashes its inputs, and this is about half the time.
  return hash('sha256', canonicalize(value), 'hex');
}
