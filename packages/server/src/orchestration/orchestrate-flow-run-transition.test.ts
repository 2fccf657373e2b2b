import { describe, expect, it } from 'vitest';
import { orchestrateFlowRunTransition } from './orchestrate-flow-run-transition';
import { at, flowRunOf, policyOf, stateOf, titled } from './test-fixtures';

describe('orchestrateFlowRunTransition', () => {
  it('accepts the first PENDING state, defaulting id, name and timestamp and stamping the run id', () => {
    const run = flowRunOf();
    const { result, write } = orchestrateFlowRunTransition({
      run,
      proposed: { type: 'PENDING' },
      now: at(0),
    });
    expect(result.status).toBe('ACCEPT');
    expect(write?.state).toMatchObject({ type: 'PENDING', name: 'Pending', timestamp: at(0), message: null });
    expect(write?.state.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(write?.state.stateDetails.flowRunId).toBe(run.id);
    expect(result.state).toEqual(write?.state);
    expect(write?.runPatch).toEqual({ expectedStartTime: at(0) });
  });

  it('keeps the proposed id and name', () => {
    const id = '01900000-0000-7000-8000-0000000000aa';
    const { write } = orchestrateFlowRunTransition({
      run: flowRunOf(),
      proposed: { id, type: 'PENDING', name: 'Submitting' },
      now: at(0),
    });
    expect(write?.state).toMatchObject({ id, name: 'Submitting' });
  });

  it('accepts PENDING→RUNNING, counting the attempt and setting the start time', () => {
    const run = flowRunOf({ state: stateOf('Pending'), expectedStartTime: at(0) });
    const { result, write } = orchestrateFlowRunTransition({
      run,
      proposed: { type: 'RUNNING' },
      now: at(5),
    });
    expect(result.status).toBe('ACCEPT');
    expect(write?.runPatch).toEqual({ runCount: 1, startTime: at(5) });
  });

  it('rejects RUNNING→FAILED with retries left into AwaitingRetry, which is what gets written', () => {
    const run = flowRunOf({
      state: stateOf('Running', { at: 10 }),
      runCount: 1,
      startTime: at(10),
      expectedStartTime: at(0),
      empiricalPolicy: policyOf({ retries: 2, retryDelaySeconds: 30 }),
    });
    const { result, write } = orchestrateFlowRunTransition({
      run,
      proposed: { type: 'FAILED', message: 'boom' },
      now: at(20),
    });
    expect(result.status).toBe('REJECT');
    expect(result.details).toEqual({ type: 'reject_details', reason: 'Retrying' });
    expect(result.state).toEqual(write?.state);
    expect(write?.state).toMatchObject({ type: 'SCHEDULED', name: 'AwaitingRetry', message: 'boom' });
    expect(write?.state.stateDetails.scheduledTime).toEqual(at(50));
    expect(write?.runPatch).toEqual({
      totalRunTime: 10,
      nextScheduledStartTime: at(50),
      empiricalPolicy: policyOf({ retries: 2, retryDelaySeconds: 30, retryType: 'in_process' }),
    });
  });

  it('returns the current state and writes nothing on WAIT', () => {
    const current = stateOf('Scheduled', { scheduledTime: at(60) });
    const run = flowRunOf({ state: current });
    const { result, write } = orchestrateFlowRunTransition({
      run,
      proposed: { type: 'RUNNING' },
      now: at(0),
    });
    expect(result).toEqual({
      status: 'WAIT',
      state: current,
      details: { type: 'wait_details', delaySeconds: 60, reason: 'Scheduled time is in the future' },
    });
    expect(write).toBeNull();
  });

  it('rejects CANCELLING→RUNNING by default but accepts it with force', () => {
    const run = flowRunOf({ state: stateOf('Cancelling'), startTime: at(0), expectedStartTime: at(0) });
    const normal = orchestrateFlowRunTransition({ run, proposed: { type: 'RUNNING' }, now: at(1) });
    expect(normal.result.status).toBe('REJECT');
    expect(normal.write).toBeNull();
    const forced = orchestrateFlowRunTransition({
      run,
      proposed: { type: 'RUNNING' },
      now: at(1),
      force: true,
    });
    expect(forced.result.status).toBe('ACCEPT');
    expect(forced.write?.runPatch).toEqual({ runCount: 1 });
  });

  it('aborts with "Error validating state" when the final state is invalid', () => {
    const { result, write } = orchestrateFlowRunTransition({
      run: flowRunOf({ id: 'not-a-uuid' }),
      proposed: { type: 'PENDING' },
      now: at(0),
    });
    expect(result.status).toBe('ABORT');
    expect(result.details.type === 'abort_details' && result.details.reason).toMatch(
      /^Error validating state: /,
    );
    expect(write).toBeNull();
  });
});

describe('orchestrateFlowRunTransition policies', () => {
  const RESULT = { storageKey: 'results/abc', serializer: { type: 'json' } };

  it.each(
    titled([
      {
        title:
          'rejects CANCELLING→PENDING (EnforceCancellingToCancelledTransition before PreventPendingTransitions)',
        from: stateOf('Cancelling'),
        to: { type: 'PENDING' as const },
        expected: 'REJECT',
      },
      {
        title:
          'rejects a suspended run →CANCELLING into Cancelled before HandleResumingPausedFlows can refuse it',
        from: stateOf('Suspended', { stateDetails: { pauseReschedule: true } }),
        to: { type: 'CANCELLING' as const },
        expected: 'REJECT',
      },
    ]),
  )('%s', (_title, { from, to, expected }) => {
    const out = orchestrateFlowRunTransition({ run: flowRunOf({ state: from }), proposed: to, now: at(1) });
    expect(out.result.status).toBe(expected);
  });

  it.each(
    titled([
      {
        title: 'force accepts RUNNING→PENDING',
        from: stateOf('Running'),
        to: { type: 'PENDING' as const },
        status: 'ACCEPT',
        written: 'Pending',
      },
      {
        title: 'force still rejects COMPLETED→COMPLETED that drops a persisted result',
        from: stateOf('Completed', { data: RESULT }),
        to: { type: 'COMPLETED' as const },
        status: 'REJECT',
        written: null,
      },
      {
        title: 'force still cancels a SCHEDULED run without infrastructure directly',
        from: stateOf('Scheduled'),
        to: { type: 'CANCELLING' as const },
        status: 'REJECT',
        written: 'Cancelled',
      },
      {
        title: 'force skips WaitForScheduledTime',
        from: stateOf('Scheduled', { scheduledTime: at(600) }),
        to: { type: 'RUNNING' as const },
        status: 'ACCEPT',
        written: 'Running',
      },
    ]),
  )('%s', (_title, { from, to, status, written }) => {
    const run = flowRunOf({ state: from, expectedStartTime: at(0) });
    const out = orchestrateFlowRunTransition({ run, proposed: to, now: at(1), force: true });
    expect(out.result.status).toBe(status);
    expect(out.write?.state.name ?? null).toBe(written);
  });

  it('runs the global transforms under force', () => {
    const run = flowRunOf({
      state: stateOf('Running', { at: 0 }),
      startTime: at(0),
      expectedStartTime: at(0),
    });
    const out = orchestrateFlowRunTransition({ run, proposed: { type: 'PENDING' }, now: at(4), force: true });
    expect(out.write?.runPatch).toEqual({ totalRunTime: 4 });
    expect(out.write?.state.stateDetails.flowRunId).toBe(run.id);
  });

  it('resumes a suspended run through its deployment without counting a new attempt', () => {
    const DEPLOYMENT = '01900000-0000-7000-8000-0000000000de';
    const suspended = stateOf('Suspended', { at: 5, stateDetails: { pauseReschedule: true } });
    const base = { state: suspended, runCount: 1, startTime: at(0), expectedStartTime: at(0) };
    const resuming = { type: 'SCHEDULED' as const, name: 'Resuming', stateDetails: { scheduledTime: at(6) } };
    const adHoc = orchestrateFlowRunTransition({ run: flowRunOf(base), proposed: resuming, now: at(6) });
    expect(adHoc.result.status).toBe('REJECT');
    const run = flowRunOf({ ...base, deploymentId: DEPLOYMENT });
    const rescheduled = orchestrateFlowRunTransition({ run, proposed: resuming, now: at(6) });
    expect(rescheduled.write?.runPatch.empiricalPolicy?.resuming).toBe(true);
    const back = orchestrateFlowRunTransition({
      run: { ...run, state: rescheduled.write?.state ?? null, empiricalPolicy: policyOf({ resuming: true }) },
      proposed: { type: 'RUNNING' },
      now: at(7),
    });
    expect(back.result.status).toBe('ACCEPT');
    expect(back.write?.runPatch.runCount).toBeUndefined();
    expect(back.write?.runPatch.empiricalPolicy?.resuming).toBe(false);
  });
});
