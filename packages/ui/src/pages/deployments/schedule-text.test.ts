import { describe, expect, it } from 'vitest';
import { describeCron, describeRRule, describeSchedule, formatInterval } from './schedule-text';

describe('describeCron', () => {
  it.each([
    ['* * * * *', 'Every minute'],
    ['*/15 * * * *', 'Every 15 minutes'],
    ['5 * * * *', 'Every hour at minute 5'],
    ['0 2 * * *', 'Every day at 02:00'],
    ['30 9 * * 1-5', 'Every Monday to Friday at 09:30'],
    ['0 9 * * 0,6', 'Every Sunday, Saturday at 09:00'],
    ['0 0 1 * *', 'Monthly on day 1 at 00:00'],
  ])('says %s in words', (cron, words) => {
    expect(describeCron(cron)).toBe(words);
  });

  it('reads a leading seconds field', () => {
    expect(describeCron('0 30 9 * * *')).toBe('Every day at 09:30');
  });

  it.each(['61 * * * *', '0 24 * * *', '0 9 * 1 *', '0 9 32 * *', 'not a cron', '0 9 * * MON'])(
    'leaves %s to be shown as it is',
    (cron) => {
      expect(describeCron(cron)).toBeUndefined();
    },
  );
});

describe('describeRRule', () => {
  it('says the frequency, days, time and count', () => {
    expect(describeRRule('FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=9;BYMINUTE=30')).toBe(
      'Weekly on Monday, Wednesday at 09:30',
    );
    expect(describeRRule('DTSTART:20260101T090000\nRRULE:FREQ=DAILY;INTERVAL=2;COUNT=5')).toBe(
      'Every 2 days, 5 times',
    );
  });

  it('gives up on a rule without a known frequency', () => {
    expect(describeRRule('BYDAY=MO')).toBeUndefined();
    expect(describeRRule('FREQ=FORTNIGHTLY')).toBeUndefined();
  });
});

describe('describeSchedule', () => {
  it('describes each kind, falling back to the kind and value', () => {
    expect(describeSchedule({ interval: 5400 })).toBe('Every 1 hour 30 minutes');
    expect(describeSchedule({ cron: '0 9 * * *', dayOr: true })).toBe('Every day at 09:00');
    expect(describeSchedule({ cron: '0 9 L * *', dayOr: true })).toBe('cron 0 9 L * *');
    expect(describeSchedule({ rrule: 'FREQ=HOURLY' })).toBe('Hourly');
  });

  it('formats fractional intervals without losing the rest', () => {
    expect(formatInterval(0.5)).toBe('0.5 seconds');
    expect(formatInterval(86_400)).toBe('1 day');
  });
});
