import { describe, expect, it } from 'vitest';
import { uuid7 } from '../core/ids';
import { TaskRunBatch, TaskRunStateRecord } from './task-run';

describe('TaskRunStateRecord', () => {
  const taskRunId = uuid7();
  const state = { id: uuid7(), type: 'RUNNING', name: 'Running', timestamp: 1_767_323_045_000 } as const;

  it('fills in a left-out message, details and data, and takes epoch milliseconds', () => {
    const parsed = TaskRunStateRecord.parse({ taskRunId, state });
    expect(parsed.state).toEqual({
      ...state,
      timestamp: new Date(1_767_323_045_000),
      message: null,
      stateDetails: {},
      data: null,
    });
  });

  it('gives each state details of its own', () => {
    const { states } = TaskRunBatch.parse({
      // Two input objects: within one parse, zod hands out one output per input object.
      states: [
        { taskRunId, state: { ...state } },
        { taskRunId, state: { ...state } },
      ],
    });
    states[0]!.state.stateDetails.taskRunId = taskRunId;
    expect(states[1]!.state.stateDetails).toEqual({});
  });

  it('still names a bad field', () => {
    const result = TaskRunStateRecord.safeParse({ taskRunId, state: { ...state, message: 3 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['state', 'message']);
  });
});
