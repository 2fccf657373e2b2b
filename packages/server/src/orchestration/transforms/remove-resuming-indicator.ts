import { isTerminalStateType } from '@weft/schemas';
import type { RunTransform, TransformableFlowRun } from '../transform';

/** RUNNING or a terminal state ends a resume: clear `empiricalPolicy.resuming` (`RemoveResumingIndicator`). */
export const removeResumingIndicator: RunTransform<TransformableFlowRun> = {
  name: 'RemoveResumingIndicator',
  apply({ state, run }) {
    if (!run.empiricalPolicy.resuming) return undefined;
    if (state.type !== 'RUNNING' && !isTerminalStateType(state.type)) return undefined;
    return { run: { empiricalPolicy: { ...run.empiricalPolicy, resuming: false } } };
  },
};
