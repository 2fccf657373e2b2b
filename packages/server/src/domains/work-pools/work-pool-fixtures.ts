import { type JsonObject, uuid7 } from '@weft/schemas';
import type { appRouter } from '../../router';
import type { TestServer } from '../../testing/create-test-server';

// Test fixtures of the work pool tests: runs put in a queue the way deployment runs are (the
// deployments domain creates them; these tests only need the stored columns).

type Api = ReturnType<typeof appRouter.createCaller>;

/** Options of {@link createQueuedRun}. */
export interface QueuedRunOptions {
  flowId: string;
  /** The queue (with its pool) the run is in. */
  queue: { id: string; name: string; workPoolName: string };
  /** Its scheduled start. */
  at: Date;
  deploymentId?: string;
  jobVariables?: JsonObject;
  retryType?: 'in_process' | 'reschedule';
  name?: string;
}

/** A SCHEDULED run in a work queue. */
export async function createQueuedRun(t: TestServer, api: Api, options: QueuedRunOptions): Promise<string> {
  const run = await api.flowRuns.create({
    flowId: options.flowId,
    ...(options.name ? { name: options.name } : {}),
    ...(options.retryType ? { empiricalPolicy: { retryType: options.retryType } } : {}),
    state: { type: 'SCHEDULED', stateDetails: { scheduledTime: options.at } },
  });
  await t.resources.db
    .updateTable('flow_run')
    .set({
      work_queue_id: options.queue.id,
      work_queue_name: options.queue.name,
      work_pool_name: options.queue.workPoolName,
      deployment_id: options.deploymentId ?? null,
      job_variables: JSON.stringify(options.jobVariables ?? {}),
    })
    .where('id', '=', run.id)
    .execute();
  return run.id;
}

/** A bare deployment row (the deployments domain owns the real API). */
export async function insertDeployment(
  t: TestServer,
  input: { flowId: string; name: string; queueId?: string | null; jobVariables?: JsonObject },
): Promise<string> {
  const id = uuid7();
  await t.resources.db
    .insertInto('deployment')
    .values({
      id,
      name: input.name,
      flow_id: input.flowId,
      parameters: '{}',
      job_variables: JSON.stringify(input.jobVariables ?? {}),
      pull_steps: '[]',
      work_queue_id: input.queueId ?? null,
      version: null,
      description: null,
      parameter_schema: null,
      work_pool_name: null,
      work_queue_name: null,
      entrypoint: null,
      path: null,
      last_polled: null,
      concurrency_limit: null,
      concurrency_options: null,
    })
    .execute();
  return id;
}
