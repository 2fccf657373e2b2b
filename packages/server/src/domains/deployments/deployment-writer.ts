import type { DeploymentCreate, DeploymentScheduleInput, JsonObject } from '@weft/schemas';
import { uuid7 } from '@weft/schemas';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/database';
import { ConflictError, ValidationError } from '../../errors';
import { normalizeSchedule } from '../../schedules/normalize-schedule';
import { validateSchedule } from '../../schedules/validate-schedule';
import { validateJobVariables } from '../work-pools/job-variables';
import { assertDefaultParameters, assertParameterSchema } from './deployment-parameters';
import { type DeploymentWithFlowRow, deleteUnstartedAutoScheduledRuns } from './deployment-repository';
import {
  clearScheduleSlugs,
  deleteSchedules,
  insertSchedules,
  listSchedulesOf,
  updateScheduleFields,
} from './deployment-schedule-repository';
import { planScheduleSync } from './deployment-schedule-sync';
import { resolveWorkQueue } from './deployment-work-queue';

type Db = Kysely<Database>;

/** The fields of a deployment that create and update share: absent keeps, null clears. */
export type DeploymentFields = Omit<z.output<typeof DeploymentCreate>, 'flowId' | 'flowName' | 'name'>;

/**
 * Check what needs no database: each schedule (`validateSchedule`, errors at
 * `schedules.<i>.schedule…`) and that the parameter schema compiles.
 */
export function checkDeploymentFields(fields: DeploymentFields): void {
  fields.schedules?.forEach((input, index) => {
    validateSchedule(input.schedule, `schedules.${index}.schedule`);
  });
  if (fields.parameterSchema) assertParameterSchema(fields.parameterSchema);
}

/**
 * Insert a deployment, or update `existing`, with its work queue and schedules, in the caller's
 * transaction. An existing deployment's not-yet-run auto-scheduled runs are deleted first (they
 * are made again from the new definition; runs before the deployment row, the lock order of
 * state changes). Returns the deployment's id.
 */
export async function writeDeployment(
  trx: Db,
  input: {
    existing: DeploymentWithFlowRow | undefined;
    flowId: string;
    name: string;
    fields: DeploymentFields;
    now: Date;
  },
): Promise<string> {
  const { existing, fields, now } = input;
  if (existing) await deleteUnstartedAutoScheduledRuns(trx, existing.id);
  const work = await resolveWork(trx, existing, fields, now);
  if (work.variablesSchema && (fields.jobVariables !== undefined || fields.workPoolName !== undefined)) {
    validateJobVariables(
      work.variablesSchema,
      fields.jobVariables ?? (existing?.job_variables as JsonObject | undefined) ?? {},
      {
        path: 'jobVariables',
      },
    );
  }
  checkDefaultParameters(existing, fields);
  const values = { ...rowValues(fields), ...work.columns, updated_at: now };
  let id = existing?.id;
  if (id) {
    await trx.updateTable('deployment').set(values).where('id', '=', id).execute();
  } else {
    id = uuid7(now.getTime());
    const inserted = await trx
      .insertInto('deployment')
      .values({ ...defaults(), ...values, id, name: input.name, flow_id: input.flowId, created_at: now })
      .onConflict((oc) => oc.columns(['flow_id', 'name']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new ConflictError(`Deployment ${input.name} was created concurrently; try again`);
  }
  if (fields.schedules) await syncSchedules(trx, { deploymentId: id, provided: fields.schedules, now });
  return id;
}

/** When enforced, the deployment's parameters (as they will be stored) must fit its schema. */
function checkDefaultParameters(existing: DeploymentWithFlowRow | undefined, fields: DeploymentFields): void {
  if (fields.parameters === undefined && !fields.parameterSchema && fields.enforceParameterSchema !== true)
    return;
  const enforced = fields.enforceParameterSchema ?? existing?.enforce_parameter_schema ?? true;
  const schema = fields.parameterSchema !== undefined ? fields.parameterSchema : existing?.parameter_schema;
  if (!enforced || !schema) return;
  const parameters = fields.parameters ?? existing?.parameters ?? {};
  assertDefaultParameters(schema as JsonObject, parameters as JsonObject);
}

function defaults() {
  return {
    version: null,
    description: null,
    parameters: '{}',
    parameter_schema: null,
    job_variables: '{}',
    entrypoint: null,
    path: null,
    pull_steps: '[]',
    concurrency_limit: null,
    concurrency_options: null,
  };
}

/** The columns of the fields given (absent keeps, null clears). */
function rowValues(fields: DeploymentFields) {
  const json = (value: unknown) => JSON.stringify(value);
  return {
    ...(fields.version !== undefined && { version: fields.version }),
    ...(fields.description !== undefined && { description: fields.description }),
    ...(fields.tags !== undefined && { tags: fields.tags }),
    ...(fields.parameters !== undefined && { parameters: json(fields.parameters) }),
    ...(fields.parameterSchema !== undefined && {
      parameter_schema: fields.parameterSchema === null ? null : json(fields.parameterSchema),
    }),
    ...(fields.enforceParameterSchema !== undefined && {
      enforce_parameter_schema: fields.enforceParameterSchema,
    }),
    ...(fields.jobVariables !== undefined && { job_variables: json(fields.jobVariables) }),
    ...(fields.entrypoint !== undefined && { entrypoint: fields.entrypoint }),
    ...(fields.path !== undefined && { path: fields.path }),
    ...(fields.pullSteps !== undefined && { pull_steps: json(fields.pullSteps) }),
    ...(fields.paused !== undefined && { paused: fields.paused }),
    ...(fields.concurrencyLimit !== undefined && { concurrency_limit: fields.concurrencyLimit }),
    ...(fields.concurrencyOptions !== undefined && {
      concurrency_options: fields.concurrencyOptions === null ? null : json(fields.concurrencyOptions),
    }),
  };
}

/**
 * The work pool and queue a deployment ends up with: the pool given (null: none) or kept, and
 * the queue given, else the kept one when the pool did not change, else the pool's default queue.
 */
async function resolveWork(
  trx: Db,
  existing: DeploymentWithFlowRow | undefined,
  fields: DeploymentFields,
  now: Date,
): Promise<{
  columns: { work_pool_name: string | null; work_queue_name: string | null; work_queue_id: string | null };
  variablesSchema: JsonObject | null;
}> {
  const poolName =
    fields.workPoolName !== undefined ? fields.workPoolName : (existing?.work_pool_name ?? null);
  if (!poolName) {
    if (fields.workQueueName) {
      throw new ValidationError('needs a workPoolName: a work queue belongs to a work pool', {
        path: 'workQueueName',
      });
    }
    return {
      columns: { work_pool_name: null, work_queue_name: null, work_queue_id: null },
      variablesSchema: null,
    };
  }
  const samePool = poolName === existing?.work_pool_name;
  const queueName =
    fields.workQueueName !== undefined ? fields.workQueueName : samePool ? existing?.work_queue_name : null;
  const queue = await resolveWorkQueue(trx, { workPoolName: poolName, workQueueName: queueName, now });
  return {
    columns: {
      work_pool_name: queue.workPoolName,
      work_queue_name: queue.workQueueName,
      work_queue_id: queue.workQueueId,
    },
    variablesSchema: queue.variablesSchema,
  };
}

/** Make a deployment's stored schedules match the provided ones (see `planScheduleSync`). */
export async function syncSchedules(
  trx: Db,
  input: { deploymentId: string; provided: z.output<typeof DeploymentScheduleInput>[]; now: Date },
): Promise<void> {
  const { now } = input;
  const existing = (await listSchedulesOf(trx, [input.deploymentId])).get(input.deploymentId) ?? [];
  const plan = planScheduleSync(existing, input.provided);
  await deleteSchedules(trx, plan.deletes);
  // Renames may swap slugs among the updated schedules; clear them first so none collide.
  await clearScheduleSlugs(
    trx,
    plan.updates.map((update) => update.id),
  );
  for (const { id, ...fields } of plan.updates) {
    await updateScheduleFields(trx, {
      id,
      fields: { ...fields, schedule: normalizeSchedule(fields.schedule, now) },
      now,
    });
  }
  await insertSchedules(trx, {
    deploymentId: input.deploymentId,
    schedules: plan.inserts.map((fields) => ({
      ...fields,
      id: uuid7(now.getTime()),
      schedule: normalizeSchedule(fields.schedule, now),
    })),
    now,
  });
}
