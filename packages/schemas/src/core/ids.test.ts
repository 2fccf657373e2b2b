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

describe('Uuid', () => {
  it('takes upper and mixed case and yields lower case, as Postgres prints uuids', () => {
    const id = '0190A1B2-c3d4-7E5F-8a9B-0C1D2E3F4A5B';
    expect(Uuid.parse(id)).toBe('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
    expect(Uuid.parse(id.toLowerCase())).toBe(id.toLowerCase());
  });

  it('still refuses what is not a uuid, naming the problem', () => {
    const result = Uuid.safeParse('0190A1B2-C3D4-7E5F-8A9B');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/UUID/i);
  });
});
