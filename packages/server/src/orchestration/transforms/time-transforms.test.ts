import { describe, expect, it } from 'vitest';
import { applyTransform, at, stateOf, titled } from '../test-fixtures';
import { incrementRunTime } from './increment-run-time';
import { setEndTime } from './set-end-time';
import { setExpectedStartTime } from './set-expected-start-time';
import { setNextScheduledStartTime } from './set-next-scheduled-start-time';
import { setStartTime } from './set-start-time';

describe('SetStartTime', () => {
  it.each(
    titled([
      {
        title: 'sets the start time on the first RUNNING',
        to: stateOf('Running', { at: 3 }),
        start: null,
        expected: at(3),
      },
      {
        title: 'keeps an existing start time on a later RUNNING',
        to: stateOf('Retrying', { at: 9 }),
        start: at(3),
        expected: undefined,
      },
      {
        title: 'leaves the start time alone for PENDING',
        to: stateOf('Pending', { at: 3 }),
        start: null,
        expected: undefined,
      },
    ]),
  )('%s', (_title, { to, start, expected }) => {
    expect(
      applyTransform(setStartTime, stateOf('Pending'), to, { startTime: start })?.run?.startTime,
    ).toEqual(expected);
  });
});

describe('SetEndTime', () => {
  it.each(
    titled([
      {
        title: 'sets the end time on entering COMPLETED',
        from: stateOf('Running'),
        to: stateOf('Completed', { at: 8 }),
        run: { startTime: at(1), endTime: null },
        expected: { endTime: at(8), startTime: at(1) },
      },
      {
        title: 'also sets the start time when a run ends without starting (PENDING→CANCELLED)',
        from: stateOf('Pending'),
        to: stateOf('Cancelled', { at: 8 }),
        run: { startTime: null, endTime: null },
        expected: { endTime: at(8), startTime: at(8) },
      },
      {
        title: 'keeps an existing end time on terminal→terminal',
        from: stateOf('Failed'),
        to: stateOf('Completed', { at: 9 }),
        run: { startTime: at(1), endTime: at(8) },
        expected: undefined,
      },
      {
        title: 'clears the end time on leaving a terminal state for SCHEDULED',
        from: stateOf('Failed'),
        to: stateOf('AwaitingRetry', { at: 9 }),
        run: { startTime: at(1), endTime: at(8) },
        expected: { endTime: null },
      },
      {
        title: 'does nothing on RUNNING→PAUSED',
        from: stateOf('Running'),
        to: stateOf('Paused', { at: 9 }),
        run: { startTime: at(1), endTime: null },
        expected: undefined,
      },
    ]),
  )('%s', (_title, { from, to, run, expected }) => {
    expect(applyTransform(setEndTime, from, to, run)?.run).toEqual(expected);
  });
});

describe('IncrementRunTime', () => {
  it.each(
    titled([
      {
        title: 'adds the RUNNING stretch on RUNNING→COMPLETED',
        from: stateOf('Running', { at: 2 }),
        at: 4.5,
        expected: 12.5,
      },
      {
        title: 'adds the stretch on RUNNING→PAUSED',
        from: stateOf('Running', { at: 2 }),
        at: 12,
        expected: 20,
      },
      {
        title: 'adds nothing when leaving PENDING',
        from: stateOf('Pending', { at: 2 }),
        at: 12,
        expected: undefined,
      },
      { title: 'adds nothing for the first state', from: null, at: 12, expected: undefined },
    ]),
  )('%s', (_title, { from, at: seconds, expected }) => {
    const result = applyTransform(incrementRunTime, from, stateOf('Completed', { at: seconds }), {
      totalRunTime: 10,
    });
    expect(result?.run?.totalRunTime).toEqual(expected);
  });
});

describe('SetExpectedStartTime', () => {
  it.each(
    titled([
      {
        title: 'uses the scheduled time of a first SCHEDULED state',
        to: stateOf('Scheduled', { at: 1, scheduledTime: at(60) }),
        existing: null,
        expected: at(60),
      },
      {
        title: 'uses the timestamp of a first PENDING state',
        to: stateOf('Pending', { at: 1 }),
        existing: null,
        expected: at(1),
      },
      {
        title: 'keeps an expected start time already set',
        to: stateOf('Scheduled', { at: 1, scheduledTime: at(60) }),
        existing: at(30),
        expected: undefined,
      },
    ]),
  )('%s', (_title, { to, existing, expected }) => {
    expect(
      applyTransform(setExpectedStartTime, null, to, { expectedStartTime: existing })?.run?.expectedStartTime,
    ).toEqual(expected);
  });
});

describe('SetNextScheduledStartTime', () => {
  it.each(
    titled([
      {
        title: 'sets it on entering SCHEDULED',
        from: stateOf('Failed'),
        to: stateOf('AwaitingRetry', { scheduledTime: at(30) }),
        expected: { nextScheduledStartTime: at(30) },
      },
      {
        title: 'moves it on SCHEDULED→SCHEDULED',
        from: stateOf('Scheduled'),
        to: stateOf('Late', { scheduledTime: at(40) }),
        expected: { nextScheduledStartTime: at(40) },
      },
      {
        title: 'clears it on leaving SCHEDULED',
        from: stateOf('Scheduled'),
        to: stateOf('Pending'),
        expected: { nextScheduledStartTime: null },
      },
      {
        title: 'leaves it alone on PENDING→RUNNING',
        from: stateOf('Pending'),
        to: stateOf('Running'),
        expected: undefined,
      },
    ]),
  )('%s', (_title, { from, to, expected }) => {
    expect(applyTransform(setNextScheduledStartTime, from, to)?.run).toEqual(expected);
  });
});
