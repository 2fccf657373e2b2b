import { NotFoundError } from '../../errors';
import type { ServerResources } from '../../resources';
import type { TaskRunService } from '../../trpc/context';
import { taskRunHistory } from './task-run-history';
import { insertTaskRun } from './task-run-insert-repository';
import {
  countTaskRuns,
  findTaskRun,
  findTaskRunByKey,
  listTaskRunStates,
  listTaskRuns,
  toTaskRun,
} from './task-run-repository';
import { writeTaskRunBatch } from './write-task-run-batch';

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
      const inserted = await insertTaskRun(db, input, now);
      // Idempotent on (flowRunId, taskKey, dynamicKey): the stored run may be an older one.
      const row = inserted ?? (await findTaskRun(db, input.id)) ?? (await findTaskRunByKey(db, input));
      if (!row) throw new NotFoundError('Task run', input.id);
      return toTaskRun(row, now);
    },
    async recordBatch(input) {
      const now = clock();
      return db.transaction().execute((trx) => writeTaskRunBatch(trx, input, now));
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
    history: (input) => taskRunHistory(db, input, clock()),
  };
}
