import { initTRPC } from '@trpc/server';
import { WeftError, wireTransformer } from '@weft/schemas';
import type { TrpcContext } from './context';
import { findValidationIssues, formatIssues, isUnexpected, toTrpcError } from './errors';

const t = initTRPC.context<TrpcContext>().create({
  transformer: wireTransformer,
  // Subscriptions are SSE streams; a ping keeps idle ones alive through proxies.
  sse: { ping: { enabled: true, intervalMs: 15_000 } },
  errorFormatter({ shape, error }) {
    // Input errors were already reworded by `errorMapping`; this covers errors raised outside it.
    const issues = findValidationIssues(error);
    const weftCode = error.cause instanceof WeftError ? error.cause.code : issues ? 'VALIDATION' : null;
    let message = shape.message;
    if (issues && !(error.cause instanceof WeftError)) message = formatIssues(issues);
    else if (isUnexpected(error)) message = 'Internal server error';
    // The stack never goes over the wire.
    const { stack: _stack, ...data } = shape.data;
    return { ...shape, message, data: { ...data, weftCode } };
  },
});

/** Maps domain errors to tRPC codes, and logs (without sending) the unexpected ones. */
const errorMapping = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (result.ok) return result;
  const mapped = toTrpcError(result.error);
  if (isUnexpected(mapped)) ctx.logger.error(`Unexpected error in ${path}`, { cause: mapped.cause });
  throw mapped;
});

/** Build a router. */
export const router = t.router;
/** Every Weft procedure: errors mapped, unknown errors logged. */
export const procedure = t.procedure.use(errorMapping);
/** Create a caller factory (used by tests and the in-process client). */
export const createCallerFactory = t.createCallerFactory;
