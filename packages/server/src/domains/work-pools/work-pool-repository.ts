import {
  type BaseJobTemplate,
  BaseJobTemplate as BaseJobTemplateSchema,
  uuid7,
  type WorkPool,
  type WorkPoolFilter,
  type WorkPoolStatus,
} from '@weft/schemas';
import { type Kysely, sql } from 'kysely';
import type { Database, WorkPoolRow } from '../../db/database';
import { combine, enumConditions, idConditions, stringConditions } from '../../db/filters';

type Db = Kysely<Database>;

/** The description of the queue every pool gets on creation. */
export const DEFAULT_QUEUE_DESCRIPTION = "The work pool's default queue.";

/** A work pool row as the API type. */
export function toWorkPool(row: WorkPoolRow): WorkPool {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    type: row.type,
    baseJobTemplate: BaseJobTemplateSchema.parse(row.base_job_template),
    isPaused: row.is_paused,
    concurrencyLimit: row.concurrency_limit,
    status: row.status as WorkPoolStatus,
    defaultQueueId: row.default_queue_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A pool by name, or undefined; `lock` takes its row lock (`FOR UPDATE`). */
export function findWorkPoolByName(
  db: Db,
  name: string,
  options: { lock?: boolean } = {},
): Promise<WorkPoolRow | undefined> {
  const query = db.selectFrom('work_pool').selectAll().where('name', '=', name);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

/**
 * Insert a pool and its `default` queue (priority 1) and point the pool at it. Returns undefined,
 * writing nothing, when the name is taken. Call inside a transaction.
 */
export async function insertWorkPoolWithDefaultQueue(
  db: Db,
  input: {
    name: string;
    description: string | null;
    type: string;
    baseJobTemplate: BaseJobTemplate;
    isPaused: boolean;
    concurrencyLimit: number | null;
    now: Date;
  },
): Promise<WorkPoolRow | undefined> {
  const poolId = uuid7(input.now.getTime());
  const queueId = uuid7(input.now.getTime());
  const inserted = await db
    .insertInto('work_pool')
    .values({
      id: poolId,
      name: input.name,
      description: input.description,
      type: input.type,
      base_job_template: JSON.stringify(input.baseJobTemplate),
      is_paused: input.isPaused,
      concurrency_limit: input.concurrencyLimit,
      status: input.isPaused ? 'PAUSED' : 'NOT_READY',
      created_at: input.now,
      updated_at: input.now,
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return undefined;
  await db
    .insertInto('work_queue')
    .values({
      id: queueId,
      work_pool_id: poolId,
      name: 'default',
      description: DEFAULT_QUEUE_DESCRIPTION,
      priority: 1,
      status: 'NOT_READY',
      created_at: input.now,
      updated_at: input.now,
    })
    .execute();
  return db
    .updateTable('work_pool')
    .set({ default_queue_id: queueId })
    .where('id', '=', poolId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

function workPoolFilterCondition(filter: WorkPoolFilter | undefined) {
  if (!filter) return combine([]);
  return combine(
    [
      ...idConditions('work_pool.id', filter.id),
      ...stringConditions('work_pool.name', filter.name),
      ...stringConditions('work_pool.type', filter.type),
      ...enumConditions('work_pool.status', filter.status),
    ],
    filter.operator,
  );
}

/** Pools matching a filter, by name, paged. */
export function listWorkPools(
  db: Db,
  input: { filter?: WorkPoolFilter | undefined; limit: number; offset: number },
): Promise<WorkPoolRow[]> {
  return db
    .selectFrom('work_pool')
    .selectAll()
    .where(workPoolFilterCondition(input.filter))
    .orderBy('name', 'asc')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
}

/** How many pools match a filter. */
export async function countWorkPools(db: Db, filter: WorkPoolFilter | undefined): Promise<number> {
  const row = await db
    .selectFrom('work_pool')
    .select(sql<number>`count(*)::int`.as('count'))
    .where(workPoolFilterCondition(filter))
    .executeTakeFirstOrThrow();
  return row.count;
}

/**
 * Change a pool's fields; `isPaused` moves its status to PAUSED, or back to NOT_READY (the next
 * heartbeat or poll makes it READY). Returns the row, or undefined when there is no such pool.
 */
export function updateWorkPool(
  db: Db,
  input: {
    name: string;
    description?: string | null | undefined;
    baseJobTemplate?: BaseJobTemplate | undefined;
    isPaused?: boolean | undefined;
    concurrencyLimit?: number | null | undefined;
    now: Date;
  },
): Promise<WorkPoolRow | undefined> {
  return db
    .updateTable('work_pool')
    .set({
      ...(input.description !== undefined && { description: input.description }),
      ...(input.baseJobTemplate !== undefined && {
        base_job_template: JSON.stringify(input.baseJobTemplate),
      }),
      ...(input.concurrencyLimit !== undefined && { concurrency_limit: input.concurrencyLimit }),
      ...(input.isPaused === true && { is_paused: true, status: 'PAUSED' }),
      ...(input.isPaused === false && {
        is_paused: false,
        status: sql<string>`case when work_pool.is_paused then 'NOT_READY' else work_pool.status end`,
      }),
      updated_at: input.now,
    })
    .where('name', '=', input.name)
    .returningAll()
    .executeTakeFirst();
}

/** Delete a pool (its queues and workers go with it); the deleted row, or undefined. */
export function deleteWorkPool(db: Db, name: string): Promise<WorkPoolRow | undefined> {
  return db.deleteFrom('work_pool').where('name', '=', name).returningAll().executeTakeFirst();
}

/** Mark a pool READY unless it is paused or already READY (no write, so no row lock, then). */
export async function markWorkPoolReady(db: Db, id: string, now: Date): Promise<void> {
  await db
    .updateTable('work_pool')
    .set({ status: 'READY', updated_at: now })
    .where('id', '=', id)
    .where('is_paused', '=', false)
    .where('status', '<>', 'READY')
    .execute();
}
