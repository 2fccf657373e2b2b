import { describe, expect, it } from 'vitest';
import { HashError } from '../errors';
import { canonicalize, stableHash } from './hash';

describe('stableHash', () => {
  it('returns the same sha256 hex for equal values on every call', () => {
    const value = { a: [1, 'two', { three: 3 }], b: null };
    expect(stableHash(value)).toMatch(/^[0-9a-f]{64}$/);
    expect(stableHash(value)).toBe(stableHash(structuredClone(value)));
  });

  it('ignores object key order, also in nested objects', () => {
    expect(stableHash({ a: 1, b: { x: 1, y: 2 } })).toBe(stableHash({ b: { y: 2, x: 1 }, a: 1 }));
  });

  it('keeps array order significant', () => {
    expect(stableHash([1, 2])).not.toBe(stableHash([2, 1]));
  });

  it('distinguishes undefined, null, a missing key and the string "null"', () => {
    const hashes = [undefined, null, 'null', { a: undefined }, { a: null }, {}].map(stableHash);
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('distinguishes values that plain JSON would confuse', () => {
    const values = [1, '1', 1n, [1], new Set([1]), new Map([[1, 1]]), { 0: 1 }, ['a', 1], NaN, null];
    const hashes = values.map(stableHash);
    expect(new Set(hashes).size).toBe(values.length);
  });

  it('hashes Dates by their instant', () => {
    expect(stableHash(new Date('2026-01-01T00:00:00Z'))).toBe(stableHash(new Date(Date.UTC(2026, 0, 1))));
    expect(stableHash(new Date(0))).not.toBe(stableHash(new Date(1)));
    expect(stableHash(new Date(0))).not.toBe(stableHash('1970-01-01T00:00:00.000Z'));
  });

  it('hashes Maps and Sets by content regardless of insertion order', () => {
    expect(
      stableHash(
        new Map<unknown, unknown>([
          ['b', 2],
          ['a', 1],
        ]),
      ),
    ).toBe(
      stableHash(
        new Map<unknown, unknown>([
          ['a', 1],
          ['b', 2],
        ]),
      ),
    );
    expect(stableHash(new Set(['x', 'y']))).toBe(stableHash(new Set(['y', 'x'])));
    expect(stableHash(new Set(['x']))).not.toBe(stableHash(new Set(['y'])));
  });

  it('hashes bigints by value', () => {
    expect(stableHash(10n ** 30n)).toBe(stableHash(BigInt('1000000000000000000000000000000')));
    expect(stableHash(1n)).not.toBe(stableHash(2n));
  });

  it('hashes typed arrays and Buffers by content', () => {
    expect(stableHash(Buffer.from('abc'))).toBe(stableHash(Buffer.from([97, 98, 99])));
    expect(stableHash(new Uint8Array([1, 2]))).not.toBe(stableHash(new Uint8Array([1, 3])));
    const big = new Uint8Array([0, 1, 2, 3]);
    expect(stableHash(big.subarray(1, 3))).toBe(stableHash(new Uint8Array([1, 2])));
    expect(stableHash(new Int8Array([1]))).not.toBe(stableHash(new Uint8Array([1])));
  });

  it('hashes class instances by constructor name and own enumerable properties', () => {
    class Point {
      constructor(
        public x: number,
        public y: number,
      ) {}
    }
    class Vector {
      constructor(
        public x: number,
        public y: number,
      ) {}
    }
    expect(stableHash(new Point(1, 2))).toBe(stableHash(new Point(1, 2)));
    expect(stableHash(new Point(1, 2))).not.toBe(stableHash(new Point(2, 1)));
    expect(stableHash(new Point(1, 2))).not.toBe(stableHash(new Vector(1, 2)));
    expect(stableHash(new Point(1, 2))).not.toBe(stableHash({ x: 1, y: 2 }));
  });

  it('uses toJSON for classes that define it, so private state is seen', () => {
    class Money {
      #cents: number;
      constructor(cents: number) {
        this.#cents = cents;
      }
      toJSON() {
        return { cents: this.#cents };
      }
    }
    expect(stableHash(new Money(1))).not.toBe(stableHash(new Money(2)));
    expect(stableHash(new Money(5))).toBe(stableHash(new Money(5)));
  });

  it('hashes errors by name and message', () => {
    expect(stableHash(new TypeError('a'))).toBe(stableHash(new TypeError('a')));
    expect(stableHash(new TypeError('a'))).not.toBe(stableHash(new RangeError('a')));
    expect(stableHash(new Error('a'))).not.toBe(stableHash(new Error('b')));
  });

  it('allows the same object twice in a value (shared, not cyclic)', () => {
    const shared = { k: 1 };
    expect(stableHash({ a: shared, b: shared })).toBe(stableHash({ a: { k: 1 }, b: { k: 1 } }));
  });

  it('throws HashError naming the path of a cycle', () => {
    const node: Record<string, unknown> = { name: 'root' };
    node.self = { back: node };
    expect(() => stableHash(node)).toThrow(HashError);
    expect(() => stableHash(node)).toThrow(/\$\.self\.back/);
  });

  it('throws HashError naming the path of a function', () => {
    const fn = () => stableHash({ config: { onDone: () => 1 } });
    expect(fn).toThrow(HashError);
    expect(fn).toThrow(/function at \$\.config\.onDone/);
    try {
      fn();
    } catch (error) {
      expect((error as HashError).code).toBe('VALIDATION');
      expect((error as HashError).path).toBe('$.config.onDone');
    }
  });

  it('throws HashError for symbols and promises', () => {
    expect(() => stableHash({ s: Symbol('x') })).toThrow(HashError);
    expect(() => stableHash(Promise.resolve(1))).toThrow(/Promise/);
  });

  it('writes a readable canonical form with sorted keys', () => {
    expect(canonicalize({ b: 1, a: new Date(0) })).toBe('["o",["a",["d","1970-01-01T00:00:00.000Z"],"b",1]]');
  });
});

describe('canonicalize', () => {
  it('encodes holes of sparse arrays as undefined, keeping valid JSON', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is what is tested
    const sparse = [1, , 3];
    expect(() => JSON.parse(canonicalize(sparse))).not.toThrow();
    expect(canonicalize(sparse)).toBe(canonicalize([1, undefined, 3]));
  });
});
