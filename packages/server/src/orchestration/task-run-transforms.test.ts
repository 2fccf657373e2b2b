import { describe, expect, it } from 'vitest';
import { applyTaskRunTransforms, taskRunTransforms } from './task-run-transforms';
import { at, stateOf, taskRunOf } from './test-fixtures';

describe('taskRunTransforms', () => {
  it('sets the expected start time and stamps ids on the first state', () => {
    const run = taskRunOf();
    const { state, runPatch } = taskRunTransforms(run, stateOf('Pending', { at: 1 }));
    expect(runPatch).toEqual({ expectedStartTime: at(1) });
    expect(state.stateDetails).toMatchObject({ taskRunId: run.id, flowRunId: run.flowRunId });
  });

  it('counts the attempt and sets the start time on PENDING→RUNNING', () => {
    const run = taskRunOf({ state: stateOf('Pending', { at: 1 }), expectedStartTime: at(1) });
    expect(taskRunTransforms(run, stateOf('Running', { at: 2 })).runPatch).toEqual({
      runCount: 1,
      startTime: at(2),
    });
  });

  it('sets the end time and adds the run time on RUNNING→COMPLETED', () => {
    const run = taskRunOf({
      state: stateOf('Running', { at: 2 }),
      expectedStartTime: at(1),
      startTime: at(2),
      runCount: 1,
      totalRunTime: 1,
    });
    expect(taskRunTransforms(run, stateOf('Completed', { at: 5 })).runPatch).toEqual({
      endTime: at(5),
      totalRunTime: 4,
    });
  });

  it('clears the end time when a failed task is retried (FAILED→AwaitingRetry) and keeps the timestamp', () => {
    const run = taskRunOf({ state: stateOf('Failed', { at: 5 }), expectedStartTime: at(1), endTime: at(5) });
    const retry = stateOf('AwaitingRetry', { at: 5, scheduledTime: at(10) });
    const out = taskRunTransforms(run, retry);
    expect(out.runPatch).toEqual({ endTime: null });
    expect(out.state.timestamp).toEqual(at(5));
  });

  it('leaves a task run without a flow run with flowRunId null', () => {
    const { state } = taskRunTransforms(taskRunOf({ flowRunId: null }), stateOf('Pending'));
    expect(state.stateDetails.flowRunId).toBeNull();
  });
});

describe('applyTaskRunTransforms', () => {
  it('writes onto the run what taskRunTransforms patches, and returns the same state', () => {
    const states = [
      stateOf('Pending', { at: 1 }),
      stateOf('Running', { at: 2 }),
      stateOf('Completed', { at: 5 }),
    ];
    const patched = taskRunOf();
    const inPlace = taskRunOf({ id: patched.id, flowRunId: patched.flowRunId });
    for (const recorded of states) {
      const { state, runPatch } = taskRunTransforms(patched, recorded);
      Object.assign(patched, runPatch, { state });
      expect(applyTaskRunTransforms(inPlace, recorded)).toEqual(state);
      expect(inPlace).toEqual(patched);
    }
    expect(inPlace).toMatchObject({ runCount: 1, startTime: at(2), endTime: at(5), totalRunTime: 3 });
  });
});
