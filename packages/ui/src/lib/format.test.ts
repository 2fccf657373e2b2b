import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDuration, formatRelative, levelName, secondsBetween } from './format';

/** The words the runtime's locale uses (formatRelative formats in the browser's locale). */
const words = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const NOW = Date.parse('2026-03-10T12:00:00Z');
const at = (offsetMs: number) => new Date(NOW + offsetMs);

describe('formatDuration', () => {
  it('shows no duration as a dash', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('shows under a second in milliseconds', () => {
    expect(formatDuration(0)).toBe('0ms');
    expect(formatDuration(0.12)).toBe('120ms');
    expect(formatDuration(0.9994)).toBe('999ms');
  });

  it('shows seconds with a tenth under ten seconds, whole ones under a minute', () => {
    expect(formatDuration(1)).toBe('1.0s');
    expect(formatDuration(3.44)).toBe('3.4s');
    expect(formatDuration(9.94)).toBe('9.9s');
    expect(formatDuration(10)).toBe('10s');
    expect(formatDuration(42.4)).toBe('42s');
    expect(formatDuration(59.4)).toBe('59s');
  });

  it('never shows a rounded value in the smaller unit (1000ms, 10.0s, 60s)', () => {
    expect(formatDuration(0.9996)).toBe('1.0s');
    expect(formatDuration(9.97)).toBe('10s');
    expect(formatDuration(59.6)).toBe('1m 0s');
  });

  it('shows minutes and seconds under an hour, then hours and minutes', () => {
    expect(formatDuration(60)).toBe('1m 0s');
    expect(formatDuration(61.9)).toBe('1m 1s');
    expect(formatDuration(3599)).toBe('59m 59s');
    expect(formatDuration(3600)).toBe('1h 0m');
    expect(formatDuration(3600 + 2 * 60 + 59)).toBe('1h 2m');
    expect(formatDuration(26 * 3600)).toBe('26h 0m');
  });

  it('shows a negative duration (clocks apart) as none rather than minus milliseconds', () => {
    expect(formatDuration(-2.5)).toBe('0ms');
  });
});

describe('secondsBetween', () => {
  it('is the seconds from start to end', () => {
    expect(secondsBetween(at(0), at(90_500))).toBe(90.5);
  });

  it('is null without a start', () => {
    expect(secondsBetween(null, at(0))).toBeNull();
    expect(secondsBetween(undefined, undefined)).toBeNull();
  });

  it('counts until now while the run has not ended', () => {
    const start = new Date(Date.now() - 5_000);
    const seconds = secondsBetween(start, null) as number;
    expect(seconds).toBeGreaterThanOrEqual(5);
    expect(seconds).toBeLessThan(60);
  });
});

describe('formatRelative', () => {
  it('shows no date as a dash', () => {
    expect(formatRelative(null, NOW)).toBe('—');
    expect(formatRelative(undefined, NOW)).toBe('—');
    expect(formatRelative('not a date', NOW)).toBe('—');
  });

  it('picks the largest unit that fits, past and future', () => {
    expect(formatRelative(at(-3 * 60_000), NOW)).toBe(words.format(-3, 'minute'));
    expect(formatRelative(at(2 * 3_600_000), NOW)).toBe(words.format(2, 'hour'));
    expect(formatRelative(at(-3 * 86_400_000), NOW)).toBe(words.format(-3, 'day'));
    expect(formatRelative(at(-45_000), NOW)).toBe(words.format(-45, 'second'));
    expect(formatRelative(at(0), NOW)).toBe(words.format(0, 'second'));
  });

  it('takes ISO strings as well as dates', () => {
    expect(formatRelative(new Date(NOW - 120_000).toISOString(), NOW)).toBe(words.format(-2, 'minute'));
  });

  it('rounds the same way into the past and the future', () => {
    expect(formatRelative(at(90_000), NOW)).toBe(words.format(2, 'minute'));
    expect(formatRelative(at(-90_000), NOW)).toBe(words.format(-2, 'minute'));
  });

  it('moves to the next unit rather than show 60 seconds, 60 minutes or 24 hours', () => {
    expect(formatRelative(at(-59_700), NOW)).toBe(words.format(-1, 'minute'));
    expect(formatRelative(at(-59.7 * 60_000), NOW)).toBe(words.format(-1, 'hour'));
    expect(formatRelative(at(23.8 * 3_600_000), NOW)).toBe(words.format(1, 'day'));
  });
});

describe('formatDateTime', () => {
  it('shows no date as a dash', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDateTime('')).toBe('—');
  });

  it('formats a date and its ISO string alike, with the year and the seconds', () => {
    const date = new Date(2026, 10, 21, 7, 35, 12);
    expect(formatDateTime(date.toISOString())).toBe(formatDateTime(date));
    expect(formatDateTime(date)).toContain('2026');
    expect(formatDateTime(date)).toContain('12');
    expect(formatDateTime(date)).not.toBe(formatDateTime(new Date(2026, 10, 21, 7, 35, 13)));
  });
});

describe('levelName', () => {
  it('names levels as Python logging does, each level from its number up', () => {
    expect([0, 10, 19, 20, 29, 30, 39, 40, 49, 50, 60].map(levelName)).toEqual([
      'DEBUG',
      'DEBUG',
      'DEBUG',
      'INFO',
      'INFO',
      'WARNING',
      'WARNING',
      'ERROR',
      'ERROR',
      'CRITICAL',
      'CRITICAL',
    ]);
  });
});
