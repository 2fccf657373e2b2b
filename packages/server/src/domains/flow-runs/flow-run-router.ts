import {
  BulkFlowRunIds,
  BulkFlowRunResult,
  FlowRun,
  FlowRunCountInput,
  FlowRunCreate,
  FlowRunGraph,
  FlowRunGraphInput,
  FlowRunHistoryInput,
  FlowRunListInput,
  FlowRunSetState,
  FlowRunUpdate,
  HistoryBucket,
  LatestFlowRunsInput,
  OrchestrationResult,
  State,
  Uuid,
} from '@weft/schemas';
import { z } from 'zod';
import { procedure, router } from '../../trpc/init';

const ById = z.object({ id: Uuid });

// The engine calls these for every flow run: their schemas get zod's compiled fast path.
const FlowRunCreateInput = z.compile(FlowRunCreate);
const FlowRunSetStateInput = z.compile(FlowRunSetState);
const FlowRunOutput = z.compile(FlowRun);
const OrchestrationResultOutput = z.compile(OrchestrationResult);

/** `flowRuns.*` procedures. */
export const flowRunRouter = router({
  create: procedure
    .input(FlowRunCreateInput)
    .output(FlowRunOutput)
    .mutation(({ ctx, input }) => ctx.services.flowRuns.create(input)),
  read: procedure
    .input(ById)
    .output(FlowRun)
    .query(({ ctx, input }) => ctx.services.flowRuns.get(input.id)),
  list: procedure.input(FlowRunListInput).query(({ ctx, input }) => ctx.services.flowRuns.list(input)),
  /** The most recently started run of each of the flows (the flows list's "last run"). */
  latestPerFlow: procedure
    .input(LatestFlowRunsInput)
    .output(z.array(FlowRun))
    .query(({ ctx, input }) => ctx.services.flowRuns.latestPerFlow(input)),
  count: procedure
    .input(FlowRunCountInput)
    .query(({ ctx, input }) => ctx.services.flowRuns.count(input.filter)),
  update: procedure
    .input(FlowRunUpdate)
    .output(FlowRun)
    .mutation(({ ctx, input }) => ctx.services.flowRuns.update(input)),
  setState: procedure
    .input(FlowRunSetStateInput)
    .output(OrchestrationResultOutput)
    .mutation(({ ctx, input }) => ctx.services.flowRuns.setState(input)),
  states: procedure
    .input(ById)
    .output(z.array(State))
    .query(({ ctx, input }) => ctx.services.flowRuns.states(input.id)),
  delete: procedure
    .input(ById)
    .output(ById)
    .mutation(({ ctx, input }) => ctx.services.flowRuns.delete(input.id)),
  /** Runs by expected-start time bucket and state, for the run-history chart. */
  history: procedure
    .input(FlowRunHistoryInput)
    .output(z.array(HistoryBucket))
    .query(({ ctx, input }) => ctx.services.flowRuns.history(input)),
  /** The run's task runs and subflow runs as a DAG. */
  graph: procedure
    .input(FlowRunGraphInput)
    .output(FlowRunGraph)
    .query(({ ctx, input }) => ctx.services.flowRuns.graph(input)),
  /** Propose CANCELLING to up to 200 runs; each run's outcome. */
  bulkCancel: procedure
    .input(BulkFlowRunIds)
    .output(BulkFlowRunResult)
    .mutation(({ ctx, input }) => ctx.services.flowRuns.bulkCancel(input)),
  /** Delete up to 200 runs in one transaction; each run's outcome. */
  bulkDelete: procedure
    .input(BulkFlowRunIds)
    .output(BulkFlowRunResult)
    .mutation(({ ctx, input }) => ctx.services.flowRuns.bulkDelete(input)),
  /** The run now, then after every change (SSE). */
  watch: procedure.input(ById).subscription(async function* ({ ctx, input, signal }) {
    yield* ctx.services.flowRuns.watch(input.id, signal);
  }),
});
