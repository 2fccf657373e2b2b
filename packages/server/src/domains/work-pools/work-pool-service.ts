import type { ServerResources } from '../../resources';
import type { WorkerService, WorkPoolService, WorkQueueService } from './work-pool-contract';

/** Create the work pool, queue and worker services. */
export function createWorkPoolServices(_resources: ServerResources): {
  workPools: WorkPoolService;
  workQueues: WorkQueueService;
  workers: WorkerService;
} {
  return { workPools: {}, workQueues: {}, workers: {} };
}
