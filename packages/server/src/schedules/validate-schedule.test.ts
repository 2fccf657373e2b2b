import type { Schedule } from '@weft/schemas';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { normalizeSchedule } from './normalize-schedule';
import { scheduleTimes } from './schedule-times';
import { validateSchedule } from './validate-schedule';

const BAD: Array<{ title: string; schedule: Schedule; message: RegExp }> = [
  {
    title: 'a cron with 3 fields',
    schedule: { cron: '* * *', dayOr: true },
    message: /^schedule\.cron: "\* \* \*" is not a valid cron expression/,
  },
  {
    title: 'a cron minute of 61',
    schedule: { cron: '61 * * * *', dayOr: true },
    message: /^schedule\.cron: .*minute/,
  },
  {
    title: 'a cron that never fires',
    schedule: { cron: '0 0 30 2 *', dayOr: true },
    message: /^schedule\.cron: "0 0 30 2 \*" never fires$/,
  },
  {
    title: 'an unknown zone',
    schedule: { cron: '0 9 * * *', timezone: 'Mars/Olympus', dayOr: true },
    message: /^schedule\.timezone: unknown time zone "Mars\/Olympus"$/,
  },
  { title: 'a non-positive interval', schedule: { interval: 0 }, message: /^schedule\.interval: / },
  {
    title: 'an RRULE without FREQ',
    schedule: { rrule: 'BYHOUR=9' },
    message: /^schedule\.rrule: FREQ is required/,
  },
  {
    title: 'an unknown FREQ',
    schedule: { rrule: 'FREQ=FORTNIGHTLY' },
    message: /^schedule\.rrule: FREQ=FORTNIGHTLY: must be one of/,
  },
  {
    title: 'an unknown rule part',
    schedule: { rrule: 'FREQ=DAILY;FOO=1' },
    message: /^schedule\.rrule: unknown rule part FOO$/,
  },
  {
    title: 'BYHOUR out of range',
    schedule: { rrule: 'FREQ=DAILY;BYHOUR=24' },
    message: /^schedule\.rrule: BYHOUR=24: "24" is out of range 0\.\.23$/,
  },
  {
    title: 'a bad BYDAY',
    schedule: { rrule: 'FREQ=WEEKLY;BYDAY=XX' },
    message: /^schedule\.rrule: BYDAY=XX: /,
  },
  {
    title: 'COUNT=0',
    schedule: { rrule: 'FREQ=DAILY;COUNT=0' },
    message: /^schedule\.rrule: COUNT=0: must be a whole number/,
  },
  {
    title: 'COUNT with UNTIL',
    schedule: { rrule: 'FREQ=DAILY;COUNT=2;UNTIL=20300101T000000Z' },
    message: /^schedule\.rrule: COUNT and UNTIL cannot both be given/,
  },
  {
    title: 'a bad UNTIL',
    schedule: { rrule: 'FREQ=DAILY;UNTIL=tomorrow' },
    message: /UNTIL: "TOMORROW" is not a date-time/,
  },
  {
    title: 'UNTIL before DTSTART',
    schedule: { rrule: 'DTSTART:20300101T000000Z\nRRULE:FREQ=DAILY;UNTIL=20290101T000000Z' },
    message: /^schedule\.rrule: UNTIL is before DTSTART$/,
  },
  {
    title: 'a floating UNTIL with a TZID',
    schedule: { rrule: 'DTSTART;TZID=Europe/Berlin:20300101T090000\nRRULE:FREQ=DAILY;UNTIL=20310101T000000' },
    message: /UNTIL must be a UTC time/,
  },
  {
    title: 'a DTSTART in an unknown zone',
    schedule: { rrule: 'DTSTART;TZID=Mars/Olympus:20300101T090000\nRRULE:FREQ=DAILY' },
    message: /^schedule\.rrule: unknown time zone "Mars\/Olympus" in DTSTART$/,
  },
  {
    title: 'a TZID that contradicts timezone',
    schedule: {
      rrule: 'DTSTART;TZID=Europe/Berlin:20300101T090000\nRRULE:FREQ=DAILY',
      timezone: 'America/New_York',
    },
    message: /differs from timezone America\/New_York/,
  },
  {
    title: 'an impossible DTSTART',
    schedule: { rrule: 'DTSTART:20300231T090000Z\nRRULE:FREQ=DAILY' },
    message: /DTSTART: "20300231T090000Z" is not a date-time/,
  },
  {
    title: 'an EXDATE line',
    schedule: { rrule: 'RRULE:FREQ=DAILY\nEXDATE:20300101T000000Z' },
    message: /unsupported line "EXDATE/,
  },
  {
    title: 'two RRULE lines',
    schedule: { rrule: 'RRULE:FREQ=DAILY\nRRULE:FREQ=WEEKLY' },
    message: /more than one RRULE/,
  },
];

describe('validateSchedule', () => {
  it.each(BAD)('rejects $title, naming the field', ({ schedule, message }) => {
    let error: unknown;
    try {
      validateSchedule(schedule);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(message);
  });

  it('prefixes the path it is given', () => {
    expect(() => validateSchedule({ cron: 'nope', dayOr: true }, 'schedules.2.schedule')).toThrow(
      /^schedules\.2\.schedule\.cron: /,
    );
  });

  it.each<Schedule>([
    { cron: '0 9 * * 1-5', timezone: 'Europe/Berlin', dayOr: false },
    { cron: '0 0 9 * * *', dayOr: true },
    { cron: '@daily', dayOr: true },
    { interval: 90, anchorDate: new Date('2026-01-01T00:00:00Z'), timezone: 'Asia/Tokyo' },
    { rrule: 'FREQ=WEEKLY;BYDAY=MO,-1FR;BYHOUR=9;INTERVAL=2', timezone: 'America/New_York' },
    {
      rrule:
        'DTSTART;TZID=Europe/Berlin:20260101T090000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20270101T000000Z',
    },
    { rrule: 'rrule:freq=daily;count=5' },
  ])('accepts %j', (schedule) => {
    expect(() => validateSchedule(schedule)).not.toThrow();
  });
});

describe('normalizeSchedule', () => {
  const now = new Date('2026-03-05T14:07:09.250Z');

  it('anchors an interval without anchorDate at now, and keeps a given anchor', () => {
    expect(normalizeSchedule({ interval: 60 }, now)).toEqual({ interval: 60, anchorDate: now });
    const anchored = { interval: 60, anchorDate: new Date('2020-01-01T00:00:00Z') };
    expect(normalizeSchedule(anchored, now)).toBe(anchored);
  });

  it('injects DTSTART at now on the wall clock of the zone, so the times stay put', () => {
    const schedule = normalizeSchedule({ rrule: 'FREQ=DAILY', timezone: 'Europe/Berlin' }, now);
    expect(schedule).toEqual({
      rrule: 'DTSTART;TZID=Europe/Berlin:20260305T150709\nRRULE:FREQ=DAILY',
      timezone: 'Europe/Berlin',
    });
    const later = { start: new Date('2026-03-10T00:00:00Z'), maxCount: 2 };
    expect(scheduleTimes(schedule, later).map((d) => d.toISOString())).toEqual([
      '2026-03-10T14:07:09.000Z',
      '2026-03-11T14:07:09.000Z',
    ]);
    expect(normalizeSchedule({ rrule: 'RRULE:FREQ=HOURLY' }, now)).toEqual({
      rrule: 'DTSTART:20260305T140709Z\nRRULE:FREQ=HOURLY',
    });
  });

  it('leaves cron schedules and RRULEs with DTSTART as they are', () => {
    const cron: Schedule = { cron: '0 9 * * *', dayOr: true };
    const rrule: Schedule = { rrule: 'DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY' };
    expect(normalizeSchedule(cron, now)).toBe(cron);
    expect(normalizeSchedule(rrule, now)).toBe(rrule);
  });
});
