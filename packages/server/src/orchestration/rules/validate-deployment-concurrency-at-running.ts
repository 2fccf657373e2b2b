import { namedState } from '@weft/schemas';
import { defineRule } from '../rule';
import { hasFreeSlot, holdsLiveLease, limitedConcurrency } from './deployment-concurrency';

/**
 * PENDING → RUNNING of a run of a limited deployment (reference §2.4 item 7): a run holding a live
 * lease goes on (the writer renews the lease); a run whose lease expired while its infrastructure
 * started takes a free slot again, or is cancelled when there is none: another run has its slot.
 */
export const validateDeploymentConcurrencyAtRunning = defineRule({
  name: 'ValidateDeploymentConcurrencyAtRunning',
  fromStates: ['PENDING'],
  toStates: ['RUNNING'],
  before({ run, now }) {
    const concurrency = limitedConcurrency(run);
    if (!concurrency || holdsLiveLease(concurrency, now) || hasFreeSlot(concurrency)) return undefined;
    const message =
      'Deployment concurrency slot lost during provisioning: the lease expired and the limit is reached.';
    return { type: 'reject', state: namedState('Cancelled', { timestamp: now, message }), reason: message };
  },
});
