import { hasPersistedResult } from '../proposed-state';
import { defineRule } from '../rule';

/**
 * The part of {@link handleFlowTerminalStateTransitions} that even `force` keeps (Prefect #21955):
 * a COMPLETED state without a result cannot replace a COMPLETED state that has one.
 */
export const preventResultDataLoss = defineRule({
  name: 'PreventResultDataLoss',
  fromStates: ['COMPLETED'],
  toStates: ['COMPLETED'],
  before({ initial, proposed }) {
    if (!initial || !hasPersistedResult(initial) || hasPersistedResult(proposed)) return undefined;
    return { type: 'reject', state: null, reason: 'Run is already COMPLETED.' };
  },
});
