import { describe, expect, it } from 'vitest';
import { GLOBAL_FLOW_TRANSFORMS } from './global-transforms';
import { applyTransform, at, flowRunOf, policyOf, stateOf, titled } from './test-fixtures';
import { applyTransforms, type TransformableFlowRun } from './transform';
import { ensureUniqueTimestamp } from './transforms/ensure-unique-timestamp';
import { incrementFlowRunCount, incrementTaskRunCount } from './transforms/increment-run-count';
import { removeResumingIndicator } from './transforms/remove-resuming-indicator';
import { updateFlowStateDetails } from './transforms/update-state-details';

const PARENT = '01900000-0000-7000-8000-0000000000ee';

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
    const result = applyTransform(
      ensureUniqueTimestamp,
      stateOf('Running', { at: 10 }),
      stateOf('Completed', { timestamp: proposed }),
    );
    expect(result?.state?.timestamp).toEqual(expected);
  });

  it('keeps the timestamp of the first state', () => {
    expect(applyTransform(ensureUniqueTimestamp, null, stateOf('Pending'))).toBeUndefined();
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
    const details = applyTransform(updateFlowStateDetails, null, to, { parentTaskRunId: parent })?.state
      ?.stateDetails;
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
    const result = applyTransform(incrementFlowRunCount, stateOf('Pending'), to, {
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
    expect(applyTransform(incrementTaskRunCount, null, to, { runCount: 2 })?.run?.runCount).toBe(expected);
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
    const result = applyTransform(removeResumingIndicator, stateOf('Scheduled'), to, {
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
