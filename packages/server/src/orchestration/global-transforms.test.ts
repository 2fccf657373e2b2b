import type { State } from '@weft/schemas';
import { describe, expect, it } from 'vitest';
import { GLOBAL_FLOW_TRANSFORMS } from './global-transforms';
import { at, flowRunOf, policyOf, stateOf, titled } from './test-fixtures';
import { applyTransforms, type RunTransform, type TransformableFlowRun } from './transform';
import { ensureUniqueTimestamp } from './transforms/ensure-unique-timestamp';
import { incrementFlowRunCount, incrementTaskRunCount } from './transforms/increment-run-count';
import { incrementRunTime } from './transforms/increment-run-time';
import { removeResumingIndicator } from './transforms/remove-resuming-indicator';
import { setEndTime } from './transforms/set-end-time';
import { setExpectedStartTime } from './transforms/set-expected-start-time';
import { setNextScheduledStartTime } from './transforms/set-next-scheduled-start-time';
import { setStartTime } from './transforms/set-start-time';
import { updateFlowStateDetails } from './transforms/update-state-details';

const PARENT = '01900000-0000-7000-8000-0000000000ee';

/** Apply one transform to a flow run and return what it changed. */
function apply(
  transform: RunTransform<TransformableFlowRun>,
  initial: State | null,
  state: State,
  run: Partial<TransformableFlowRun> = {},
) {
  return transform.apply({ initial, state, run: flowRunOf({ ...run, state: initial }) });
}

describe('EnsureFlowRunStateTimestampIsUnique', () => {
  it.each(
    titled([
      {
        title: 'moves a timestamp equal to the current one 1 ms later',
        proposed: at(10),
        expected: new Date(at(10).getTime() + 1),
      },
      {
        title: 'moves an earlier timestamp to 1 ms after the current one',
        proposed: at(5),
        expected: new Date(at(10).getTime() + 1),
      },
      { title: 'keeps a later timestamp', proposed: at(11), expected: undefined },
    ]),
  )('%s', (_title, { proposed, expected }) => {
    const result = apply(
      ensureUniqueTimestamp,
      stateOf('Running', { at: 10 }),
      stateOf('Completed', { timestamp: proposed }),
    );
    expect(result?.state?.timestamp).toEqual(expected);
  });

  it('keeps the timestamp of the first state', () => {
    expect(apply(ensureUniqueTimestamp, null, stateOf('Pending'))).toBeUndefined();
  });
});

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
    expect(apply(setStartTime, stateOf('Pending'), to, { startTime: start })?.run?.startTime).toEqual(
      expected,
    );
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
    expect(apply(setEndTime, from, to, run)?.run).toEqual(expected);
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
    const result = apply(incrementRunTime, from, stateOf('Completed', { at: seconds }), { totalRunTime: 10 });
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
      apply(setExpectedStartTime, null, to, { expectedStartTime: existing })?.run?.expectedStartTime,
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
    expect(apply(setNextScheduledStartTime, from, to)?.run).toEqual(expected);
  });
});

describe('UpdateStateDetails', () => {
  it.each(
    titled([
      { title: 'stamps the flow run id and no task run id for a top-level flow', parent: null },
      { title: 'stamps the parent task run id for a subflow', parent: PARENT },
    ]),
  )('%s', (_title, { parent }) => {
    const to = stateOf('Running', {
      stateDetails: { taskRunId: '01900000-0000-7000-8000-0000000000ff', cacheKey: 'k' },
    });
    const details = apply(updateFlowStateDetails, null, to, { parentTaskRunId: parent })?.state?.stateDetails;
    expect(details).toEqual({ flowRunId: flowRunOf().id, taskRunId: parent, cacheKey: 'k' });
  });
});

describe('IncrementFlowRunCount / IncrementTaskRunCount', () => {
  it.each(
    titled([
      {
        title: 'counts an attempt on entering RUNNING',
        to: stateOf('Running'),
        resuming: false,
        expected: 3,
      },
      {
        title: 'does not count a resumed RUNNING',
        to: stateOf('Running'),
        resuming: true,
        expected: undefined,
      },
      {
        title: 'does not count entering COMPLETED',
        to: stateOf('Completed'),
        resuming: false,
        expected: undefined,
      },
    ]),
  )('%s', (_title, { to, resuming, expected }) => {
    const result = apply(incrementFlowRunCount, stateOf('Pending'), to, {
      runCount: 2,
      empiricalPolicy: policyOf({ resuming }),
    });
    expect(result?.run?.runCount).toBe(expected);
  });

  it.each(
    titled([
      { title: 'counts a task attempt on RUNNING', to: stateOf('Running'), expected: 3 },
      { title: 'does not count a task on PENDING', to: stateOf('Pending'), expected: undefined },
    ]),
  )('%s', (_title, { to, expected }) => {
    expect(apply(incrementTaskRunCount, null, to, { runCount: 2 })?.run?.runCount).toBe(expected);
  });
});

describe('RemoveResumingIndicator', () => {
  it.each(
    titled([
      { title: 'clears resuming on RUNNING', to: stateOf('Running'), expected: false },
      { title: 'clears resuming on a terminal state', to: stateOf('Crashed'), expected: false },
      {
        title: 'keeps resuming on SCHEDULED (a suspended run on its way back)',
        to: stateOf('Resuming'),
        expected: undefined,
      },
      { title: 'keeps resuming on PENDING', to: stateOf('Pending'), expected: undefined },
    ]),
  )('%s', (_title, { to, expected }) => {
    const result = apply(removeResumingIndicator, stateOf('Scheduled'), to, {
      empiricalPolicy: policyOf({ resuming: true }),
    });
    expect(result?.run?.empiricalPolicy?.resuming).toBe(expected);
  });
});

describe('GLOBAL_FLOW_TRANSFORMS', () => {
  it('bumps the timestamp before the time transforms read it', () => {
    const initial = stateOf('Running', { at: 10 });
    const out = applyTransforms<TransformableFlowRun>(GLOBAL_FLOW_TRANSFORMS, initial, {
      state: stateOf('Completed', { at: 10 }),
      run: flowRunOf({ state: initial, startTime: at(10), runCount: 1 }),
    });
    expect(out.run.endTime).toEqual(new Date(at(10).getTime() + 1));
    expect(out.run.totalRunTime).toBe(0.001);
  });

  it('does not count a resumed RUNNING, then clears resuming', () => {
    const initial = stateOf('Pending');
    const out = applyTransforms<TransformableFlowRun>(GLOBAL_FLOW_TRANSFORMS, initial, {
      state: stateOf('Running', { at: 1 }),
      run: flowRunOf({ state: initial, runCount: 1, empiricalPolicy: policyOf({ resuming: true }) }),
    });
    expect(out.run.runCount).toBe(1);
    expect(out.run.empiricalPolicy.resuming).toBe(false);
  });
});
