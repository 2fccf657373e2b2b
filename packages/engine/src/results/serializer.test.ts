import { describe, expect, it } from 'vitest';
import { findSerializer, jsonSerializer } from './serializer';

const roundTrip = (value: unknown) =>
  jsonSerializer.loads(JSON.parse(JSON.stringify(jsonSerializer.dumps(value))));

describe('json serializer', () => {
  it('round-trips types plain JSON loses, through JSON text', () => {
    const value = {
      date: new Date(0),
      map: new Map<unknown, unknown>([[1, new Set(['a'])]]),
      big: 2n ** 80n,
      regex: /a+b/gi,
      nothing: undefined,
      nan: Number.NaN,
      negZero: -0,
      inf: Number.POSITIVE_INFINITY,
    };
    const back = roundTrip(value) as typeof value;
    expect(back).toEqual(value);
    expect(Object.is(back.negZero, -0)).toBe(true);
    expect(back.regex).toBeInstanceOf(RegExp);
  });

  it('round-trips top-level primitives and null', () => {
    for (const value of [1, 'text', true, null, undefined]) expect(roundTrip(value)).toBe(value);
  });

  it('is found by type; unknown types are not', () => {
    expect(findSerializer('json')).toBe(jsonSerializer);
    expect(findSerializer('pickle')).toBeUndefined();
    const custom = { type: 'pickle', dumps: () => null, loads: () => null };
    expect(findSerializer('pickle', [custom])).toBe(custom);
  });
});
