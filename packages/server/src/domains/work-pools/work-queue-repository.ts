import type { WorkQueue, WorkQueueStatus } from '@weft/schemas';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, WorkQueueTable } from '../../db/database';
import type { QueuePriority } from './queue-priorities';

type Db = Kysely<Database>;

/** A queue row with its pool's name joined. */
export type WorkQueueWithPoolRow = Selectable<WorkQueueTable> & { work_pool_name: string };

/** A queue row as the API type. */
export function toWorkQueue(row: WorkQueueWithPoolRow): WorkQueue {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    isPaused: row.is_paused,
    concurrencyLimit: row.concurrency_limit,
    priority: row.priority,
    workPoolId: row.work_pool_id,
    workPoolName: row.work_pool_name,
    lastPolled: row.last_polled,
    status: row.status as WorkQueueStatus,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function selectQueues(db: Db) {
  return db
    .selectFrom('work_queue')
    .innerJoin('work_pool', 'work_pool.id', 'work_queue.work_pool_id')
    .selectAll('work_queue')
    .select('work_pool.name as work_pool_name');
}

/** A queue of a pool by name, or undefined. */
export function findWorkQueue(
  db: Db,
  ref: { workPoolName: string; name: string },
): Promise<WorkQueueWithPoolRow | undefined> {
  return selectQueues(db)
    .where('work_pool.name', '=', ref.workPoolName)
    .where('work_queue.name', '=', ref.name)
    .executeTakeFirst();
}

/** A queue by id, or undefined. */
export function findWorkQueueById(db: Db, id: string): Promise<WorkQueueWithPoolRow | undefined> {
  return selectQueues(db).where('work_queue.id', '=', id).executeTakeFirst();
}

/** A pool's queues, by priority. */
export function listWorkQueues(db: Db, workPoolId: string): Promise<WorkQueueWithPoolRow[]> {
  return selectQueues(db)
    .where('work_queue.work_pool_id', '=', workPoolId)
    .orderBy('work_queue.priority', 'asc')
    .orderBy('work_queue.name', 'asc')
    .execute();
}

/** Lock a pool's queues (`FOR UPDATE`) and return their priorities, for renumbering. */
export function lockQueuePriorities(db: Db, workPoolId: string): Promise<QueuePriority[]> {
  return db
    .selectFrom('work_queue')
    .select(['id', 'priority'])
    .where('work_pool_id', '=', workPoolId)
    .orderBy('priority', 'asc')
    .forUpdate()
    .execute();
}

/** Write new priorities (one statement per changed queue; pools have few queues). */
export async function writePriorities(db: Db, changes: QueuePriority[], now: Date): Promise<void> {
  for (const change of changes) {
    await db
      .updateTable('work_queue')
      .set({ priority: change.priority, updated_at: now })
      .where('id', '=', change.id)
      .execute();
  }
}

/** Insert a queue; undefined (nothing written) when the pool already has one of that name. */
export async function insertWorkQueue(
  db: Db,
  input: {
    id: string;
    workPoolId: string;
    name: string;
    description: string | null;
    isPaused: boolean;
    concurrencyLimit: number | null;
    priority: number;
    now: Date;
  },
): Promise<string | undefined> {
  const row = await db
    .insertInto('work_queue')
    .values({
      id: input.id,
      work_pool_id: input.workPoolId,
      name: input.name,
      description: input.description,
      is_paused: input.isPaused,
      concurrency_limit: input.concurrencyLimit,
      priority: input.priority,
      status: input.isPaused ? 'PAUSED' : 'NOT_READY',
      created_at: input.now,
      updated_at: input.now,
    })
    .onConflict((oc) => oc.columns(['work_pool_id', 'name']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Change a queue's fields; pausing sets PAUSED, unpausing a paused queue NOT_READY. */
export async function updateWorkQueueFields(
  db: Db,
  input: {
    id: string;
    name?: string | undefined;
    description?: string | null | undefined;
    isPaused?: boolean | undefined;
    concurrencyLimit?: number | null | undefined;
    priority?: number | undefined;
    now: Date;
  },
): Promise<void> {
  await db
    .updateTable('work_queue')
    .set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.concurrencyLimit !== undefined && { concurrency_limit: input.concurrencyLimit }),
      ...(input.priority !== undefined && { priority: input.priority }),
      ...(input.isPaused === true && { is_paused: true, status: 'PAUSED' }),
      ...(input.isPaused === false && {
        is_paused: false,
        status: sql<string>`case when work_queue.is_paused then 'NOT_READY' else work_queue.status end`,
      }),
      updated_at: input.now,
    })
    .where('id', '=', input.id)
    .execute();
}

/** Delete a queue by id. */
export async function deleteWorkQueue(db: Db, id: string): Promise<void> {
  await db.deleteFrom('work_queue').where('id', '=', id).execute();
}
