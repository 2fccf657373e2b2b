import {
  type DeploymentFlowRunCreate,
  type FlowRun,
  type FlowRunCreate,
  type JsonObject,
  MAX_PARAMETERS_SIZE,
  type StateCreate,
} from '@weft/schemas';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/database';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import type { ServerResources } from '../../resources';
import { type DeploymentRunColumns, planFlowRun, writtenRow } from '../flow-runs/flow-run-creator';
import { findFlowRunByIdempotencyKey, toFlowRun } from '../flow-runs/flow-run-repository';
import { mirrorOntoParentTaskRun } from '../flow-runs/flow-run-state-writer';
import { insertFlowRunWithState } from '../flow-runs/flow-run-write-repository';
import { findTaskRun } from '../task-runs/task-run-repository';
import { mergeJobVariables, validateJobVariables } from '../work-pools/job-variables';
import { applyDeploymentLeaseEffect, toConcurrencyOptions } from './deployment-concurrency-repository';
import type { ParameterValidator } from './deployment-parameters';
import type { DeploymentWithFlowRow } from './deployment-repository';
import { resolveWorkQueue } from './deployment-work-queue';

type Input = z.output<typeof DeploymentFlowRunCreate>;
type Db = Kysely<Database>;

/**
 * `deployments.createFlowRun` (reference §4.7): parameters are the deployment's overlaid with the
 * given ones, checked against the parameter schema when enforced (the input's flag, else the
 * deployment's); job variables merge pool ← deployment ← run and are checked with required
 * fields; tags are the deployment's and the run's; the first state is Scheduled for now unless
 * given. Idempotent per flow on `idempotencyKey`. Everything is checked before anything is written.
 * @internal
 */
export function createDeploymentFlowRunCreator(
  resources: ServerResources,
  validator: ParameterValidator,
): (input: Input, deployment: DeploymentWithFlowRow) => Promise<FlowRun> {
  const { db, clock, events } = resources;
  return async function createFlowRun(input, deployment) {
    const now = clock();
    const merged = { ...(deployment.parameters as JsonObject), ...input.parameters };
    if (JSON.stringify(merged).length > MAX_PARAMETERS_SIZE) {
      throw new ValidationError(`must be at most ${MAX_PARAMETERS_SIZE} bytes of JSON`, {
        path: 'parameters',
      });
    }
    if (input.enforceParameterSchema ?? deployment.enforce_parameter_schema) {
      validator.validate(
        {
          id: deployment.id,
          updatedAt: deployment.updated_at,
          parameterSchema: deployment.parameter_schema as JsonObject | null,
        },
        merged,
      );
    }
    if (input.workQueueName && !deployment.work_pool_name) {
      throw new ValidationError('needs a deployment with a work pool', { path: 'workQueueName' });
    }
    const flowRunInput: z.output<typeof FlowRunCreate> = {
      flowId: deployment.flow_id,
      ...(input.name !== undefined && { name: input.name }),
      parameters: merged,
      tags: [...new Set([...deployment.tags, ...input.tags])],
      idempotencyKey: input.idempotencyKey ?? null,
      parentTaskRunId: input.parentTaskRunId ?? null,
      state: firstState(input.state, now),
    };
    const outcome = await db.transaction().execute(async (trx) => {
      const columns = await runColumns(trx, { deployment, input, now });
      const { run, state } = planFlowRun(flowRunInput, now, columns);
      if (!(await insertFlowRunWithState(trx, run, state))) return { existing: true as const, run };
      if (input.parentTaskRunId) {
        const parentTaskRunId = input.parentTaskRunId;
        if (!(await findTaskRun(trx, parentTaskRunId))) throw new NotFoundError('Task run', parentTaskRunId);
        if (state) await mirrorOntoParentTaskRun(trx, { flowRunId: run.id, parentTaskRunId, state, now });
      }
      const takesSlot = state?.type === 'PENDING' || state?.type === 'RUNNING';
      if (takesSlot && deployment.concurrency_limit !== null) {
        await applyDeploymentLeaseEffect(trx, {
          effect: 'acquire',
          deploymentId: deployment.id,
          flowRunId: run.id,
          gracePeriodSeconds: toConcurrencyOptions(deployment.concurrency_options).gracePeriodSeconds,
          now,
        });
      }
      return { existing: false as const, run, state };
    });
    if (outcome.existing) return existingRun(db, flowRunInput, clock());
    events.emit('flowRunChanged', { id: outcome.run.id });
    if (outcome.state?.type === 'SCHEDULED') events.emit('flowRunsScheduled', { ids: [outcome.run.id] });
    return toFlowRun(writtenRow(outcome.run, outcome.state, deployment.flow_name), now);
  };
}

/** The first state: the one given (a SCHEDULED one at now when it has no time), else Scheduled(now). */
function firstState(state: StateCreate | undefined, now: Date): StateCreate {
  const proposed = state ?? { type: 'SCHEDULED' };
  if (proposed.type !== 'SCHEDULED' || proposed.stateDetails?.scheduledTime) return proposed;
  return { ...proposed, stateDetails: { ...proposed.stateDetails, scheduledTime: now } };
}

/** The deployment's columns of the run: its work queue (or the one given) and job variables. */
async function runColumns(
  trx: Db,
  input: { deployment: DeploymentWithFlowRow; input: Input; now: Date },
): Promise<DeploymentRunColumns> {
  const { deployment, now } = input;
  const jobVariables = input.input.jobVariables;
  const columns: DeploymentRunColumns = {
    deployment_id: deployment.id,
    deployment_version: deployment.version,
    work_pool_name: deployment.work_pool_name,
    work_queue_name: deployment.work_queue_name,
    work_queue_id: deployment.work_queue_id,
    job_variables: JSON.stringify(jobVariables),
    created_by: null,
  };
  if (!deployment.work_pool_name) return columns;
  const queue = await resolveWorkQueue(trx, {
    workPoolName: deployment.work_pool_name,
    workQueueName: input.input.workQueueName ?? deployment.work_queue_name,
    now,
  });
  const merged = mergeJobVariables({
    template: { variables: queue.variablesSchema },
    deployment: deployment.job_variables as JsonObject,
    run: jobVariables,
  });
  validateJobVariables(queue.variablesSchema, merged, { requireRequired: true, path: 'jobVariables' });
  return { ...columns, work_queue_name: queue.workQueueName, work_queue_id: queue.workQueueId };
}

async function existingRun(db: Db, input: z.output<typeof FlowRunCreate>, now: Date): Promise<FlowRun> {
  const key = input.idempotencyKey;
  const row = key
    ? await findFlowRunByIdempotencyKey(db, { flowId: input.flowId, idempotencyKey: key })
    : undefined;
  if (!row) throw new ConflictError('The flow run collided with an existing one; try again');
  return toFlowRun(row, now);
}
