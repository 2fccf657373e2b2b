import { type Schedule, uuid7 } from '@weft/schemas';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';

/** A schedule of {@link insertDeploymentFixture}. */
export interface ScheduleFixture {
  schedule: Schedule;
  /** @default true */
  active?: boolean;
  parameters?: Record<string, unknown>;
  slug?: string | null;
}

/** What {@link insertDeploymentFixture} stores. */
export interface DeploymentFixture {
  flowId: string;
  /** @default a unique name */
  name?: string;
  version?: string | null;
  tags?: string[];
  parameters?: Record<string, unknown>;
  paused?: boolean;
  workPoolName?: string | null;
  workQueueName?: string | null;
  schedules?: ScheduleFixture[];
}

/**
 * Insert a deployment and its schedules as rows, for scheduler tests that must not depend on the
 * deployments router. Schedules are stored as the API would store them (JSON of the parsed
 * schedule). Returns the ids, schedules in the order given.
 * @internal
 */
export async function insertDeploymentFixture(
  db: Kysely<Database>,
  fixture: DeploymentFixture,
): Promise<{ deploymentId: string; scheduleIds: string[] }> {
  const deploymentId = uuid7();
  await db
    .insertInto('deployment')
    .values({
      id: deploymentId,
      name: fixture.name ?? `deployment-${deploymentId}`,
      flow_id: fixture.flowId,
      version: fixture.version ?? null,
      description: null,
      tags: fixture.tags ?? [],
      parameters: JSON.stringify(fixture.parameters ?? {}),
      parameter_schema: null,
      job_variables: '{}',
      work_queue_id: null,
      work_pool_name: fixture.workPoolName ?? null,
      work_queue_name: fixture.workQueueName ?? null,
      entrypoint: null,
      path: null,
      pull_steps: '[]',
      paused: fixture.paused ?? false,
      last_polled: null,
      concurrency_limit: null,
      concurrency_options: null,
    })
    .execute();
  const scheduleIds: string[] = [];
  for (const item of fixture.schedules ?? []) {
    const id = uuid7();
    scheduleIds.push(id);
    await db
      .insertInto('deployment_schedule')
      .values({
        id,
        deployment_id: deploymentId,
        schedule: JSON.stringify(item.schedule),
        active: item.active ?? true,
        parameters: JSON.stringify(item.parameters ?? {}),
        slug: item.slug ?? null,
      })
      .execute();
  }
  return { deploymentId, scheduleIds };
}
