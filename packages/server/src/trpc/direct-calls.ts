import { TRPCError } from '@trpc/server';
import type { z } from 'zod';
import type { TrpcContext } from './context';
import { isUnexpected, toTrpcError } from './errors';

// The engine makes two calls for every flow run it runs (create it, then its final state). In
// process, a call through tRPC passes four middlewares (error mapping, input, output, resolver),
// each an async step that copies its options: about a tenth of a flow run's CPU before V8 has
// optimised it (bench/). These procedures keep their tRPC form for HTTP and also offer a direct
// form, built from the same schemas and handler, that the in-process client calls.

/**
 * A procedure that can be called in-process without tRPC's middleware chain: the same input and
 * output schemas and the same handler its tRPC procedure is built from.
 * @internal
 */
export interface DirectProcedure<In extends z.ZodType, Out extends z.ZodType> {
  input: In;
  output: Out;
  run(ctx: TrpcContext, input: z.output<In>): Promise<z.input<Out>>;
}

/** A {@link DirectProcedure} of any schemas. @internal */
// biome-ignore lint/suspicious/noExplicitAny: a table of procedures whose schemas differ.
export type AnyDirectProcedure = DirectProcedure<any, any>;

/**
 * The direct form of a procedure by its path (`flowRuns.create`), undefined for a procedure that
 * has none. It answers what the tRPC procedure answers and throws the `TRPCError` it throws.
 * @internal
 */
export type DirectCall = (path: string) => ((input: unknown) => Promise<unknown>) | undefined;

/**
 * Build {@link DirectCall} over procedures by path. Each call validates its input (BAD_REQUEST
 * with the issues, as tRPC's input middleware), runs the handler, validates the output, and maps
 * errors and logs the unexpected ones as the `errorMapping` middleware does.
 * @internal
 */
export function createDirectCall(
  procedures: Readonly<Record<string, AnyDirectProcedure>>,
  createContext: () => Promise<TrpcContext>,
): DirectCall {
  const calls = new Map<string, (input: unknown) => Promise<unknown>>();
  for (const [path, procedure] of Object.entries(procedures)) {
    calls.set(path, async (rawInput) => {
      const ctx = await createContext();
      try {
        let input: unknown;
        try {
          input = await parse(procedure.input, rawInput);
        } catch (cause) {
          throw new TRPCError({ code: 'BAD_REQUEST', cause });
        }
        const output = await procedure.run(ctx, input);
        try {
          return await parse(procedure.output, output);
        } catch (cause) {
          throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Output validation failed', cause });
        }
      } catch (error) {
        const mapped = toTrpcError(error);
        if (isUnexpected(mapped)) ctx.logger.error(`Unexpected error in ${path}`, { cause: mapped.cause });
        throw mapped;
      }
    });
  }
  return (path) => calls.get(path);
}

/** Parse as tRPC does: synchronously, or asynchronously for a schema with async checks. */
function parse(schema: z.ZodType, value: unknown): unknown {
  try {
    return schema.parse(value);
  } catch (error) {
    if (Array.isArray((error as { issues?: unknown } | null)?.issues)) throw error;
    return schema.parseAsync(value);
  }
}
