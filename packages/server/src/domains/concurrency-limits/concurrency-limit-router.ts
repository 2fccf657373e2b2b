import {
  ConcurrencyAcquire,
  ConcurrencyAcquireResult,
  ConcurrencyLease,
  ConcurrencyLimit,
  ConcurrencyLimitCreate,
  ConcurrencyLimitListInput,
  ConcurrencyLimitName,
  ConcurrencyLimitReset,
  ConcurrencyLimitUpdate,
  ConcurrencyRelease,
  ConcurrencyRenew,
  DateTime,
  Uuid,
} from '@weft/schemas';
import { z } from 'zod';
import { procedure, router } from '../../trpc/init';

const ByName = z.object({ name: ConcurrencyLimitName }).strict();

/** `concurrencyLimits.*` procedures: global concurrency and rate limits with leases. */
export const concurrencyLimitRouter = router({
  create: procedure
    .input(ConcurrencyLimitCreate)
    .output(ConcurrencyLimit)
    .mutation(({ ctx, input }) => ctx.services.concurrencyLimits.create(input)),
  read: procedure
    .input(ByName)
    .output(ConcurrencyLimit)
    .query(({ ctx, input }) => ctx.services.concurrencyLimits.get(input.name)),
  list: procedure
    .input(ConcurrencyLimitListInput)
    .output(z.array(ConcurrencyLimit))
    .query(({ ctx, input }) => ctx.services.concurrencyLimits.list(input)),
  update: procedure
    .input(ConcurrencyLimitUpdate)
    .output(ConcurrencyLimit)
    .mutation(({ ctx, input }) => ctx.services.concurrencyLimits.update(input)),
  delete: procedure
    .input(ByName)
    .output(z.object({ id: Uuid, name: z.string() }))
    .mutation(({ ctx, input }) => ctx.services.concurrencyLimits.delete(input.name)),
  reset: procedure
    .input(ConcurrencyLimitReset)
    .output(ConcurrencyLimit)
    .mutation(({ ctx, input }) => ctx.services.concurrencyLimits.reset(input.name)),
  acquire: procedure
    .input(ConcurrencyAcquire)
    .output(ConcurrencyAcquireResult)
    .mutation(({ ctx, input }) => ctx.services.concurrencyLimits.acquire(input)),
  renew: procedure
    .input(ConcurrencyRenew)
    .output(z.object({ leaseId: Uuid, expiresAt: DateTime }))
    .mutation(({ ctx, input }) => ctx.services.concurrencyLimits.renew(input)),
  release: procedure
    .input(ConcurrencyRelease)
    .output(z.object({ released: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.services.concurrencyLimits.release(input.leaseId)),
  listLeases: procedure
    .input(z.object({ name: ConcurrencyLimitName.optional() }).strict())
    .output(z.array(ConcurrencyLease))
    .query(({ ctx, input }) => ctx.services.concurrencyLimits.listLeases(input.name)),
});
