import { Flow, FlowCreate, FlowFilter, FlowListInput, Uuid } from '@weft/schemas';
import { z } from 'zod';
import { procedure, router } from '../../trpc/init';

/** `flows.*` procedures. */
export const flowRouter = router({
  create: procedure
    .input(FlowCreate)
    .output(Flow)
    .mutation(({ ctx, input }) => ctx.services.flows.create(input)),
  read: procedure
    .input(z.object({ id: Uuid }))
    .output(Flow)
    .query(({ ctx, input }) => ctx.services.flows.get(input.id)),
  readByName: procedure
    .input(z.object({ name: z.string().min(1) }))
    .output(Flow)
    .query(({ ctx, input }) => ctx.services.flows.getByName(input.name)),
  list: procedure.input(FlowListInput).query(({ ctx, input }) => ctx.services.flows.list(input)),
  count: procedure
    .input(z.object({ filter: FlowFilter.optional() }))
    .query(({ ctx, input }) => ctx.services.flows.count(input.filter)),
});
