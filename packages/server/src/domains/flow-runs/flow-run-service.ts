import { NotFoundError } from '../../errors';
import type { ServerResources } from '../../resources';
import type { FlowRunService } from '../../trpc/context';
import { writeTaskRunBatch } from '../task-runs/write-task-run-batch';
import { bulkCancelFlowRuns, bulkDeleteFlowRuns } from './flow-run-bulk';
import { createFlowRunCreator } from './flow-run-creator';
import { trySetStateFast } from './flow-run-fast-state';
import { buildFlowRunGraph } from './flow-run-graph';
import { flowRunHistory } from './flow-run-history';
import {
  countFlowRuns,
  deleteFlowRun,
  findFlowRun,
  latestStartedFlowRuns,
  listFlowRunStates,
  listFlowRuns,
  toFlowRun,
  updateFlowRunFields,
} from './flow-run-repository';
import { FlowRunSnapshotCache } from './flow-run-snapshot-cache';
import { proposeFlowRunState } from './flow-run-state-writer';

export type { FlowRunService };

/** Create the flow run service. */
export function createFlowRunService(resources: ServerResources): FlowRunService {
  const { db, clock, events } = resources;
  const get = async (id: string) => {
    const row = await findFlowRun(db, id);
    if (!row) throw new NotFoundError('Flow run', id);
    return toFlowRun(row, clock());
  };

  // Snapshots of the runs this server wrote last: a state change of one of them is one statement.
  const snapshots = new FlowRunSnapshotCache();
  const create = createFlowRunCreator(resources, snapshots);

  return {
    create,
    get,
    async list(input) {
      const now = clock();
      return (await listFlowRuns(db, input)).map((row) => toFlowRun(row, now));
    },
    count: (filter) => countFlowRuns(db, filter),
    async latestPerFlow(input) {
      const now = clock();
      return (await latestStartedFlowRuns(db, input.flowIds)).map((row) => toFlowRun(row, now));
    },
    async update(input) {
      const found = await updateFlowRunFields(db, input, clock());
      if (!found) throw new NotFoundError('Flow run', input.id);
      events.emit('flowRunChanged', { id: input.id });
      return get(input.id);
    },
    async setState(input) {
      const now = clock();
      const fast = await trySetStateFast(db, snapshots, {
        id: input.id,
        state: input.state,
        force: input.force,
        taskRuns: input.taskRuns,
        hasRunUpdate: input.runUpdate !== undefined,
        now,
      });
      const outcome =
        fast ??
        (await db.transaction().execute(async (trx) => {
          if (input.taskRuns) await writeTaskRunBatch(trx, input.taskRuns, now);
          if (
            input.runUpdate &&
            !(await updateFlowRunFields(trx, { id: input.id, ...input.runUpdate }, now))
          ) {
            throw new NotFoundError('Flow run', input.id);
          }
          const result = await proposeFlowRunState(trx, {
            id: input.id,
            proposed: input.state,
            force: input.force,
            now,
          });
          if (!result) throw new NotFoundError('Flow run', input.id);
          return result;
        }));
      if (outcome.written) events.emit('flowRunChanged', { id: input.id });
      // Rescheduled (a retry, AwaitingRetry, a manual Scheduled): wake workers and serve processes.
      if (outcome.written && outcome.result.state?.type === 'SCHEDULED') {
        events.emit('flowRunsScheduled', { ids: [input.id] });
      }
      return outcome.result;
    },
    async states(id) {
      await get(id);
      return listFlowRunStates(db, id);
    },
    async delete(id) {
      const deleted = await db.transaction().execute((trx) => deleteFlowRun(trx, id));
      if (!deleted) throw new NotFoundError('Flow run', id);
      events.emit('flowRunChanged', { id });
      return { id };
    },
    history: (input) => flowRunHistory(db, input, clock()),
    graph: (input) => buildFlowRunGraph(db, input),
    bulkCancel: (input) => bulkCancelFlowRuns(resources, input.ids),
    bulkDelete: (input) => bulkDeleteFlowRuns(resources, input.ids),
    async *watch(id, signal) {
      // Subscribe before the first read so no change between the two is missed.
      const changes = events.stream('flowRunChanged', signal);
      yield await get(id);
      for await (const change of changes) {
        if (change.id !== id) continue;
        const row = await findFlowRun(db, id);
        if (!row) return;
        yield toFlowRun(row, clock());
      }
    },
  };
}
