import type { State } from '@weft/schemas';
import type { FlowRunSnapshot } from '../run-snapshots';
import { holdsLiveLease, SLOT_HOLDING_STATES } from './deployment-concurrency';

/**
 * What happens to a run's deployment concurrency lease when a state is written:
 * - `acquire`: insert a lease (replacing an expired one) for the grace period;
 * - `renew`: push the live lease's expiry to now + the grace period;
 * - `release`: delete the run's lease (ReleaseFlowConcurrencySlots, reference §2.4 item 17).
 */
export type DeploymentLeaseEffect = 'acquire' | 'renew' | 'release';

/**
 * The lease effect of writing `written` over the run's current state. Pure: derived from the
 * snapshot and the state orchestration decided to write, so a transition that fizzled (rejected,
 * waited, aborted) takes no slot. A run in PENDING or RUNNING holds a lease while its deployment
 * has a limit; leaving PENDING/RUNNING/CANCELLING releases it, whatever the limit is now.
 */
export function deploymentLeaseEffect(
  run: FlowRunSnapshot,
  written: State | null,
  now: Date,
): DeploymentLeaseEffect | null {
  const concurrency = run.deploymentConcurrency;
  if (!concurrency || !written) return null;
  if (!SLOT_HOLDING_STATES.includes(written.type)) return concurrency.hasLease ? 'release' : null;
  if (written.type === 'CANCELLING' || concurrency.limit === null) return null;
  if (holdsLiveLease(concurrency, now)) return written.type === 'RUNNING' ? 'renew' : null;
  return 'acquire';
}
