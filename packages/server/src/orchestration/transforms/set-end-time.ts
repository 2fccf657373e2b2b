import { isTerminalStateType } from '@weft/schemas';
import type { RunTransform, TransformableRun } from '../transform';

/**
 * Entering a terminal state sets the end time if unset (and the start time if the run never
 * started); leaving a terminal state for a non-terminal one clears it (`SetEndTime`).
 */
export const setEndTime: RunTransform<TransformableRun> = {
  name: 'SetEndTime',
  apply({ initial, state, run }) {
    const entering = isTerminalStateType(state.type);
    if (isTerminalStateType(initial?.type) && !entering) return { run: { endTime: null } };
    if (!entering || run.endTime !== null) return undefined;
    return { run: { endTime: state.timestamp, startTime: run.startTime ?? state.timestamp } };
  },
};
