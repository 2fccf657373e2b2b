import type { RunTransform, TransformableRun } from '../transform';

/** The first RUNNING state sets the run's start time (`SetStartTime`). */
export const setStartTime: RunTransform<TransformableRun> = {
  name: 'SetStartTime',
  apply({ state, run }) {
    if (state.type !== 'RUNNING' || run.startTime !== null) return undefined;
    return { run: { startTime: state.timestamp } };
  },
};
