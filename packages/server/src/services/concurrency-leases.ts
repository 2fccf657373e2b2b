import { deleteExpiredDeploymentLeases } from '../domains/deployments/deployment-concurrency-repository';
import { proposeFlowRunState } from '../domains/flow-runs/flow-run-state-writer';
import type { BackgroundService } from './background-service';

/** The message of a run crashed because its deployment concurrency lease expired. */
export const LEASE_EXPIRED_CRASH_MESSAGE =
  'The run stopped renewing its deployment concurrency lease, so its process is presumed dead; its slot was freed.';

/**
 * Frees the slots of dead holders (reference §7.4 repossessor, the #17415 fix): every 10 s,
 * deletes the deployment concurrency leases that expired unrenewed (global limit leases are the
 * `concurrency-limit-repossessor`'s), so runs waiting in
 * `AwaitingConcurrencySlot` can be claimed again. A run that still is RUNNING without a live
 * lease has an engine that stopped renewing it (the engine renews while a run executes), so it
 * is marked CRASHED through the core policy rather than left Running forever. A PENDING run is
 * left alone: at PENDING → RUNNING it takes a free slot again or is cancelled.
 */
export const concurrencyLeasesService: BackgroundService = {
  name: 'concurrency-leases',
  intervalSeconds: 10,
  async run({ trx, now, resources, afterCommit }) {
    const runIds = await deleteExpiredDeploymentLeases(trx, now);
    if (runIds.length === 0) return;
    const running = await trx
      .selectFrom('flow_run')
      .select('id')
      .where('id', 'in', runIds)
      .where('state_type', '=', 'RUNNING')
      .execute();
    for (const { id } of running) {
      const outcome = await proposeFlowRunState(trx, {
        id,
        proposed: { type: 'CRASHED', message: LEASE_EXPIRED_CRASH_MESSAGE },
        force: false,
        now,
      });
      if (outcome?.written) afterCommit(() => resources.events.emit('flowRunChanged', { id }));
    }
  },
};
