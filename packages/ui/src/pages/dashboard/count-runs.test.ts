import type { HistoryBucket } from '@weft/schemas';
import { describe, expect, it } from 'vitest';
import { countRuns } from './count-runs';

const state = (
  stateType: HistoryBucket['states'][number]['stateType'],
  stateName: string,
  count: number,
) => ({
  stateType,
  stateName,
  count,
  sumRunSeconds: 0,
  sumLatenessSeconds: 0,
});

const BUCKETS: HistoryBucket[] = [
  {
    intervalStart: new Date('2026-11-21T10:00:00Z'),
    intervalEnd: new Date('2026-11-21T11:00:00Z'),
    states: [
      state('COMPLETED', 'Completed', 3),
      state('SCHEDULED', 'Late', 2),
      state('SCHEDULED', 'Scheduled', 1),
    ],
  },
  {
    intervalStart: new Date('2026-11-21T11:00:00Z'),
    intervalEnd: new Date('2026-11-21T12:00:00Z'),
    states: [state('FAILED', 'Failed', 1), state('CRASHED', 'Crashed', 1), state('COMPLETED', 'Cached', 4)],
  },
];

describe('counting runs of a history', () => {
  it('sums every bucket by state type, by state name, or all of them', () => {
    expect(countRuns(BUCKETS, {})).toBe(12);
    expect(countRuns(BUCKETS, { types: ['COMPLETED'] })).toBe(7);
    expect(countRuns(BUCKETS, { types: ['FAILED', 'CRASHED'] })).toBe(2);
    expect(countRuns(BUCKETS, { names: ['Late'] })).toBe(2);
  });

  it('leaves out the names a card does not count (Late is not Scheduled)', () => {
    expect(countRuns(BUCKETS, { types: ['SCHEDULED', 'PENDING'], notNames: ['Late'] })).toBe(1);
  });
});
