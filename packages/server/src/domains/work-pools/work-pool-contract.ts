import type {
  ClaimedFlowRun,
  ClaimFlowRunsInput,
  JsonObject,
  Worker,
  WorkerHeartbeat,
  WorkPool,
  WorkPoolCreate,
  WorkPoolFilter,
  WorkPoolListInput,
  WorkPoolPreviewInput,
  WorkPoolUpdate,
  WorkQueue,
  WorkQueueCreate,
  WorkQueueRef,
  WorkQueueUpdate,
} from '@weft/schemas';
import type { z } from 'zod';

// The work pool, queue and worker service contracts, typed by schema types only (they are part of
// the router's type): nothing here may import kysely or row types.

/** What `workPools.watchScheduled` listens for: runs of a pool, or of some deployments. */
export interface WatchScheduledInput {
  workPoolName?: string | undefined;
  deploymentIds?: string[] | undefined;
}

/** The job a run of a deployment would get (`workPools.preview`). */
export interface WorkPoolPreview {
  /** The merged job variables: template defaults ← deployment ← run. */
  variables: JsonObject;
  /** The pool's job configuration with the variables filled in. */
  jobConfiguration: JsonObject;
}

/** Work pools: CRUD by name, preview of a job, claiming due runs, wake-ups. */
export interface WorkPoolService {
  create(input: z.output<typeof WorkPoolCreate>): Promise<WorkPool>;
  get(name: string): Promise<WorkPool>;
  list(input: z.output<typeof WorkPoolListInput>): Promise<WorkPool[]>;
  count(filter: WorkPoolFilter | undefined): Promise<number>;
  update(input: z.output<typeof WorkPoolUpdate>): Promise<WorkPool>;
  delete(name: string): Promise<{ id: string; name: string }>;
  preview(input: z.output<typeof WorkPoolPreviewInput>): Promise<WorkPoolPreview>;
  /** Take due runs for a worker: each returned run was moved to PENDING for it. */
  claimFlowRuns(input: z.output<typeof ClaimFlowRunsInput>): Promise<ClaimedFlowRun[]>;
  /** Ids of runs of the pool (or deployments) as they enter SCHEDULED, until `signal` aborts. */
  watchScheduled(
    input: WatchScheduledInput,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<{ ids: string[] }>;
}

/** Work queues of a pool. */
export interface WorkQueueService {
  create(input: z.output<typeof WorkQueueCreate>): Promise<WorkQueue>;
  get(ref: WorkQueueRef): Promise<WorkQueue>;
  list(workPoolName: string): Promise<WorkQueue[]>;
  update(input: z.output<typeof WorkQueueUpdate>): Promise<WorkQueue>;
  delete(ref: WorkQueueRef): Promise<{ id: string }>;
}

/** Workers of a pool. */
export interface WorkerService {
  heartbeat(input: WorkerHeartbeat): Promise<Worker>;
  list(workPoolName: string): Promise<Worker[]>;
  delete(input: { workPoolName: string; name: string }): Promise<{ id: string }>;
}
