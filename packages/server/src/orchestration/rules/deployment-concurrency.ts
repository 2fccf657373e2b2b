import { namedState, type StateType } from '@weft/schemas';
import type { RuleDecision } from '../rule';
import type { DeploymentConcurrencySnapshot, FlowRunSnapshot } from '../run-snapshots';

/** The states that occupy a deployment concurrency slot (reference §2.4 item 17). */
export const SLOT_HOLDING_STATES: readonly StateType[] = ['PENDING', 'RUNNING', 'CANCELLING'];

/** Seconds an enqueued run waits in `AwaitingConcurrencySlot` before it is claimed again. */
export const AWAITING_CONCURRENCY_SLOT_SECONDS = 30;

/** The run's deployment concurrency, when its deployment has a limit. */
export function limitedConcurrency(
  run: FlowRunSnapshot,
): (DeploymentConcurrencySnapshot & { limit: number }) | undefined {
  const concurrency = run.deploymentConcurrency;
  if (!concurrency || concurrency.limit === null) return undefined;
  return concurrency as DeploymentConcurrencySnapshot & { limit: number };
}

/** Whether the run holds a lease that has not expired. */
export function holdsLiveLease(concurrency: DeploymentConcurrencySnapshot, now: Date): boolean {
  return concurrency.leaseExpiresAt !== null && concurrency.leaseExpiresAt.getTime() > now.getTime();
}

/** Whether a slot is free for this run. */
export function hasFreeSlot(concurrency: DeploymentConcurrencySnapshot & { limit: number }): boolean {
  return concurrency.otherLeases < concurrency.limit;
}

/**
 * The answer when the limit is reached: ENQUEUE waits in `AwaitingConcurrencySlot` (SCHEDULED, a
 * little later, so a worker claims it again); CANCEL_NEW cancels the run.
 */
export function collisionDecision(concurrency: DeploymentConcurrencySnapshot, now: Date): RuleDecision {
  if (concurrency.collisionStrategy === 'CANCEL_NEW') {
    const message = 'Deployment concurrency limit reached.';
    return { type: 'reject', state: namedState('Cancelled', { timestamp: now, message }), reason: message };
  }
  const scheduledTime = new Date(now.getTime() + AWAITING_CONCURRENCY_SLOT_SECONDS * 1000);
  const state = namedState('AwaitingConcurrencySlot', {
    timestamp: now,
    scheduledTime,
    message: 'Deployment concurrency limit reached; waiting for a slot.',
  });
  return { type: 'reject', state, reason: 'Deployment concurrency limit reached.' };
}
