import type { RunTransform, TransformableRun } from '../transform';

/** Leaving RUNNING adds the time spent in it, in seconds, to the run's total (`IncrementRunTime`). */
export const incrementRunTime: RunTransform<TransformableRun> = {
  name: 'IncrementRunTime',
  apply({ initial, state, run }) {
    if (initial?.type !== 'RUNNING') return undefined;
    const seconds = (state.timestamp.getTime() - initial.timestamp.getTime()) / 1000;
    return { run: { totalRunTime: run.totalRunTime + seconds } };
  },
};
