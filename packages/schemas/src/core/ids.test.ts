import { describe, expect, it } from 'vitest';
import { Uuid, uuid7 } from './ids';

describe('uuid7', () => {
  it('is a valid v7 UUID carrying the given milliseconds in its first 48 bits', () => {
    for (const ms of [0, 1, 0xffff, 0x10000, 1_700_000_000_123, 2 ** 48 - 1]) {
      const id = uuid7(ms);
      expect(Uuid.safeParse(id).success).toBe(true);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(ms);
    }
  });

  it('sorts by time and never repeats, across many refills of its random pool', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => uuid7(1_700_000_000_000 + Math.floor(i / 100)));
    expect(new Set(ids).size).toBe(ids.length);
    const byTime = ids.map((id) => id.slice(0, 13));
    expect([...byTime].sort()).toEqual(byTime);
    // The random part varies: not one repeated tail.
    expect(new Set(ids.map((id) => id.slice(24))).size).toBe(ids.length);
  });
});
