import type { Schedule } from '@weft/schemas';
import { describe, expect, it } from 'vitest';
import { scheduleTimes } from './schedule-times';
import { MAX_ITERATIONS } from './schedule-window';

// Exact instants across the 2024 transitions. New York: 2024-03-10 02:00 EST → 03:00 EDT (07:00Z),
// 2024-11-03 02:00 EDT → 01:00 EST (06:00Z). Berlin: 2024-03-31 02:00 CET → 03:00 CEST (01:00Z),
// 2024-10-27 03:00 CEST → 02:00 CET (01:00Z).

const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';

interface Case {
  title: string;
  schedule: Schedule;
  start: string;
  count: number;
  expected: string[];
}

function times(schedule: Schedule, start: string, count: number, end?: string): string[] {
  return scheduleTimes(schedule, {
    start: new Date(start),
    maxCount: count,
    ...(end ? { end: new Date(end) } : {}),
  }).map((date) => date.toISOString().replace('.000Z', 'Z'));
}

const cron = (expression: string, timezone: string): Schedule => ({
  cron: expression,
  timezone,
  dayOr: true,
});
const interval = (seconds: number, anchorDate: string, timezone: string): Schedule => ({
  interval: seconds,
  anchorDate: new Date(anchorDate),
  timezone,
});
const rrule = (text: string, timezone?: string): Schedule => ({
  rrule: text,
  ...(timezone ? { timezone } : {}),
});

const CRON_CASES: Case[] = [
  {
    title: 'NY daily 02:30 runs at 03:00 EDT on the spring-forward day',
    schedule: cron('30 2 * * *', NY),
    start: '2024-03-09T00:00:00Z',
    count: 3,
    expected: ['2024-03-09T07:30:00Z', '2024-03-10T07:00:00Z', '2024-03-11T06:30:00Z'],
  },
  {
    title: 'NY daily 01:30 runs once, at 01:30 EDT, on the fall-back day',
    schedule: cron('30 1 * * *', NY),
    start: '2024-11-02T00:00:00Z',
    count: 3,
    expected: ['2024-11-02T05:30:00Z', '2024-11-03T05:30:00Z', '2024-11-04T06:30:00Z'],
  },
  {
    title: 'NY daily 01:30 is untouched on the spring-forward day',
    schedule: cron('30 1 * * *', NY),
    start: '2024-03-09T00:00:00Z',
    count: 3,
    expected: ['2024-03-09T06:30:00Z', '2024-03-10T06:30:00Z', '2024-03-11T05:30:00Z'],
  },
  {
    title: 'NY hourly skips the missing hour',
    schedule: cron('0 * * * *', NY),
    start: '2024-03-10T05:00:00Z',
    count: 4,
    expected: [
      '2024-03-10T05:00:00Z',
      '2024-03-10T06:00:00Z',
      '2024-03-10T07:00:00Z',
      '2024-03-10T08:00:00Z',
    ],
  },
  {
    title: 'NY hourly runs on both 01:00s of the fall-back day',
    schedule: cron('0 * * * *', NY),
    start: '2024-11-03T04:00:00Z',
    count: 4,
    expected: [
      '2024-11-03T04:00:00Z',
      '2024-11-03T05:00:00Z',
      '2024-11-03T06:00:00Z',
      '2024-11-03T07:00:00Z',
    ],
  },
  {
    title: 'NY every 15 minutes goes from 01:45 EST to 03:00 EDT',
    schedule: cron('*/15 * * * *', NY),
    start: '2024-03-10T06:30:00Z',
    count: 4,
    expected: [
      '2024-03-10T06:30:00Z',
      '2024-03-10T06:45:00Z',
      '2024-03-10T07:00:00Z',
      '2024-03-10T07:15:00Z',
    ],
  },
  {
    title: 'NY every 15 minutes runs through the repeated hour',
    schedule: cron('*/15 * * * *', NY),
    start: '2024-11-03T05:30:00Z',
    count: 4,
    expected: [
      '2024-11-03T05:30:00Z',
      '2024-11-03T05:45:00Z',
      '2024-11-03T06:00:00Z',
      '2024-11-03T06:15:00Z',
    ],
  },
  {
    title: 'Berlin daily 02:30 runs at 03:00 CEST on the spring-forward day',
    schedule: cron('30 2 * * *', BERLIN),
    start: '2024-03-30T00:00:00Z',
    count: 3,
    expected: ['2024-03-30T01:30:00Z', '2024-03-31T01:00:00Z', '2024-04-01T00:30:00Z'],
  },
  {
    title: 'Berlin daily 02:30 runs once, at 02:30 CEST, on the fall-back day',
    schedule: cron('30 2 * * *', BERLIN),
    start: '2024-10-26T00:00:00Z',
    count: 3,
    expected: ['2024-10-26T00:30:00Z', '2024-10-27T00:30:00Z', '2024-10-28T01:30:00Z'],
  },
  {
    title: 'Berlin hourly skips the missing hour',
    schedule: cron('0 * * * *', BERLIN),
    start: '2024-03-31T00:00:00Z',
    count: 3,
    expected: ['2024-03-31T00:00:00Z', '2024-03-31T01:00:00Z', '2024-03-31T02:00:00Z'],
  },
  {
    title: 'Berlin every 15 minutes runs through the repeated hour',
    schedule: cron('*/15 * * * *', BERLIN),
    start: '2024-10-27T00:30:00Z',
    count: 4,
    expected: [
      '2024-10-27T00:30:00Z',
      '2024-10-27T00:45:00Z',
      '2024-10-27T01:00:00Z',
      '2024-10-27T01:15:00Z',
    ],
  },
];

const INTERVAL_CASES: Case[] = [
  {
    title: 'NY one day anchored at 09:00 stays at 09:00 across spring forward',
    schedule: interval(86_400, '2024-03-08T14:00:00Z', NY),
    start: '2024-03-09T00:00:00Z',
    count: 3,
    expected: ['2024-03-09T14:00:00Z', '2024-03-10T13:00:00Z', '2024-03-11T13:00:00Z'],
  },
  {
    title: 'NY one day anchored at 09:00 stays at 09:00 across fall back',
    schedule: interval(86_400, '2024-11-01T13:00:00Z', NY),
    start: '2024-11-02T00:00:00Z',
    count: 3,
    expected: ['2024-11-02T13:00:00Z', '2024-11-03T14:00:00Z', '2024-11-04T14:00:00Z'],
  },
  {
    title: 'NY one day anchored at 02:30 runs at 03:30 EDT in the gap, then 02:30 again',
    schedule: interval(86_400, '2024-03-08T07:30:00Z', NY),
    start: '2024-03-09T00:00:00Z',
    count: 3,
    expected: ['2024-03-09T07:30:00Z', '2024-03-10T07:30:00Z', '2024-03-11T06:30:00Z'],
  },
  {
    title: 'NY one day anchored at 01:30 runs at the first 01:30 of the fall-back day',
    schedule: interval(86_400, '2024-11-01T05:30:00Z', NY),
    start: '2024-11-02T00:00:00Z',
    count: 3,
    expected: ['2024-11-02T05:30:00Z', '2024-11-03T05:30:00Z', '2024-11-04T06:30:00Z'],
  },
  {
    title: 'NY one hour fires every real hour across spring forward',
    schedule: interval(3600, '2024-03-10T05:00:00Z', NY),
    start: '2024-03-10T05:00:00Z',
    count: 4,
    expected: [
      '2024-03-10T05:00:00Z',
      '2024-03-10T06:00:00Z',
      '2024-03-10T07:00:00Z',
      '2024-03-10T08:00:00Z',
    ],
  },
  {
    title: 'NY one hour fires every real hour across fall back',
    schedule: interval(3600, '2020-01-01T00:00:00Z', NY),
    start: '2024-11-03T04:00:00Z',
    count: 4,
    expected: [
      '2024-11-03T04:00:00Z',
      '2024-11-03T05:00:00Z',
      '2024-11-03T06:00:00Z',
      '2024-11-03T07:00:00Z',
    ],
  },
  {
    title: 'Berlin one day anchored at 09:00 stays at 09:00 across spring forward',
    schedule: interval(86_400, '2024-03-29T08:00:00Z', BERLIN),
    start: '2024-03-30T00:00:00Z',
    count: 3,
    expected: ['2024-03-30T08:00:00Z', '2024-03-31T07:00:00Z', '2024-04-01T07:00:00Z'],
  },
  {
    title: 'Berlin one day anchored at 09:00 stays at 09:00 across fall back',
    schedule: interval(86_400, '2024-10-25T07:00:00Z', BERLIN),
    start: '2024-10-26T00:00:00Z',
    count: 3,
    expected: ['2024-10-26T07:00:00Z', '2024-10-27T08:00:00Z', '2024-10-28T08:00:00Z'],
  },
  {
    title: 'Berlin one hour fires every real hour across fall back',
    schedule: interval(3600, '2024-10-27T00:00:00Z', BERLIN),
    start: '2024-10-27T00:00:00Z',
    count: 3,
    expected: ['2024-10-27T00:00:00Z', '2024-10-27T01:00:00Z', '2024-10-27T02:00:00Z'],
  },
  {
    title: 'a day and a half adds the day on the wall clock and 12 h in absolute time',
    schedule: interval(129_600, '2024-03-08T14:00:00Z', NY),
    start: '2024-03-09T00:00:00Z',
    count: 2,
    expected: ['2024-03-10T02:00:00Z', '2024-03-11T13:00:00Z'],
  },
];

const RRULE_CASES: Case[] = [
  {
    title: 'NY daily BYHOUR=2 runs at 03:30 EDT on the spring-forward day (RFC 5545)',
    schedule: rrule('DTSTART;TZID=America/New_York:20240301T000000\nRRULE:FREQ=DAILY;BYHOUR=2;BYMINUTE=30'),
    start: '2024-03-09T00:00:00Z',
    count: 3,
    expected: ['2024-03-09T07:30:00Z', '2024-03-10T07:30:00Z', '2024-03-11T06:30:00Z'],
  },
  {
    title: 'NY daily BYHOUR=1 runs once, at the first 01:30, on the fall-back day',
    schedule: rrule('DTSTART;TZID=America/New_York:20240301T000000\nRRULE:FREQ=DAILY;BYHOUR=1;BYMINUTE=30'),
    start: '2024-11-02T00:00:00Z',
    count: 3,
    expected: ['2024-11-02T05:30:00Z', '2024-11-03T05:30:00Z', '2024-11-04T06:30:00Z'],
  },
  {
    title: 'NY hourly follows the wall clock: the missing 02:00 merges into 03:00',
    schedule: rrule('FREQ=HOURLY', NY),
    start: '2024-03-10T05:00:00Z',
    count: 4,
    expected: [
      '2024-03-10T05:00:00Z',
      '2024-03-10T06:00:00Z',
      '2024-03-10T07:00:00Z',
      '2024-03-10T08:00:00Z',
    ],
  },
  {
    title: 'NY hourly follows the wall clock: the repeated 01:00 runs once',
    schedule: rrule('FREQ=HOURLY', NY),
    start: '2024-11-03T04:00:00Z',
    count: 4,
    expected: [
      '2024-11-03T04:00:00Z',
      '2024-11-03T05:00:00Z',
      '2024-11-03T07:00:00Z',
      '2024-11-03T08:00:00Z',
    ],
  },
  {
    title: 'Berlin daily BYHOUR=2 runs at 03:30 CEST on the spring-forward day',
    schedule: rrule('FREQ=DAILY;BYHOUR=2;BYMINUTE=30', BERLIN),
    start: '2024-03-30T00:00:00Z',
    count: 3,
    expected: ['2024-03-30T01:30:00Z', '2024-03-31T01:30:00Z', '2024-04-01T00:30:00Z'],
  },
  {
    title: 'Berlin daily BYHOUR=2 runs once, at 02:30 CEST, on the fall-back day',
    schedule: rrule('DTSTART;TZID=Europe/Berlin:20240101T000000\nRRULE:FREQ=DAILY;BYHOUR=2;BYMINUTE=30'),
    start: '2024-10-26T00:00:00Z',
    count: 3,
    expected: ['2024-10-26T00:30:00Z', '2024-10-27T00:30:00Z', '2024-10-28T01:30:00Z'],
  },
];

describe.each([
  ['cron', CRON_CASES],
  ['interval', INTERVAL_CASES],
  ['rrule', RRULE_CASES],
])('%s schedules across DST', (_kind, cases) => {
  it.each(cases)('$title', ({ schedule, start, count, expected }) => {
    expect(times(schedule, start, count)).toEqual(expected);
  });
});

describe('scheduleTimes', () => {
  it('includes a time exactly at the start, for each kind', () => {
    const start = '2024-01-01T09:00:00Z';
    expect(times(cron('0 9 * * *', 'UTC'), start, 1)).toEqual([start]);
    expect(times(interval(3600, start, 'UTC'), start, 1)).toEqual([start]);
    expect(times(rrule('DTSTART:20240101T090000Z\nRRULE:FREQ=DAILY'), start, 1)).toEqual([start]);
  });

  it('excludes a time a fraction of a second before the start', () => {
    expect(times(cron('0 9 * * *', 'UTC'), '2024-01-01T09:00:00.500Z', 1)).toEqual(['2024-01-02T09:00:00Z']);
  });

  it('ORs day-of-month with day-of-week when dayOr is true, ANDs them when false', () => {
    const or: Schedule = { cron: '0 0 13 * 5', timezone: 'UTC', dayOr: true };
    const and: Schedule = { cron: '0 0 13 * 5', timezone: 'UTC', dayOr: false };
    expect(times(or, '2024-01-01T00:00:00Z', 3)).toEqual([
      '2024-01-05T00:00:00Z',
      '2024-01-12T00:00:00Z',
      '2024-01-13T00:00:00Z',
    ]);
    expect(times(and, '2024-01-01T00:00:00Z', 2)).toEqual(['2024-09-13T00:00:00Z', '2024-12-13T00:00:00Z']);
  });

  it('stops at the end (inclusive) and at maxCount', () => {
    const daily = cron('0 0 * * *', 'UTC');
    expect(times(daily, '2024-01-01T00:00:00Z', 10, '2024-01-03T00:00:00Z')).toEqual([
      '2024-01-01T00:00:00Z',
      '2024-01-02T00:00:00Z',
      '2024-01-03T00:00:00Z',
    ]);
    expect(times(daily, '2024-01-01T00:00:00Z', 2)).toHaveLength(2);
    expect(times(daily, '2024-01-01T00:00:00Z', 0)).toEqual([]);
  });

  it('examines at most MAX_ITERATIONS candidates', () => {
    const start = '2024-01-01T00:00:00Z';
    expect(times(cron('* * * * * *', 'UTC'), start, 5000)).toHaveLength(MAX_ITERATIONS);
    expect(times(interval(1, start, 'UTC'), start, 5000)).toHaveLength(MAX_ITERATIONS);
    expect(times(rrule('FREQ=SECONDLY'), start, 5000)).toHaveLength(MAX_ITERATIONS);
  });

  it('counts interval steps before the anchor too', () => {
    expect(times(interval(86_400, '2024-01-10T00:00:00Z', 'UTC'), '2024-01-08T12:00:00Z', 2)).toEqual([
      '2024-01-09T00:00:00Z',
      '2024-01-10T00:00:00Z',
    ]);
  });

  it('runs an RRULE without DTSTART from midnight of its zone, with no walk from the anchor', () => {
    const before = performance.now();
    expect(times(rrule('FREQ=MINUTELY;INTERVAL=7', 'UTC'), '2026-06-01T00:00:30Z', 2)).toEqual([
      // 2020-01-01T00:00Z + 7-minute steps: 3,382,272 minutes later is 2026-06-01T00:00Z plus 1 min.
      expectedSevenMinuteStep('2026-06-01T00:00:30Z', 0),
      expectedSevenMinuteStep('2026-06-01T00:00:30Z', 1),
    ]);
    expect(performance.now() - before).toBeLessThan(1000);
    expect(times(rrule('FREQ=DAILY;BYHOUR=9', BERLIN), '2024-07-01T00:00:00Z', 2)).toEqual([
      '2024-07-01T07:00:00Z',
      '2024-07-02T07:00:00Z',
    ]);
  });

  it('honours COUNT from DTSTART and UNTIL', () => {
    expect(
      times(rrule('DTSTART:20240101T090000Z\nRRULE:FREQ=DAILY;COUNT=3'), '2024-01-02T00:00:00Z', 10),
    ).toEqual(['2024-01-02T09:00:00Z', '2024-01-03T09:00:00Z']);
    expect(
      times(
        rrule('DTSTART:20240101T090000Z\nRRULE:FREQ=DAILY;UNTIL=20240103T090000Z'),
        '2024-01-01T00:00:00Z',
        10,
      ),
    ).toEqual(['2024-01-01T09:00:00Z', '2024-01-02T09:00:00Z', '2024-01-03T09:00:00Z']);
  });
});

/** The k-th 7-minute step from 2020-01-01T00:00Z at or after `start`, computed independently. */
function expectedSevenMinuteStep(start: string, k: number): string {
  const step = 7 * 60_000;
  const anchor = Date.parse('2020-01-01T00:00:00Z');
  const first = anchor + Math.ceil((Date.parse(start) - anchor) / step) * step;
  return new Date(first + k * step).toISOString().replace('.000Z', 'Z');
}
