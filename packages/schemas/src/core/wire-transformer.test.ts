import { describe, expect, it } from 'vitest';
import { wireTransformer } from './wire-transformer';

const roundTrip = <T>(value: T): unknown =>
  wireTransformer.deserialize(JSON.parse(JSON.stringify(wireTransformer.serialize(value))));

describe('wireTransformer', () => {
  it('round-trips dates at any depth as Date objects', () => {
    const at = new Date('2026-11-21T03:00:00.123Z');
    const value = { a: at, list: [{ when: at }, at], nested: { deeper: { at } } };
    const back = roundTrip(value) as typeof value;
    expect(back).toEqual(value);
    expect(back.list[1]).toBeInstanceOf(Date);
    expect(back.nested.deeper.at.getTime()).toBe(at.getTime());
  });

  it('keeps plain JSON as it is, dropping undefined object fields like JSON does', () => {
    const value = { s: 'x', n: 1.5, b: false, z: null, arr: [1, 'two', null], u: undefined };
    expect(roundTrip(value)).toEqual({ s: 'x', n: 1.5, b: false, z: null, arr: [1, 'two', null] });
  });

  it('round-trips user objects that use the tag keys themselves', () => {
    const value = { params: { '$weft:date': 'not a date' }, other: { '$weft:escaped': { x: 1 } } };
    expect(roundTrip(value)).toEqual(value);
  });

  it('does not change the value it serializes', () => {
    const at = new Date(0);
    const value = { at, list: [at] };
    wireTransformer.serialize(value);
    expect(value.at).toBe(at);
    expect(value.list[0]).toBe(at);
  });

  it('keeps an invalid date invalid instead of throwing', () => {
    const back = roundTrip({ d: new Date(Number.NaN) }) as { d: Date };
    expect(Number.isNaN(back.d.getTime())).toBe(true);
  });
});
