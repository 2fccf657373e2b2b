import type { BaseJobTemplate, JsonObject } from '@weft/schemas';
import { ConflictError, NotFoundError } from '../../errors';
import type { ServerResources } from '../../resources';
import { claimWorkPoolFlowRuns } from './claim-flow-runs';
import {
  mergeJobVariables,
  renderJobConfiguration,
  validateBaseJobTemplate,
  validateJobVariables,
} from './job-variables';
import { defaultBaseJobTemplate } from './process-base-job-template';
import { createScheduledWakeups } from './scheduled-wakeups';
import type { WorkerService, WorkPoolService, WorkQueueService } from './work-pool-contract';
import {
  countWorkPools,
  deleteWorkPool,
  findWorkPoolByName,
  insertWorkPoolWithDefaultQueue,
  listWorkPools,
  toWorkPool,
  updateWorkPool,
} from './work-pool-repository';
import { createWorkQueueService } from './work-queue-service';
import { createWorkerService } from './worker-service';

/** Create the work pool, queue and worker services. */
export function createWorkPoolServices(resources: ServerResources): {
  workPools: WorkPoolService;
  workQueues: WorkQueueService;
  workers: WorkerService;
} {
  return {
    workPools: createWorkPoolService(resources),
    workQueues: createWorkQueueService(resources),
    workers: createWorkerService(resources),
  };
}

/** Create the work pool service. */
export function createWorkPoolService(resources: ServerResources): WorkPoolService {
  const { db, clock } = resources;
  const wakeups = createScheduledWakeups(resources);

  const get = async (name: string) => {
    const row = await findWorkPoolByName(db, name);
    if (!row) throw new NotFoundError('Work pool', name);
    return toWorkPool(row);
  };

  return {
    async create(input) {
      const template: BaseJobTemplate = input.baseJobTemplate ?? defaultBaseJobTemplate(input.type);
      validateBaseJobTemplate(template);
      const row = await db.transaction().execute((trx) =>
        insertWorkPoolWithDefaultQueue(trx, {
          name: input.name,
          description: input.description ?? null,
          type: input.type,
          baseJobTemplate: template,
          isPaused: input.isPaused,
          concurrencyLimit: input.concurrencyLimit ?? null,
          now: clock(),
        }),
      );
      if (!row) throw new ConflictError(`A work pool named ${input.name} already exists`);
      return toWorkPool(row);
    },
    get,
    async list(input) {
      return (await listWorkPools(db, input)).map(toWorkPool);
    },
    count: (filter) => countWorkPools(db, filter),
    async update(input) {
      if (input.baseJobTemplate) validateBaseJobTemplate(input.baseJobTemplate);
      const row = await updateWorkPool(db, { ...input, now: clock() });
      if (!row) throw new NotFoundError('Work pool', input.name);
      return toWorkPool(row);
    },
    async delete(name) {
      const row = await deleteWorkPool(db, name);
      if (!row) throw new NotFoundError('Work pool', name);
      return { id: row.id, name: row.name };
    },
    async preview(input) {
      const pool = await get(input.workPoolName);
      validateJobVariables(pool.baseJobTemplate.variables, input.jobVariables, { path: 'jobVariables' });
      let deploymentVariables: JsonObject | null = null;
      if (input.deploymentId) {
        const deployment = await db
          .selectFrom('deployment')
          .select('job_variables')
          .where('id', '=', input.deploymentId)
          .executeTakeFirst();
        if (!deployment) throw new NotFoundError('Deployment', input.deploymentId);
        deploymentVariables = deployment.job_variables as JsonObject;
      }
      const variables = mergeJobVariables({
        template: pool.baseJobTemplate,
        deployment: deploymentVariables,
        run: input.jobVariables,
      });
      return {
        variables,
        jobConfiguration: renderJobConfiguration(pool.baseJobTemplate.jobConfiguration, variables),
      };
    },
    claimFlowRuns: (input) => claimWorkPoolFlowRuns(resources, input),
    async *watchScheduled(input, signal) {
      if (input.workPoolName) await get(input.workPoolName);
      yield* wakeups.watch(input, signal);
    },
  };
}
