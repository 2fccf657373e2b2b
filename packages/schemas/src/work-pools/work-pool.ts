import { z } from 'zod';
import { DateTime, Uuid } from '../core/ids';
import { JsonObject } from '../core/json';
import { enumFilter, FilterOperator, IdFilter, Pagination, StringFilter } from '../filters/operators';
import { FlowRun } from '../flow-runs/flow-run';

/** Characters a work pool or queue name may not contain. */
export const WORK_POOL_NAME_BANNED_CHARACTERS = ['/', '%', '&', '>', '<'] as const;

/** A work pool's or queue's name: 1–256 characters, none of `/ % & > <`; a pool's not starting with `weft`. */
export const WorkPoolName = z
  .string()
  .min(1, 'name must not be empty')
  .max(256)
  .refine((name) => !WORK_POOL_NAME_BANNED_CHARACTERS.some((c) => name.includes(c)), {
    message: `name must not contain any of ${WORK_POOL_NAME_BANNED_CHARACTERS.join(' ')}`,
  });

export const WorkPoolStatus = z.enum(['READY', 'NOT_READY', 'PAUSED']);
export type WorkPoolStatus = z.infer<typeof WorkPoolStatus>;

/**
 * How a pool's workers build a job: `variables` is a JSON Schema of what deployments and runs may
 * set (with defaults); `jobConfiguration` holds `{{ variable }}` placeholders filled from them.
 */
export const BaseJobTemplate = z
  .object({
    jobConfiguration: JsonObject.default({}),
    variables: JsonObject.default({ type: 'object', properties: {} }),
  })
  .strict();
export type BaseJobTemplate = z.infer<typeof BaseJobTemplate>;

/** A pool of workers of one type, with the template of their jobs. */
export const WorkPool = z.object({
  id: Uuid,
  name: z.string(),
  description: z.string().nullable(),
  /** The worker type, e.g. `process`. */
  type: z.string(),
  baseJobTemplate: BaseJobTemplate,
  isPaused: z.boolean(),
  concurrencyLimit: z.number().int().nullable(),
  status: WorkPoolStatus,
  defaultQueueId: Uuid.nullable(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type WorkPool = z.infer<typeof WorkPool>;

/** Create a work pool; it gets a `default` queue. */
export const WorkPoolCreate = z
  .object({
    name: WorkPoolName.refine((name) => !name.toLowerCase().startsWith('weft'), {
      message: 'work pool names starting with "weft" are reserved',
    }),
    description: z.string().max(10_000).nullish(),
    /** @default 'process' */
    type: z.string().min(1).default('process'),
    /** @default the worker type's template when the server knows it, else empty */
    baseJobTemplate: BaseJobTemplate.optional(),
    isPaused: z.boolean().default(false),
    concurrencyLimit: z.number().int().min(0).nullish(),
  })
  .strict();
export type WorkPoolCreate = z.input<typeof WorkPoolCreate>;

/** Change a work pool (found by name); a field left out stays, `null` clears. */
export const WorkPoolUpdate = z
  .object({
    name: z.string().min(1),
    description: z.string().max(10_000).nullish(),
    baseJobTemplate: BaseJobTemplate.optional(),
    isPaused: z.boolean().optional(),
    concurrencyLimit: z.number().int().min(0).nullish(),
  })
  .strict();
export type WorkPoolUpdate = z.input<typeof WorkPoolUpdate>;

export const WorkPoolFilter = z
  .object({
    operator: FilterOperator.optional(),
    id: IdFilter.optional(),
    name: StringFilter.optional(),
    type: StringFilter.optional(),
    status: enumFilter(WorkPoolStatus).optional(),
  })
  .strict();
export type WorkPoolFilter = z.infer<typeof WorkPoolFilter>;

export const WorkPoolListInput = Pagination.extend({ filter: WorkPoolFilter.optional() });
export type WorkPoolListInput = z.input<typeof WorkPoolListInput>;

/** The job configuration a run of a deployment would get: pool template ← deployment ← run. */
export const WorkPoolPreviewInput = z
  .object({
    workPoolName: z.string().min(1),
    deploymentId: Uuid.optional(),
    jobVariables: JsonObject.default({}),
  })
  .strict();
export type WorkPoolPreviewInput = z.input<typeof WorkPoolPreviewInput>;

export const WorkQueueStatus = z.enum(['READY', 'NOT_READY', 'PAUSED']);
export type WorkQueueStatus = z.infer<typeof WorkQueueStatus>;

/** A queue of a work pool. Lower `priority` is served first. */
export const WorkQueue = z.object({
  id: Uuid,
  name: z.string(),
  description: z.string().nullable(),
  isPaused: z.boolean(),
  concurrencyLimit: z.number().int().nullable(),
  priority: z.number().int(),
  workPoolId: Uuid,
  workPoolName: z.string(),
  lastPolled: DateTime.nullable(),
  status: WorkQueueStatus,
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type WorkQueue = z.infer<typeof WorkQueue>;

/** Create a queue in a pool. A priority already held moves the others down. */
export const WorkQueueCreate = z
  .object({
    workPoolName: z.string().min(1),
    name: WorkPoolName,
    description: z.string().max(10_000).nullish(),
    isPaused: z.boolean().default(false),
    concurrencyLimit: z.number().int().min(0).nullish(),
    /** @default the first free priority */
    priority: z.number().int().min(1).optional(),
  })
  .strict();
export type WorkQueueCreate = z.input<typeof WorkQueueCreate>;

/** Change a queue (found by pool and name). */
export const WorkQueueUpdate = z
  .object({
    workPoolName: z.string().min(1),
    name: z.string().min(1),
    newName: WorkPoolName.optional(),
    description: z.string().max(10_000).nullish(),
    isPaused: z.boolean().optional(),
    concurrencyLimit: z.number().int().min(0).nullish(),
    priority: z.number().int().min(1).optional(),
  })
  .strict();
export type WorkQueueUpdate = z.input<typeof WorkQueueUpdate>;

/** A queue by pool and name. */
export const WorkQueueRef = z.object({ workPoolName: z.string().min(1), name: z.string().min(1) }).strict();
export type WorkQueueRef = z.infer<typeof WorkQueueRef>;

export const WorkerStatus = z.enum(['ONLINE', 'OFFLINE']);
export type WorkerStatus = z.infer<typeof WorkerStatus>;

/** A worker of a pool, as its heartbeats describe it. */
export const Worker = z.object({
  id: Uuid,
  name: z.string(),
  workPoolId: Uuid,
  workPoolName: z.string(),
  lastHeartbeatTime: DateTime,
  heartbeatIntervalSeconds: z.number().int().nullable(),
  status: WorkerStatus,
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type Worker = z.infer<typeof Worker>;

/** A worker says it is alive; creates it on the first beat. */
export const WorkerHeartbeat = z
  .object({
    workPoolName: z.string().min(1),
    name: z.string().min(1).max(256),
    heartbeatIntervalSeconds: z.number().int().min(1).optional(),
  })
  .strict();
export type WorkerHeartbeat = z.infer<typeof WorkerHeartbeat>;

/**
 * A worker takes the runs that are due: ordered by queue priority then scheduled time, within the
 * pool's and queues' concurrency limits, skipping paused ones. Each returned run has been moved to
 * `Pending` for this worker in the same transaction, so no two workers get the same run.
 */
export const ClaimFlowRunsInput = z
  .object({
    workPoolName: z.string().min(1),
    /** @default every queue of the pool */
    workQueueNames: z.array(z.string().min(1)).max(100).optional(),
    workerName: z.string().min(1).max(256),
    /**
     * Also take runs due within this many seconds of the server's clock (a worker starts them a
     * little early; the engine waits for the scheduled time). Measured on the server, so a
     * worker's clock skew never matters. Ignored when `scheduledBefore` is given. @default 0
     */
    prefetchSeconds: z.number().min(0).max(3600).default(0),
    /** @default the server's now + `prefetchSeconds` */
    scheduledBefore: DateTime.optional(),
    scheduledAfter: DateTime.optional(),
    /** @default 10 */
    limit: z.number().int().min(1).max(200).default(10),
  })
  .strict();
export type ClaimFlowRunsInput = z.input<typeof ClaimFlowRunsInput>;

/** A run handed to a worker, with what it needs to build the job. */
export const ClaimedFlowRun = z.object({
  workPoolId: Uuid,
  workQueueId: Uuid,
  flowRun: FlowRun,
  /** The merged job configuration: pool template ← deployment ← run job variables. */
  jobConfiguration: JsonObject,
});
export type ClaimedFlowRun = z.infer<typeof ClaimedFlowRun>;
