import {
  HistoryBucket,
  State,
  TaskRun,
  TaskRunBatch,
  TaskRunCreate,
  TaskRunFilter,
  TaskRunHistoryInput,
  TaskRunListInput,
  Uuid,
} from '@weft/schemas';
import { z } from 'zod';
import { procedure, router } from '../../trpc/init';

// The engine records every task run through it: its schema gets zod's compiled fast path.
const TaskRunBatchInput = z.compile(TaskRunBatch);

/** `taskRuns.*` procedures. */
export const taskRunRouter = router({
  create: procedure
    .input(TaskRunCreate)
    .output(TaskRun)
    .mutation(({ ctx, input }) => ctx.services.taskRuns.create(input)),
  recordBatch: procedure
    .input(TaskRunBatchInput)
    .output(z.object({ taskRuns: z.number().int(), states: z.number().int() }))
    .mutation(({ ctx, input }) => ctx.services.taskRuns.recordBatch(input)),
  read: procedure
    .input(z.object({ id: Uuid }))
    .output(TaskRun)
    .query(({ ctx, input }) => ctx.services.taskRuns.get(input.id)),
  list: procedure.input(TaskRunListInput).query(({ ctx, input }) => ctx.services.taskRuns.list(input)),
  count: procedure
    .input(z.object({ filter: TaskRunFilter.optional() }))
    .query(({ ctx, input }) => ctx.services.taskRuns.count(input.filter)),
  states: procedure
    .input(z.object({ id: Uuid }))
    .output(z.array(State))
    .query(({ ctx, input }) => ctx.services.taskRuns.states(input.id)),
  /** Task runs by expected-start time bucket and state, for the dashboard. */
  history: procedure
    .input(TaskRunHistoryInput)
    .output(z.array(HistoryBucket))
    .query(({ ctx, input }) => ctx.services.taskRuns.history(input)),
});
