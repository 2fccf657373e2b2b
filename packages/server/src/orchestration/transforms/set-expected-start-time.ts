import type { RunTransform, TransformableRun } from '../transform';

/**
 * The first state sets the expected start time: its scheduled time if SCHEDULED, else its
 * timestamp (`SetExpectedStartTime`). "First" means the run has none yet.
 */
export const setExpectedStartTime: RunTransform<TransformableRun> = {
  name: 'SetExpectedStartTime',
  apply({ state, run }) {
    if (run.expectedStartTime !== null) return undefined;
    const scheduled = state.type === 'SCHEDULED' ? state.stateDetails.scheduledTime : null;
    return { run: { expectedStartTime: scheduled ?? state.timestamp } };
  },
};
