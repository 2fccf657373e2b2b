import type { RunTransform, TransformableFlowRun } from '../transform';

/**
 * Entering SCHEDULED sets the next scheduled start time to the state's scheduled time; leaving
 * SCHEDULED clears it (`SetNextScheduledStartTime`).
 */
export const setNextScheduledStartTime: RunTransform<TransformableFlowRun> = {
  name: 'SetNextScheduledStartTime',
  apply({ initial, state }) {
    if (state.type === 'SCHEDULED') {
      return { run: { nextScheduledStartTime: state.stateDetails.scheduledTime ?? null } };
    }
    if (initial?.type === 'SCHEDULED') return { run: { nextScheduledStartTime: null } };
    return undefined;
  },
};
