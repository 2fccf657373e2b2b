import { uuid7, type Worker, type WorkerStatus } from '@weft/schemas';
import type { Kysely, Selectable } from 'kysely';
import type { Database, WorkerTable } from '../../db/database';

type Db = Kysely<Database>;

/** A worker row with its pool's name joined. */
export type WorkerWithPoolRow = Selectable<WorkerTable> & { work_pool_name: string };

/** A worker row as the API type. */
export function toWorker(row: WorkerWithPoolRow): Worker {
  return {
    id: row.id,
    name: row.name,
    workPoolId: row.work_pool_id,
    workPoolName: row.work_pool_name,
    lastHeartbeatTime: row.last_heartbeat_time,
    heartbeatIntervalSeconds: row.heartbeat_interval_seconds,
    status: row.status as WorkerStatus,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Record a heartbeat: insert the worker, or mark it ONLINE with the new beat time. */
export async function upsertWorkerHeartbeat(
  db: Db,
  input: { workPoolId: string; name: string; heartbeatIntervalSeconds: number | null; now: Date },
): Promise<string> {
  const row = await db
    .insertInto('worker')
    .values({
      id: uuid7(input.now.getTime()),
      work_pool_id: input.workPoolId,
      name: input.name,
      last_heartbeat_time: input.now,
      heartbeat_interval_seconds: input.heartbeatIntervalSeconds,
      status: 'ONLINE',
      created_at: input.now,
      updated_at: input.now,
    })
    .onConflict((oc) =>
      oc.columns(['work_pool_id', 'name']).doUpdateSet({
        last_heartbeat_time: input.now,
        heartbeat_interval_seconds: input.heartbeatIntervalSeconds,
        status: 'ONLINE',
        updated_at: input.now,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function selectWorkers(db: Db) {
  return db
    .selectFrom('worker')
    .innerJoin('work_pool', 'work_pool.id', 'worker.work_pool_id')
    .selectAll('worker')
    .select('work_pool.name as work_pool_name');
}

/** A worker by id. */
export function findWorkerById(db: Db, id: string): Promise<WorkerWithPoolRow | undefined> {
  return selectWorkers(db).where('worker.id', '=', id).executeTakeFirst();
}

/** A pool's workers, most recent heartbeat first. */
export function listWorkers(db: Db, workPoolId: string): Promise<WorkerWithPoolRow[]> {
  return selectWorkers(db)
    .where('worker.work_pool_id', '=', workPoolId)
    .orderBy('worker.last_heartbeat_time', 'desc')
    .orderBy('worker.name', 'asc')
    .execute();
}

/** Delete a worker of a pool by name; its id, or undefined when there was none. */
export async function deleteWorker(
  db: Db,
  input: { workPoolId: string; name: string },
): Promise<string | undefined> {
  const row = await db
    .deleteFrom('worker')
    .where('work_pool_id', '=', input.workPoolId)
    .where('name', '=', input.name)
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}
