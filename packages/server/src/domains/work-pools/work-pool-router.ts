import {
  ClaimedFlowRun,
  ClaimFlowRunsInput,
  JsonObject,
  Uuid,
  Worker,
  WorkerHeartbeat,
  WorkPool,
  WorkPoolCreate,
  WorkPoolFilter,
  WorkPoolListInput,
  WorkPoolPreviewInput,
  WorkPoolUpdate,
  WorkQueue,
  WorkQueueCreate,
  WorkQueueRef,
  WorkQueueUpdate,
} from '@weft/schemas';
import { z } from 'zod';
import { procedure, router } from '../../trpc/init';

const ByName = z.object({ name: z.string().min(1) }).strict();
const ByPool = z.object({ workPoolName: z.string().min(1) }).strict();
const ById = z.object({ id: Uuid });

/** What `workPools.watchScheduled` listens for; neither field means every scheduled run. */
export const WatchScheduledInput = z
  .object({
    workPoolName: z.string().min(1).optional(),
    deploymentIds: z.array(Uuid).max(100).optional(),
  })
  .strict();

/** `workPools.*` procedures. */
export const workPoolRouter = router({
  create: procedure
    .input(WorkPoolCreate)
    .output(WorkPool)
    .mutation(({ ctx, input }) => ctx.services.workPools.create(input)),
  read: procedure
    .input(ByName)
    .output(WorkPool)
    .query(({ ctx, input }) => ctx.services.workPools.get(input.name)),
  list: procedure
    .input(WorkPoolListInput)
    .output(z.array(WorkPool))
    .query(({ ctx, input }) => ctx.services.workPools.list(input)),
  count: procedure
    .input(z.object({ filter: WorkPoolFilter.optional() }).strict())
    .output(z.number().int())
    .query(({ ctx, input }) => ctx.services.workPools.count(input.filter)),
  update: procedure
    .input(WorkPoolUpdate)
    .output(WorkPool)
    .mutation(({ ctx, input }) => ctx.services.workPools.update(input)),
  delete: procedure
    .input(ByName)
    .output(z.object({ id: Uuid, name: z.string() }))
    .mutation(({ ctx, input }) => ctx.services.workPools.delete(input.name)),
  /** The job a run would get: pool template ← deployment ← these job variables. */
  preview: procedure
    .input(WorkPoolPreviewInput)
    .output(z.object({ variables: JsonObject, jobConfiguration: JsonObject }))
    .query(({ ctx, input }) => ctx.services.workPools.preview(input)),
  /** A worker takes due runs; each returned run is already PENDING for it. */
  claimFlowRuns: procedure
    .input(ClaimFlowRunsInput)
    .output(z.array(ClaimedFlowRun))
    .mutation(({ ctx, input }) => ctx.services.workPools.claimFlowRuns(input)),
  /** Ids of runs of a pool (or deployments) as they enter SCHEDULED (SSE): wake up and claim. */
  watchScheduled: procedure.input(WatchScheduledInput).subscription(async function* ({ ctx, input, signal }) {
    yield* ctx.services.workPools.watchScheduled(input, signal);
  }),
});

/** `workQueues.*` procedures. */
export const workQueueRouter = router({
  create: procedure
    .input(WorkQueueCreate)
    .output(WorkQueue)
    .mutation(({ ctx, input }) => ctx.services.workQueues.create(input)),
  read: procedure
    .input(WorkQueueRef)
    .output(WorkQueue)
    .query(({ ctx, input }) => ctx.services.workQueues.get(input)),
  list: procedure
    .input(ByPool)
    .output(z.array(WorkQueue))
    .query(({ ctx, input }) => ctx.services.workQueues.list(input.workPoolName)),
  update: procedure
    .input(WorkQueueUpdate)
    .output(WorkQueue)
    .mutation(({ ctx, input }) => ctx.services.workQueues.update(input)),
  delete: procedure
    .input(WorkQueueRef)
    .output(ById)
    .mutation(({ ctx, input }) => ctx.services.workQueues.delete(input)),
});

/** `workers.*` procedures. */
export const workerRouter = router({
  heartbeat: procedure
    .input(WorkerHeartbeat)
    .output(Worker)
    .mutation(({ ctx, input }) => ctx.services.workers.heartbeat(input)),
  list: procedure
    .input(ByPool)
    .output(z.array(Worker))
    .query(({ ctx, input }) => ctx.services.workers.list(input.workPoolName)),
  delete: procedure
    .input(z.object({ workPoolName: z.string().min(1), name: z.string().min(1) }).strict())
    .output(ById)
    .mutation(({ ctx, input }) => ctx.services.workers.delete(input)),
});
