import { namedState } from '@weft/schemas';
import { defineRule } from '../rule';

/**
 * CANCELLING exists so a worker tears infrastructure down. A SCHEDULED run without an
 * infrastructure pid, a `Resuming` run, or a suspended (rescheduling) PAUSED run has none, so it
 * goes straight to CANCELLED.
 */
export const bypassCancellingFlowRunsWithNoInfra = defineRule({
  name: 'BypassCancellingFlowRunsWithNoInfra',
  fromStates: ['SCHEDULED', 'PAUSED'],
  toStates: ['CANCELLING'],
  before({ initial, run, now }) {
    if (!initial) return undefined;
    if ((initial.type === 'SCHEDULED' && !run.infrastructurePid) || initial.name === 'Resuming') {
      const reason = 'Scheduled flow run has no infrastructure to terminate.';
      return { type: 'reject', state: namedState('Cancelled', { timestamp: now }), reason };
    }
    if (initial.type === 'PAUSED' && initial.stateDetails.pauseReschedule) {
      const reason = 'Suspended flow run has no infrastructure to terminate.';
      return { type: 'reject', state: namedState('Cancelled', { timestamp: now }), reason };
    }
    return undefined;
  },
});
