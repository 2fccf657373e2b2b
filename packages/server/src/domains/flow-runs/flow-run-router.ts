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
import type { DirectProcedure } from '../../trpc/direct-calls';
import { procedure, router } from '../../trpc/init';

const ById = z.object({ id: Uuid });

// The engine calls these for every flow run: their schemas get zod's compiled fast path.
const FlowRunCreateInput = z.compile(FlowRunCreate);
const FlowRunSetStateInput = z.compile(FlowRunSetState);
const FlowRunOutput = z.compile(FlowRun);
const OrchestrationResultOutput = z.compile(OrchestrationResult);

const create: DirectProcedure<typeof FlowRunCreateInput, typeof FlowRunOutput> = {
  input: FlowRunCreateInput,
  output: FlowRunOutput,
  run: (ctx, input) => ctx.services.flowRuns.create(input),
};

const setState: DirectProcedure<typeof FlowRunSetStateInput, typeof OrchestrationResultOutput> = {
  input: FlowRunSetStateInput,
  output: OrchestrationResultOutput,
  run: (ctx, input) => ctx.services.flowRuns.setState(input),
};

/** The engine's two calls of every flow run, callable in-process without tRPC (`createDirectCall`). */
export const flowRunDirectProcedures = { 'flowRuns.create': create, 'flowRuns.setState': setState };

/** `flowRuns.*` procedures. */
export const flowRunRouter = router({
  create: procedure
    .input(create.input)
    .output(create.output)
    .mutation(({ ctx, input }) => create.run(ctx, input)),
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
    .input(setState.input)
    .output(setState.output)
    .mutation(({ ctx, input }) => setState.run(ctx, input)),
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
