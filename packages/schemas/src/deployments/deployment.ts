import { z } from 'zod';
import { DateTime, Uuid } from '../core/ids';
import { JsonObject } from '../core/json';
import {
  DateFilter,
  enumFilter,
  FilterOperator,
  IdFilter,
  Pagination,
  StringFilter,
  TagsFilter,
} from '../filters/operators';
import { FlowName, Tags } from '../flows/flow';
import { StateCreate } from '../states/state';
import { PullStep } from './pull-steps';
import { DeploymentSchedule, DeploymentScheduleInput } from './schedule';

/** The most bytes a deployment's or a run's parameters may take as JSON (as the reference). */
export const MAX_PARAMETERS_SIZE = 524_288;

/** A deployment's name: 1–256 characters, none of `/ % & > <`. */
export const DeploymentName = FlowName;

/** READY while some worker or `serve` process polled it within the last 60 s. */
export const DeploymentStatus = z.enum(['READY', 'NOT_READY']);
export type DeploymentStatus = z.infer<typeof DeploymentStatus>;

/** What happens to a new run when the deployment's concurrency limit is reached. */
export const CollisionStrategy = z.enum(['ENQUEUE', 'CANCEL_NEW']);
export type CollisionStrategy = z.infer<typeof CollisionStrategy>;

export const ConcurrencyOptions = z
  .object({
    /** @default 'ENQUEUE' */
    collisionStrategy: CollisionStrategy.default('ENQUEUE'),
    /** Seconds a slot's lease lives without renewal before it is freed. @default 300 */
    gracePeriodSeconds: z.number().int().min(60).max(86_400).default(300),
  })
  .strict();
export type ConcurrencyOptions = z.infer<typeof ConcurrencyOptions>;

const Parameters = JsonObject.refine(
  (value) => JSON.stringify(value).length <= MAX_PARAMETERS_SIZE,
  `parameters must be at most ${MAX_PARAMETERS_SIZE} bytes of JSON`,
);

/** A flow packaged to run on a schedule or on demand, by a work pool's workers or a `serve` process. */
export const Deployment = z.object({
  id: Uuid,
  name: z.string(),
  flowId: Uuid,
  flowName: z.string(),
  version: z.string().nullable(),
  description: z.string().nullable(),
  tags: z.array(z.string()),
  /** Defaults of every run's parameters. */
  parameters: JsonObject,
  /** JSON Schema of the flow's parameters. */
  parameterSchema: JsonObject.nullable(),
  enforceParameterSchema: z.boolean(),
  jobVariables: JsonObject,
  workPoolName: z.string().nullable(),
  workQueueName: z.string().nullable(),
  workQueueId: Uuid.nullable(),
  /** `path/to/file.ts:flowExportName`. */
  entrypoint: z.string().nullable(),
  /** The working directory the entrypoint is relative to. */
  path: z.string().nullable(),
  pullSteps: z.array(PullStep),
  paused: z.boolean(),
  status: DeploymentStatus,
  lastPolled: DateTime.nullable(),
  /** At most this many runs of the deployment are Pending or Running at once. */
  concurrencyLimit: z.number().int().nullable(),
  concurrencyOptions: ConcurrencyOptions.nullable(),
  schedules: z.array(DeploymentSchedule),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type Deployment = z.infer<typeof Deployment>;

const DeploymentFields = {
  version: z.string().max(256).nullish(),
  description: z.string().max(10_000).nullish(),
  tags: Tags.optional(),
  parameters: Parameters.optional(),
  parameterSchema: JsonObject.nullish(),
  enforceParameterSchema: z.boolean().optional(),
  jobVariables: JsonObject.optional(),
  /** The work pool (its default queue unless `workQueueName`); null = no pool (a `serve` deployment). */
  workPoolName: z.string().min(1).nullish(),
  workQueueName: z.string().min(1).nullish(),
  entrypoint: z.string().min(1).nullish(),
  path: z.string().nullish(),
  pullSteps: z.array(PullStep).optional(),
  paused: z.boolean().optional(),
  concurrencyLimit: z.number().int().min(1).nullish(),
  concurrencyOptions: ConcurrencyOptions.nullish(),
  /** Absent keeps the existing schedules on an upsert; `[]` removes them. */
  schedules: z.array(DeploymentScheduleInput).max(100).optional(),
};

/**
 * Create a deployment, or update the one with the same flow and name (an upsert). The flow is
 * given by id or by name (created when missing).
 */
export const DeploymentCreate = z
  .object({
    flowId: Uuid.optional(),
    flowName: FlowName.optional(),
    name: DeploymentName,
    ...DeploymentFields,
  })
  .strict()
  .refine((input) => (input.flowId === undefined) !== (input.flowName === undefined), {
    message: 'give exactly one of flowId or flowName',
    path: ['flowId'],
  });
export type DeploymentCreate = z.input<typeof DeploymentCreate>;

/** Change a deployment; a field left out stays as it is, `null` clears it. */
export const DeploymentUpdate = z.object({ id: Uuid, ...DeploymentFields }).strict();
export type DeploymentUpdate = z.input<typeof DeploymentUpdate>;

/** A deployment by id or by `flow-name/deployment-name`. */
export const DeploymentRef = z.union([
  z.object({ id: Uuid }).strict(),
  z
    .object({
      name: z.string().regex(/^[^/]+\/[^/]+$/, 'name must be "flow-name/deployment-name"'),
    })
    .strict(),
]);
export type DeploymentRef = z.infer<typeof DeploymentRef>;

/** Filter deployments. */
export const DeploymentFilter = z
  .object({
    operator: FilterOperator.optional(),
    id: IdFilter.optional(),
    name: StringFilter.optional(),
    flowId: IdFilter.optional(),
    flowName: StringFilter.optional(),
    tags: TagsFilter.optional(),
    workPoolName: StringFilter.optional(),
    workQueueName: StringFilter.optional(),
    paused: z.boolean().optional(),
    status: enumFilter(DeploymentStatus).optional(),
    updatedAt: DateFilter.optional(),
  })
  .strict();
export type DeploymentFilter = z.infer<typeof DeploymentFilter>;

export const DEPLOYMENT_SORTS = ['CREATED_DESC', 'UPDATED_DESC', 'NAME_ASC', 'NAME_DESC'] as const;
export const DeploymentSort = z.enum(DEPLOYMENT_SORTS);
export type DeploymentSort = z.infer<typeof DeploymentSort>;

export const DeploymentListInput = Pagination.extend({
  filter: DeploymentFilter.optional(),
  sort: DeploymentSort.default('NAME_ASC'),
});
export type DeploymentListInput = z.input<typeof DeploymentListInput>;

export const DeploymentCountInput = z.object({ filter: DeploymentFilter.optional() });
export type DeploymentCountInput = z.input<typeof DeploymentCountInput>;

/**
 * Create a run of a deployment. Parameters are the deployment's, overlaid with these, and checked
 * against the parameter schema when enforced; job variables are checked with required fields.
 */
export const DeploymentFlowRunCreate = z
  .object({
    deployment: DeploymentRef,
    parameters: Parameters.default({}),
    name: z.string().min(1).max(256).optional(),
    tags: Tags.default([]),
    idempotencyKey: z.string().min(1).max(512).nullish(),
    parentTaskRunId: Uuid.nullish(),
    jobVariables: JsonObject.default({}),
    /** A queue of the deployment's pool (created when missing). */
    workQueueName: z.string().min(1).nullish(),
    /** @default Scheduled for now */
    state: StateCreate.optional(),
    /** @default the deployment's setting */
    enforceParameterSchema: z.boolean().optional(),
  })
  .strict();
export type DeploymentFlowRunCreate = z.input<typeof DeploymentFlowRunCreate>;

/**
 * A `serve` process takes the due runs of its own deployments (no work pool): ordered by
 * scheduled time, each moved to `Pending` (or `Running`) for this runner in the same transaction.
 */
export const DeploymentClaimFlowRunsInput = z
  .object({
    deploymentIds: z.array(Uuid).min(1).max(100),
    runnerName: z.string().min(1).max(256),
    /**
     * The state claimed runs move to. `RUNNING` suits a runner that executes the run in its own
     * process at once (`serve`): there is no infrastructure to start, and it saves the runner a
     * round trip. @default 'PENDING'
     */
    state: z.enum(['PENDING', 'RUNNING']).default('PENDING'),
    /** @default now */
    scheduledBefore: DateTime.optional(),
    /** @default 10 */
    limit: z.number().int().min(1).max(200).default(10),
  })
  .strict();
export type DeploymentClaimFlowRunsInput = z.input<typeof DeploymentClaimFlowRunsInput>;
