import type {
  Deployment,
  DeploymentFilter,
  DeploymentSchedule,
  DeploymentSort,
  DeploymentStatus,
  PullStep,
} from '@weft/schemas';
import { type Kysely, sql } from 'kysely';
import type { Database, DeploymentRow } from '../../db/database';
import {
  type Condition,
  combine,
  dateConditions,
  idConditions,
  stringConditions,
  tagsConditions,
} from '../../db/filters';
import { deleteFlowRunChildren } from '../flow-runs/flow-run-repository';
import { toConcurrencyOptions } from './deployment-concurrency-repository';

type Db = Kysely<Database>;

/** A deployment is READY while a worker or `serve` process polled it this recently. */
export const DEPLOYMENT_READY_SECONDS = 60;

/** A deployment row with its flow's name. */
export type DeploymentWithFlowRow = DeploymentRow & { flow_name: string };

/** READY when polled within the last {@link DEPLOYMENT_READY_SECONDS} at `now`. */
export function deploymentStatus(lastPolled: Date | null, now: Date): DeploymentStatus {
  if (!lastPolled) return 'NOT_READY';
  return now.getTime() - lastPolled.getTime() <= DEPLOYMENT_READY_SECONDS * 1000 ? 'READY' : 'NOT_READY';
}

/** A deployment row and its schedules as the API type. */
export function toDeployment(
  row: DeploymentWithFlowRow,
  schedules: DeploymentSchedule[],
  now: Date,
): Deployment {
  return {
    id: row.id,
    name: row.name,
    flowId: row.flow_id,
    flowName: row.flow_name,
    version: row.version,
    description: row.description,
    tags: row.tags,
    parameters: row.parameters as Deployment['parameters'],
    parameterSchema: row.parameter_schema as Deployment['parameterSchema'],
    enforceParameterSchema: row.enforce_parameter_schema,
    jobVariables: row.job_variables as Deployment['jobVariables'],
    workPoolName: row.work_pool_name,
    workQueueName: row.work_queue_name,
    workQueueId: row.work_queue_id,
    entrypoint: row.entrypoint,
    path: row.path,
    pullSteps: row.pull_steps as PullStep[],
    paused: row.paused,
    status: deploymentStatus(row.last_polled, now),
    lastPolled: row.last_polled,
    concurrencyLimit: row.concurrency_limit,
    concurrencyOptions: row.concurrency_options && toConcurrencyOptions(row.concurrency_options),
    schedules,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function selectDeployments(db: Db) {
  return db
    .selectFrom('deployment')
    .innerJoin('flow', 'flow.id', 'deployment.flow_id')
    .selectAll('deployment')
    .select('flow.name as flow_name');
}

/** A deployment by id, or undefined; `lock` takes its row lock. */
export function findDeployment(
  db: Db,
  id: string,
  options: { lock?: boolean } = {},
): Promise<DeploymentWithFlowRow | undefined> {
  const query = selectDeployments(db).where('deployment.id', '=', id);
  return (options.lock ? query.forUpdate('deployment') : query).executeTakeFirst();
}

/** A deployment by its flow's name and its own, or undefined. */
export function findDeploymentByName(
  db: Db,
  input: { flowName: string; name: string },
): Promise<DeploymentWithFlowRow | undefined> {
  return selectDeployments(db)
    .where('flow.name', '=', input.flowName)
    .where('deployment.name', '=', input.name)
    .executeTakeFirst();
}

/** A deployment by flow id and name, or undefined. */
export function findDeploymentByFlowAndName(
  db: Db,
  input: { flowId: string; name: string },
): Promise<DeploymentWithFlowRow | undefined> {
  return selectDeployments(db)
    .where('deployment.flow_id', '=', input.flowId)
    .where('deployment.name', '=', input.name)
    .executeTakeFirst();
}

function statusConditions(filter: DeploymentFilter['status'], now: Date): Condition[] {
  if (!filter) return [];
  const cutoff = new Date(now.getTime() - DEPLOYMENT_READY_SECONDS * 1000);
  const status = sql`(case when deployment.last_polled >= ${cutoff} then 'READY' else 'NOT_READY' end)`;
  const out: Condition[] = [];
  if (filter.any) out.push(sql<boolean>`${status} = any(${filter.any}::text[])`);
  if (filter.notAny) out.push(sql<boolean>`not (${status} = any(${filter.notAny}::text[]))`);
  return out;
}

/** The SQL condition of a deployment filter (tables `deployment` and `flow`). */
export function deploymentFilterCondition(filter: DeploymentFilter | undefined, now: Date): Condition {
  if (!filter) return combine([]);
  return combine(
    [
      ...idConditions('deployment.id', filter.id),
      ...stringConditions('deployment.name', filter.name),
      ...idConditions('deployment.flow_id', filter.flowId),
      ...stringConditions('flow.name', filter.flowName),
      ...tagsConditions('deployment.tags', filter.tags),
      ...stringConditions('deployment.work_pool_name', filter.workPoolName),
      ...stringConditions('deployment.work_queue_name', filter.workQueueName),
      ...(filter.paused === undefined ? [] : [sql<boolean>`deployment.paused = ${filter.paused}`]),
      ...statusConditions(filter.status, now),
      ...dateConditions('deployment.updated_at', filter.updatedAt),
    ],
    filter.operator,
  );
}

const DEPLOYMENT_ORDER: Record<DeploymentSort, string> = {
  CREATED_DESC: 'deployment.created_at desc, deployment.id desc',
  UPDATED_DESC: 'deployment.updated_at desc, deployment.id desc',
  NAME_ASC: 'deployment.name asc, flow.name asc',
  NAME_DESC: 'deployment.name desc, flow.name desc',
};

/** Deployments matching a filter, sorted and paged. */
export function listDeployments(
  db: Db,
  input: { filter?: DeploymentFilter; sort: DeploymentSort; limit: number; offset: number; now: Date },
): Promise<DeploymentWithFlowRow[]> {
  return selectDeployments(db)
    .where(deploymentFilterCondition(input.filter, input.now))
    .orderBy(sql.raw(DEPLOYMENT_ORDER[input.sort]))
    .limit(input.limit)
    .offset(input.offset)
    .execute();
}

/** How many deployments match a filter. */
export async function countDeployments(
  db: Db,
  filter: DeploymentFilter | undefined,
  now: Date,
): Promise<number> {
  const row = await db
    .selectFrom('deployment')
    .innerJoin('flow', 'flow.id', 'deployment.flow_id')
    .select(sql<number>`count(*)::int`.as('count'))
    .where(deploymentFilterCondition(filter, now))
    .executeTakeFirstOrThrow();
  return row.count;
}

/**
 * Delete a deployment's runs that the scheduler made and that never ran (auto-scheduled, still
 * `Scheduled`, not `AwaitingConcurrencySlot` or `Late`, run count 0), so they are made again from
 * the deployment as it is now (reference §4.1). Their states go with them (cascade), and so would
 * any task runs and logs.
 */
export async function deleteUnstartedAutoScheduledRuns(db: Db, deploymentId: string): Promise<number> {
  const deleted = await db
    .deleteFrom('flow_run')
    .where('deployment_id', '=', deploymentId)
    .where('auto_scheduled', '=', true)
    .where('state_type', '=', 'SCHEDULED')
    .where('state_name', '=', 'Scheduled')
    .where('run_count', '=', 0)
    .returning('id')
    .execute();
  await deleteFlowRunChildren(
    db,
    deleted.map((row) => row.id),
  );
  return deleted.length;
}
