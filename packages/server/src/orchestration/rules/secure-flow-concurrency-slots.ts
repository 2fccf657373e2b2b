import { ALL_FROM_STATES, defineRule } from '../rule';
import {
  collisionDecision,
  hasFreeSlot,
  holdsLiveLease,
  limitedConcurrency,
  SLOT_HOLDING_STATES,
} from './deployment-concurrency';

/**
 * A run of a deployment with a concurrency limit takes a slot when it becomes PENDING (or RUNNING
 * without passing through PENDING), so no infrastructure starts without one (reference §2.4
 * item 8). A free slot: accepted, and the state writer inserts the lease. No free slot: ENQUEUE
 * rejects to `AwaitingConcurrencySlot`, CANCEL_NEW to `Cancelled`.
 */
export const secureFlowConcurrencySlots = defineRule({
  name: 'SecureFlowConcurrencySlots',
  fromStates: ALL_FROM_STATES.filter((type) => type === null || !SLOT_HOLDING_STATES.includes(type)),
  toStates: ['PENDING', 'RUNNING'],
  before({ run, now }) {
    const concurrency = limitedConcurrency(run);
    if (!concurrency || holdsLiveLease(concurrency, now) || hasFreeSlot(concurrency)) return undefined;
    return collisionDecision(concurrency, now);
  },
});
