import { uuid7 } from '@weft/schemas';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/pg-errors';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import type { ServerResources } from '../../resources';
import { firstFreePriority, shiftPriorities } from './queue-priorities';
import type { WorkQueueService } from './work-pool-contract';
import { findWorkPoolByName } from './work-pool-repository';
import {
  deleteWorkQueue,
  findWorkQueue,
  findWorkQueueById,
  insertWorkQueue,
  listWorkQueues,
  lockQueuePriorities,
  toWorkQueue,
  updateWorkQueueFields,
  writePriorities,
} from './work-queue-repository';

type Db = Kysely<Database>;

async function getPool(db: Db, name: string, options: { lock?: boolean } = {}) {
  const pool = await findWorkPoolByName(db, name, options);
  if (!pool) throw new NotFoundError('Work pool', name);
  return pool;
}

async function getQueue(db: Db, ref: { workPoolName: string; name: string }) {
  const row = await findWorkQueue(db, ref);
  if (!row) {
    await getPool(db, ref.workPoolName);
    throw new NotFoundError('Work queue', `${ref.workPoolName}/${ref.name}`);
  }
  return row;
}

/** Create the work queue service. Priority changes renumber the pool's queues in one transaction. */
export function createWorkQueueService(resources: ServerResources): WorkQueueService {
  const { db, clock } = resources;
  return {
    async create(input) {
      const id = await db.transaction().execute(async (trx) => {
        const now = clock();
        const pool = await getPool(trx, input.workPoolName, { lock: true });
        const others = await lockQueuePriorities(trx, pool.id);
        const priority = input.priority ?? firstFreePriority(others.map((q) => q.priority));
        const inserted = await insertWorkQueue(trx, {
          id: uuid7(now.getTime()),
          workPoolId: pool.id,
          name: input.name,
          description: input.description ?? null,
          isPaused: input.isPaused,
          concurrencyLimit: input.concurrencyLimit ?? null,
          priority,
          now,
        });
        if (!inserted) {
          throw new ConflictError(`Work pool ${input.workPoolName} already has a queue named ${input.name}`);
        }
        await writePriorities(trx, shiftPriorities(others, priority), now);
        return inserted;
      });
      return toWorkQueue(await getQueueById(db, id));
    },
    async get(ref) {
      return toWorkQueue(await getQueue(db, ref));
    },
    async list(workPoolName) {
      const pool = await getPool(db, workPoolName);
      return (await listWorkQueues(db, pool.id)).map(toWorkQueue);
    },
    async update(input) {
      const id = await db.transaction().execute(async (trx) => {
        const now = clock();
        const pool = await getPool(trx, input.workPoolName, { lock: true });
        const queue = await getQueue(trx, input);
        if (input.priority !== undefined && input.priority !== queue.priority) {
          const others = (await lockQueuePriorities(trx, pool.id)).filter((q) => q.id !== queue.id);
          await writePriorities(trx, shiftPriorities(others, input.priority), now);
        }
        try {
          await updateWorkQueueFields(trx, {
            id: queue.id,
            name: input.newName,
            description: input.description,
            isPaused: input.isPaused,
            concurrencyLimit: input.concurrencyLimit,
            priority: input.priority,
            now,
          });
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          throw new ConflictError(
            `Work pool ${input.workPoolName} already has a queue named ${input.newName}`,
            {
              cause: error,
            },
          );
        }
        return queue.id;
      });
      return toWorkQueue(await getQueueById(db, id));
    },
    async delete(ref) {
      return db.transaction().execute(async (trx) => {
        const pool = await getPool(trx, ref.workPoolName, { lock: true });
        const queue = await getQueue(trx, ref);
        if (pool.default_queue_id === queue.id) {
          throw new ValidationError(`the default queue of work pool ${ref.workPoolName} cannot be deleted`, {
            path: 'name',
          });
        }
        await deleteWorkQueue(trx, queue.id);
        return { id: queue.id };
      });
    },
  };
}

async function getQueueById(db: Db, id: string) {
  const row = await findWorkQueueById(db, id);
  if (!row) throw new NotFoundError('Work queue', id);
  return row;
}
