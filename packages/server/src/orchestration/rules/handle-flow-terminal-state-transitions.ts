import { isTerminalStateType, TERMINAL_STATE_TYPES } from '@weft/schemas';
import { hasPersistedResult } from '../proposed-state';
import { ALL_TO_STATES, defineRule } from '../rule';

/**
 * Guards a flow run leaving a terminal state: it cannot become CANCELLING, PAUSED or CRASHED; a
 * COMPLETED run with a result cannot re-run nor have its result dropped by another COMPLETED; a run
 * without a deployment cannot be rescheduled. A re-run (terminal → non-terminal) starts with fresh
 * pause bookkeeping; `cleanup` restores it if the transition does not happen.
 */
export const handleFlowTerminalStateTransitions = defineRule({
  name: 'HandleFlowTerminalStateTransitions',
  fromStates: TERMINAL_STATE_TYPES,
  toStates: ALL_TO_STATES,
  before({ initial, proposed, run }) {
    if (!initial) return undefined;
    if (proposed.type === 'CANCELLING' || proposed.type === 'PAUSED' || proposed.type === 'CRASHED') {
      return { type: 'abort', reason: `Run is already in terminal state ${initial.type}.` };
    }
    const final = isTerminalStateType(proposed.type);
    if (initial.type === 'COMPLETED' && hasPersistedResult(initial)) {
      if (!final) return { type: 'reject', state: null, reason: 'Run is already COMPLETED.' };
      // Prefect #21955: a bare COMPLETED must not replace one that carries the result.
      if (proposed.type === 'COMPLETED' && !hasPersistedResult(proposed)) {
        return { type: 'reject', state: null, reason: 'Run is already COMPLETED.' };
      }
    }
    if (proposed.type === 'SCHEDULED' && run.deploymentId === null) {
      return { type: 'abort', reason: 'Cannot reschedule a run without an associated deployment.' };
    }
    if (final) return undefined;
    const retryType = proposed.type === 'SCHEDULED' ? 'reschedule' : null;
    return { type: 'amend', policy: { resuming: false, pauseKeys: [], retryType } };
  },
  cleanup({ run }) {
    const { resuming, pauseKeys, retryType } = run.empiricalPolicy;
    return { policy: { resuming, pauseKeys, retryType } };
  },
});
