import { defineRule } from '../rule';

/**
 * The guard against two workers submitting one run: a run already PENDING, RUNNING, CANCELLING or
 * CANCELLED cannot go (back) to PENDING. PENDING → PENDING is allowed when it names a worker
 * sub-state (a new name other than `Pending`), carrying forward details earlier rules set.
 */
export const preventPendingTransitions = defineRule({
  name: 'PreventPendingTransitions',
  fromStates: ['PENDING', 'CANCELLING', 'RUNNING', 'CANCELLED'],
  toStates: ['PENDING'],
  before({ initial, proposed }) {
    if (!initial) return undefined;
    if (initial.type === 'PENDING' && initial.name !== proposed.name && proposed.name !== 'Pending') {
      const { scheduledTime, deploymentConcurrencyLeaseId } = initial.stateDetails;
      return { type: 'amend', stateDetails: { scheduledTime, deploymentConcurrencyLeaseId } };
    }
    return {
      type: 'abort',
      reason: `This run is in a ${initial.type} state and cannot transition to a PENDING state.`,
    };
  },
});
