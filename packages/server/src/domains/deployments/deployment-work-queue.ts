import { BaseJobTemplate, type JsonObject, uuid7 } from '@weft/schemas';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { NotFoundError } from '../../errors';
import { firstFreePriority } from '../work-pools/queue-priorities';
import { findWorkPoolByName } from '../work-pools/work-pool-repository';
import { findWorkQueue, insertWorkQueue, lockQueuePriorities } from '../work-pools/work-queue-repository';

type Db = Kysely<Database>;

/** Where a deployment's (or run's) work goes, and the pool's variables schema. */
export interface ResolvedWorkQueue {
  workPoolName: string;
  workQueueName: string;
  workQueueId: string;
  /** The JSON Schema of the pool's job variables. */
  variablesSchema: JsonObject;
}

/**
 * The queue of a pool that work goes to: `workQueueName` (created when missing, at the first free
 * priority), else the pool's default queue. An unknown pool is NOT_FOUND. Call inside a
 * transaction: a queue may be created.
 */
export async function resolveWorkQueue(
  db: Db,
  input: { workPoolName: string; workQueueName: string | null | undefined; now: Date },
): Promise<ResolvedWorkQueue> {
  const pool = await findWorkPoolByName(db, input.workPoolName);
  if (!pool) throw new NotFoundError('Work pool', input.workPoolName);
  const variablesSchema = BaseJobTemplate.parse(pool.base_job_template).variables;
  const resolved = (queue: { id: string; name: string }): ResolvedWorkQueue => ({
    workPoolName: pool.name,
    workQueueName: queue.name,
    workQueueId: queue.id,
    variablesSchema,
  });
  if (!input.workQueueName && pool.default_queue_id) {
    const queue = await db
      .selectFrom('work_queue')
      .select(['id', 'name'])
      .where('id', '=', pool.default_queue_id)
      .executeTakeFirst();
    if (queue) return resolved(queue);
  }
  const name = input.workQueueName || 'default';
  const found = await findWorkQueue(db, { workPoolName: pool.name, name });
  if (found) return resolved(found);
  const priorities = await lockQueuePriorities(db, pool.id);
  const id = await insertWorkQueue(db, {
    id: uuid7(input.now.getTime()),
    workPoolId: pool.id,
    name,
    description: null,
    isPaused: false,
    concurrencyLimit: null,
    priority: firstFreePriority(priorities.map((q) => q.priority)),
    now: input.now,
  });
  if (id) return resolved({ id, name });
  // Created by another caller between the read and the insert.
  const raced = await findWorkQueue(db, { workPoolName: pool.name, name });
  if (!raced) throw new NotFoundError('Work queue', `${pool.name}/${name}`);
  return resolved(raced);
}
