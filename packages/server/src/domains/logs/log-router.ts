import { type Log, LogBatch, LogListInput, Uuid } from '@weft/schemas';
import { z } from 'zod';
import { procedure, router } from '../../trpc/init';

/** `logs.*` procedures. */
export const logRouter = router({
  create: procedure
    .input(LogBatch)
    .output(z.object({ count: z.number().int() }))
    .mutation(({ ctx, input }) => ctx.services.logs.create(input)),
  list: procedure.input(LogListInput).query(({ ctx, input }) => ctx.services.logs.list(input)),
  /** A flow run's logs as they arrive (SSE). */
  watch: procedure.input(z.object({ flowRunId: Uuid })).subscription(async function* ({
    ctx,
    input,
    signal,
  }): AsyncGenerator<Log> {
    yield* ctx.services.logs.watch(input.flowRunId, signal);
  }),
});
