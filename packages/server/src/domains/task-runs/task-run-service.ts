import { NotFoundError } from '../../errors';
import type { ServerResources } from '../../resources';
import type { TaskRunService } from '../../trpc/context';
import { recordTaskRunStates } from './task-run-batch-repository';
import { insertTaskRun, insertTaskRuns } from './task-run-insert-repository';
import {
  countTaskRuns,
  findTaskRun,
  findTaskRunByKey,
  listTaskRunStates,
  listTaskRuns,
  toTaskRun,
} from './task-run-repository';

export type { TaskRunService };

/** Create the task run service. */
export function createTaskRunService(resources: ServerResources): TaskRunService {
  const { db, clock } = resources;
  const get = async (id: string) => {
    const row = await findTaskRun(db, id);
    if (!row) throw new NotFoundError('Task run', id);
    return toTaskRun(row, clock());
  };
  return {
    async create(input) {
      const now = clock();
      // One statement: the flow run's foreign key stands in for a separate existence check.
      const inserted = await insertTaskRun(db, input, now);
      // Idempotent on (flowRunId, taskKey, dynamicKey): the stored run may be an older one.
      const row = inserted ?? (await findTaskRun(db, input.id)) ?? (await findTaskRunByKey(db, input));
      if (!row) throw new NotFoundError('Task run', input.id);
      return toTaskRun(row, now);
    },
    async recordBatch(input) {
      const now = clock();
      const batchTaskRunIds = new Set(input.taskRuns.map((run) => run.id));
      return db.transaction().execute(async (trx) => {
        const inserted = await insertTaskRuns(trx, { taskRuns: input.taskRuns, states: input.states, now });
        const states = await recordTaskRunStates(trx, inserted.remaining, { now, batchTaskRunIds });
        return { taskRuns: inserted.insertedIds.size, states: inserted.states + states };
      });
    },
    get,
    async list(input) {
      const now = clock();
      return (await listTaskRuns(db, input)).map((row) => toTaskRun(row, now));
    },
    count: (filter) => countTaskRuns(db, filter),
    async states(id) {
      await get(id);
      return listTaskRunStates(db, id);
    },
  };
}
