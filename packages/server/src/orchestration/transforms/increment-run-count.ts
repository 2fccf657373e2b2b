import type { RunTransform, TransformableFlowRun, TransformableRun } from '../transform';

/**
 * Entering RUNNING counts an attempt, except when a paused run resumes
 * (`empiricalPolicy.resuming`), which continues the same attempt (`IncrementFlowRunCount`).
 */
export const incrementFlowRunCount: RunTransform<TransformableFlowRun> = {
  name: 'IncrementFlowRunCount',
  apply({ state, run }) {
    if (state.type !== 'RUNNING' || run.empiricalPolicy.resuming) return undefined;
    return { run: { runCount: run.runCount + 1 } };
  },
};

/** Entering RUNNING counts a task run attempt (`IncrementTaskRunCount`). */
export const incrementTaskRunCount: RunTransform<TransformableRun> = {
  name: 'IncrementTaskRunCount',
  apply({ state, run }) {
    if (state.type !== 'RUNNING') return undefined;
    return { run: { runCount: run.runCount + 1 } };
  },
};
