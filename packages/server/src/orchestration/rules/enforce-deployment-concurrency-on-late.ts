import { namedState } from '@weft/schemas';
import { defineRule } from '../rule';
import { hasFreeSlot, limitedConcurrency } from './deployment-concurrency';

/**
 * A run that would become `Late` while its deployment's limit is full and the strategy is
 * CANCEL_NEW is cancelled instead (reference §2.4, MarkLateRunsPolicy): it could never start.
 */
export const enforceDeploymentConcurrencyOnLate = defineRule({
  name: 'EnforceDeploymentConcurrencyOnLate',
  fromStates: ['SCHEDULED'],
  toStates: ['SCHEDULED'],
  before({ run, proposed, now }) {
    if (proposed.name !== 'Late') return undefined;
    const concurrency = limitedConcurrency(run);
    if (concurrency?.collisionStrategy !== 'CANCEL_NEW' || hasFreeSlot(concurrency)) return undefined;
    const message = 'Deployment concurrency limit reached.';
    return { type: 'reject', state: namedState('Cancelled', { timestamp: now, message }), reason: message };
  },
});
