import { describe, expect, it } from 'vitest';
import { orchestrateFlowRunTransition } from './orchestrate-flow-run-transition';
import { at, flowRunOf, policyOf, stateOf } from './test-fixtures';

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
