import {
  FlowRun,
  FlowRunCountInput,
  FlowRunCreate,
  FlowRunListInput,
  FlowRunSetState,
  FlowRunUpdate,
  OrchestrationResult,
  State,
  Uuid,
} from '@weft/schemas';
import { z } from 'zod';
import { procedure, router } from '../../trpc/init';

const ById = z.object({ id: Uuid });

/** `flowRuns.*` procedures. */
export const flowRunRouter = router({
  create: procedure
    .input(FlowRunCreate)
    .output(FlowRun)
    .mutation(({ ctx, input }) => ctx.services.flowRuns.create(input)),
  read: procedure
    .input(ById)
    .output(FlowRun)
    .query(({ ctx, input }) => ctx.services.flowRuns.get(input.id)),
  list: procedure.input(FlowRunListInput).query(({ ctx, input }) => ctx.services.flowRuns.list(input)),
  count: procedure
    .input(FlowRunCountInput)
    .query(({ ctx, input }) => ctx.services.flowRuns.count(input.filter)),
  update: procedure
    .input(FlowRunUpdate)
    .output(FlowRun)
    .mutation(({ ctx, input }) => ctx.services.flowRuns.update(input)),
  setState: procedure
    .input(FlowRunSetState)
    .output(OrchestrationResult)
    .mutation(({ ctx, input }) => ctx.services.flowRuns.setState(input)),
  states: procedure
    .input(ById)
    .output(z.array(State))
    .query(({ ctx, input }) => ctx.services.flowRuns.states(input.id)),
  delete: procedure
    .input(ById)
    .output(ById)
    .mutation(({ ctx, input }) => ctx.services.flowRuns.delete(input.id)),
  /** The run now, then after every change (SSE). */
  watch: procedure.input(ById).subscription(async function* ({ ctx, input, signal }) {
    yield* ctx.services.flowRuns.watch(input.id, signal);
  }),
});
