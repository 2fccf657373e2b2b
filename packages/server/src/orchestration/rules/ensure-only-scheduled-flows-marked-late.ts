import { ALL_FROM_STATES, defineRule } from '../rule';

/** `Late` is a SCHEDULED run whose time passed: only a SCHEDULED run can become Late, and once. */
export const ensureOnlyScheduledFlowsMarkedLate = defineRule({
  name: 'EnsureOnlyScheduledFlowsMarkedLate',
  fromStates: ALL_FROM_STATES,
  toStates: ['SCHEDULED'],
  before({ initial, proposed }) {
    if (!initial || proposed.name !== 'Late') return undefined;
    if (initial.type !== 'SCHEDULED') {
      return { type: 'reject', state: null, reason: 'Only scheduled flows can be marked late.' };
    }
    if (initial.name === 'Late') {
      return { type: 'reject', state: null, reason: 'This run is already marked late.' };
    }
    return undefined;
  },
});
