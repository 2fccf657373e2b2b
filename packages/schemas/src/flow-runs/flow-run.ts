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
import { Tags } from '../flows/flow';
import { State, StateCreate } from '../states/state';
import { StateType } from '../states/state-type';
import { TaskRunBatch } from '../task-runs/task-run';

/** How a flow run retries and pauses; kept on the run, used by the server's policy. */
export const FlowRunPolicy = z.object({
  /** Retries the server grants when the run fails. */
  retries: z.number().int().min(0).nullable().default(null),
  /** Seconds to wait before a retry. */
  retryDelaySeconds: z.number().min(0).nullable().default(null),
  /** Set while a paused run resumes; cleared on RUNNING or a terminal state. */
  resuming: z.boolean().default(false),
  /** Pause keys that already fired. */
  pauseKeys: z.array(z.string()).default([]),
  /** How the last retry happened. */
  retryType: z.enum(['in_process', 'reschedule']).nullable().default(null),
});
export type FlowRunPolicy = z.infer<typeof FlowRunPolicy>;

/**
 * Some fields of a {@link FlowRunPolicy}, with no defaults: a field left out stays as it is, and a
 * field sent with its default value is set to it.
 */
export const FlowRunPolicyUpdate = z
  .object({
    retries: z.number().int().min(0).nullable(),
    retryDelaySeconds: z.number().min(0).nullable(),
    resuming: z.boolean(),
    pauseKeys: z.array(z.string()),
    retryType: z.enum(['in_process', 'reschedule']).nullable(),
  })
  .partial();
export type FlowRunPolicyUpdate = z.infer<typeof FlowRunPolicyUpdate>;

/** Who or what created a run. */
export const RunCreator = z.object({
  id: Uuid.nullable(),
  type: z.string(),
  displayValue: z.string().nullable(),
});
export type RunCreator = z.infer<typeof RunCreator>;

/** A run of a flow. */
export const FlowRun = z.object({
  id: Uuid,
  name: z.string(),
  flowId: Uuid,
  flowName: z.string(),
  flowVersion: z.string().nullable(),
  deploymentId: Uuid.nullable(),
  deploymentVersion: z.string().nullable(),
  workPoolName: z.string().nullable(),
  workQueueName: z.string().nullable(),
  workQueueId: Uuid.nullable(),
  /** Job variables of this run, over the deployment's and the pool's. */
  jobVariables: JsonObject,
  /** Created by the scheduler for one of the deployment's schedules. */
  autoScheduled: z.boolean(),
  /** Who created the run: a schedule, a user, an automation. */
  createdBy: RunCreator.nullable(),
  parentTaskRunId: Uuid.nullable(),
  idempotencyKey: z.string().nullable(),
  parameters: JsonObject,
  tags: z.array(z.string()),
  runCount: z.number().int(),
  expectedStartTime: DateTime.nullable(),
  nextScheduledStartTime: DateTime.nullable(),
  startTime: DateTime.nullable(),
  endTime: DateTime.nullable(),
  /** Seconds spent RUNNING over all attempts. */
  totalRunTime: z.number(),
  /** `totalRunTime` plus the current RUNNING stretch. */
  estimatedRunTime: z.number(),
  /** Seconds late: start time (or now, when not yet started) minus the expected start time. */
  estimatedStartTimeDelta: z.number(),
  stateId: Uuid.nullable(),
  stateType: StateType.nullable(),
  stateName: z.string().nullable(),
  state: State.nullable(),
  empiricalPolicy: FlowRunPolicy,
  infrastructurePid: z.string().nullable(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type FlowRun = z.infer<typeof FlowRun>;

/** Create a flow run. With an `idempotencyKey`, a second create returns the first run. */
export const FlowRunCreate = z.object({
  /** Pre-assign the id (the engine does, so logs can reference the run before it is recorded). */
  id: Uuid.optional(),
  flowId: Uuid,
  name: z.string().min(1).max(256).optional(),
  flowVersion: z.string().max(256).nullish(),
  parameters: JsonObject.default({}),
  tags: Tags.default([]),
  idempotencyKey: z.string().min(1).max(512).nullish(),
  parentTaskRunId: Uuid.nullish(),
  empiricalPolicy: FlowRunPolicyUpdate.optional(),
  /** The initial state. @default Pending */
  state: StateCreate.optional(),
});
export type FlowRunCreate = z.input<typeof FlowRunCreate>;

/** Change a flow run's descriptive fields (not its state: use `setState`). */
export const FlowRunUpdate = z.object({
  id: Uuid,
  name: z.string().min(1).max(256).optional(),
  flowVersion: z.string().max(256).nullish(),
  parameters: JsonObject.optional(),
  tags: Tags.optional(),
  empiricalPolicy: FlowRunPolicyUpdate.optional(),
  infrastructurePid: z.string().nullish(),
});
export type FlowRunUpdate = z.input<typeof FlowRunUpdate>;

/** Propose a new state for a flow run. `force` skips the policy rules (not the transforms). */
export const FlowRunSetState = z.object({
  id: Uuid,
  state: StateCreate,
  /** @default false */
  force: z.boolean().default(false),
  /**
   * Task run records to write in the same transaction, before the state: the engine sends a flow
   * run's last task records with its final state, one call instead of two.
   */
  taskRuns: TaskRunBatch.optional(),
  /**
   * Field changes applied in the same transaction, before the state is orchestrated (so a retry
   * decision sees the policy set here): the engine sends a started run's version and policy with
   * its final state instead of in a call of their own.
   */
  runUpdate: z
    .object({
      name: z.string().min(1).max(256).optional(),
      flowVersion: z.string().max(256).nullish(),
      empiricalPolicy: FlowRunPolicyUpdate.optional(),
    })
    .strict()
    .optional(),
});
export type FlowRunSetState = z.input<typeof FlowRunSetState>;

/** Filter flow runs. */
export const FlowRunFilter = z
  .object({
    operator: FilterOperator.optional(),
    id: IdFilter.optional(),
    name: StringFilter.optional(),
    tags: TagsFilter.optional(),
    flowId: IdFilter.optional(),
    flowName: StringFilter.optional(),
    deploymentId: IdFilter.optional(),
    workQueueName: StringFilter.optional(),
    workPoolName: StringFilter.optional(),
    autoScheduled: z.boolean().optional(),
    stateType: enumFilter(StateType).optional(),
    stateName: StringFilter.optional(),
    flowVersion: StringFilter.optional(),
    startTime: DateFilter.optional(),
    endTime: DateFilter.optional(),
    expectedStartTime: DateFilter.optional(),
    nextScheduledStartTime: DateFilter.optional(),
    parentFlowRunId: IdFilter.optional(),
    parentTaskRunId: IdFilter.optional(),
    idempotencyKey: StringFilter.optional(),
  })
  .strict();
export type FlowRunFilter = z.infer<typeof FlowRunFilter>;

export const FLOW_RUN_SORTS = [
  'ID_DESC',
  'START_TIME_ASC',
  'START_TIME_DESC',
  'EXPECTED_START_TIME_ASC',
  'EXPECTED_START_TIME_DESC',
  'NAME_ASC',
  'NAME_DESC',
  'NEXT_SCHEDULED_START_TIME_ASC',
  'END_TIME_DESC',
] as const;
export const FlowRunSort = z.enum(FLOW_RUN_SORTS);
export type FlowRunSort = z.infer<typeof FlowRunSort>;

/** List flow runs. */
export const FlowRunListInput = Pagination.extend({
  filter: FlowRunFilter.optional(),
  sort: FlowRunSort.default('ID_DESC'),
});
export type FlowRunListInput = z.input<typeof FlowRunListInput>;

/** Count flow runs. */
export const FlowRunCountInput = z.object({ filter: FlowRunFilter.optional() });
export type FlowRunCountInput = z.input<typeof FlowRunCountInput>;
