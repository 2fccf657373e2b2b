import type { TRPCLink, TRPCRequestOptions } from '@trpc/client';
import { isTRPCClientError, TRPCUntypedClient } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import { isWeftClientError } from './errors';

/**
 * tRPC wraps whatever a link throws in a `TRPCClientError`; this unwraps the `WeftClientError`
 * that our fetch throws for transport failures, so callers of queries and mutations see it directly.
 * Subscriptions keep tRPC's behaviour: the SSE link reconnects, and `onError` gets the
 * `TRPCClientError` (its `cause` is the `WeftClientError`).
 * @internal
 */
export class WeftUntypedClient<TRouter extends AnyRouter> extends TRPCUntypedClient<TRouter> {
  override async query(path: string, input?: unknown, opts?: TRPCRequestOptions): Promise<unknown> {
    try {
      return await super.query(path, input, opts);
    } catch (error: unknown) {
      throw unwrapTransportError(error);
    }
  }

  override async mutation(path: string, input?: unknown, opts?: TRPCRequestOptions): Promise<unknown> {
    try {
      return await super.mutation(path, input, opts);
    } catch (error: unknown) {
      throw unwrapTransportError(error);
    }
  }
}

/**
 * {@link WeftUntypedClient} whose mutations without a signal go out through `mutate` (a lean
 * HTTP request, see `createHttpMutation`) instead of the links. @internal
 */
export class LeanMutationUntypedClient<TRouter extends AnyRouter> extends WeftUntypedClient<TRouter> {
  readonly #mutate: (path: string, input: unknown) => Promise<unknown>;

  constructor(options: {
    links: TRPCLink<TRouter>[];
    mutate: (path: string, input: unknown) => Promise<unknown>;
  }) {
    super({ links: options.links });
    this.#mutate = options.mutate;
  }

  override mutation(path: string, input?: unknown, opts?: TRPCRequestOptions): Promise<unknown> {
    return opts?.signal ? super.mutation(path, input, opts) : this.#mutate(path, input);
  }
}

/** The `WeftClientError` behind a `TRPCClientError`, or the error itself. */
export function unwrapTransportError(error: unknown): unknown {
  if (isTRPCClientError(error) && isWeftClientError(error.cause)) return error.cause;
  return error;
}
