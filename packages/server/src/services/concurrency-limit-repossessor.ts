import { deleteExpiredLimitLeases } from '../domains/concurrency-limits/concurrency-limit-repository';
import type { BackgroundService } from './background-service';

/**
 * The repossessor (reference §7.4, the Prefect #17415 fix): every 5 s, deletes the leases of
 * global concurrency limits that expired unrenewed, because their holders died. Expired leases
 * already stop counting at read time; this pass removes them so holders lists stay true.
 * Deployment leases are left to `concurrency-leases`, which also crashes their runs.
 */
export const concurrencyLimitRepossessorService: BackgroundService = {
  name: 'concurrency-limit-repossessor',
  intervalSeconds: 5,
  async run({ trx, now }) {
    await deleteExpiredLimitLeases(trx, now);
  },
};
