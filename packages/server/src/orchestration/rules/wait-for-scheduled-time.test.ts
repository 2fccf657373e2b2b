import { describe, expect, it } from 'vitest';
import { at, stateOf, summarize, T0, titled, transitionThrough } from '../test-fixtures';
import { secondsUntil, waitForScheduledTime } from './wait-for-scheduled-time';

const REASON = 'Scheduled time is in the future';

describe('WaitForScheduledTime', () => {
  it.each(
    titled([
      {
        title: 'makes SCHEDULED→RUNNING wait 60 s when scheduled a minute ahead',
        from: 'Scheduled',
        ms: 60_000,
        wait: 60,
      },
      {
        title: 'makes PENDING→RUNNING wait until the copied scheduled time',
        from: 'Pending',
        ms: 10_000,
        wait: 10,
      },
      { title: 'rounds 1.501 s up to a 2 s wait', from: 'Scheduled', ms: 1501, wait: 2 },
      { title: 'rounds 0.6 s up to a 1 s wait', from: 'Scheduled', ms: 600, wait: 1 },
      {
        title: 'accepts SCHEDULED→RUNNING half a second early (0.5 rounds to 0)',
        from: 'Scheduled',
        ms: 500,
        wait: null,
      },
      { title: 'accepts SCHEDULED→RUNNING at the scheduled time', from: 'Scheduled', ms: 0, wait: null },
      {
        title: 'accepts SCHEDULED→RUNNING after the scheduled time',
        from: 'Scheduled',
        ms: -5000,
        wait: null,
      },
    ] as const),
  )('%s', (_title, { from, ms, wait }) => {
    const scheduledTime = new Date(T0.getTime() + ms);
    const out = transitionThrough([waitForScheduledTime], {
      from: stateOf(from, { scheduledTime }),
      to: { type: 'RUNNING' },
      now: T0,
    });
    const expected =
      wait === null
        ? { status: 'ACCEPT', reason: null, written: 'Running' }
        : { status: 'WAIT', reason: REASON, written: null, delaySeconds: wait };
    expect(summarize(out)).toEqual(expected);
  });

  it('accepts PENDING→RUNNING when the current state has no scheduled time', () => {
    const out = transitionThrough([waitForScheduledTime], {
      from: stateOf('Pending'),
      to: { type: 'RUNNING' },
    });
    expect(out.result.status).toBe('ACCEPT');
  });

  it.each([
    [2600, 3],
    [2400, 2],
    [1500, 1],
    [2000, 2],
    [-400, 0],
    [-1600, -2],
  ])('counts %i ms as %i whole seconds, as Prefect does', (ms, seconds) => {
    expect(secondsUntil(new Date(T0.getTime() + ms), at(0))).toBe(seconds);
  });
});
