import { NotFoundError } from '../../errors';
import type { ServerResources } from '../../resources';
import type { WorkerService } from './work-pool-contract';
import { findWorkPoolByName, markWorkPoolReady } from './work-pool-repository';
import {
  deleteWorker,
  findWorkerById,
  listWorkers,
  toWorker,
  upsertWorkerHeartbeat,
} from './worker-repository';

/** Create the worker service: heartbeats keep workers ONLINE and make their pool READY. */
export function createWorkerService(resources: ServerResources): WorkerService {
  const { db, clock } = resources;
  const getPool = async (name: string) => {
    const pool = await findWorkPoolByName(db, name);
    if (!pool) throw new NotFoundError('Work pool', name);
    return pool;
  };
  return {
    async heartbeat(input) {
      const now = clock();
      const id = await db.transaction().execute(async (trx) => {
        const pool = await findWorkPoolByName(trx, input.workPoolName);
        if (!pool) throw new NotFoundError('Work pool', input.workPoolName);
        const workerId = await upsertWorkerHeartbeat(trx, {
          workPoolId: pool.id,
          name: input.name,
          heartbeatIntervalSeconds: input.heartbeatIntervalSeconds ?? null,
          now,
        });
        await markWorkPoolReady(trx, pool.id, now);
        return workerId;
      });
      const row = await findWorkerById(db, id);
      if (!row) throw new NotFoundError('Worker', `${input.workPoolName}/${input.name}`);
      return toWorker(row);
    },
    async list(workPoolName) {
      const pool = await getPool(workPoolName);
      return (await listWorkers(db, pool.id)).map(toWorker);
    },
    async delete(input) {
      const pool = await getPool(input.workPoolName);
      const id = await deleteWorker(db, { workPoolId: pool.id, name: input.name });
      if (!id) throw new NotFoundError('Worker', `${input.workPoolName}/${input.name}`);
      return { id };
    },
  };
}
