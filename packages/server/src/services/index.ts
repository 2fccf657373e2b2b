import type { BackgroundService } from './background-service';
import { cancellingTimeoutService } from './cancelling-timeout';
import { concurrencyLeasesService } from './concurrency-leases';
import { concurrencyLimitRepossessorService } from './concurrency-limit-repossessor';
import { foremanService } from './foreman';
import { lateRunsService } from './late-runs';
import { schedulerService } from './scheduler';

/**
 * Every background service of the server, in the order they start. Each domain adds its own
 * (scheduler and late runs with deployments; foreman and cancelling timeout with work pools).
 */
export const SERVER_SERVICES: readonly BackgroundService[] = [
  concurrencyLeasesService,
  concurrencyLimitRepossessorService,
  foremanService,
  cancellingTimeoutService,
  schedulerService,
  lateRunsService,
];
