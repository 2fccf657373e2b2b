import { localLink, TRPCClientError, type TRPCRequestOptions } from '@trpc/client';
import {
  callTRPCProcedure,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  type ProcedureType,
} from '@trpc/server';
import { wireTransformer } from '@weft/schemas';
import type { AppRouter } from '@weft/server/router';
import { WeftUntypedClient } from './weft-untyped-client';

/** The part of a running `WeftServer` (from `createServer()`) that the in-process client needs. */
export interface WeftInProcessServer {
  router: AppRouter;
  createContext(): Promise<unknown>;
  /**
   * The mutations the server can run without tRPC's middleware chain (the engine's calls of
   * every flow run), by path; undefined for the others. Optional: an older server lacks it.
   */
  directCall?(path: string): ((input: unknown) => Promise<unknown>) | undefined;
}

/**
 * The untyped client of `createWeftClient({ server })`. A query or mutation calls the procedure
 * directly, as tRPC's `localLink` does, without the link's observable and abort signals, which
 * cost more than the call itself for the engine's small, frequent calls (about 0.3 ms of CPU
 * each, measured in bench/); errors become the same `TRPCClientError` the link makes. A
 * procedure the server offers in direct form (`directCall`) skips tRPC's middlewares too. A call
 * given a `signal`, and every subscription, goes through `localLink`.
 * @internal
 */
export class InProcessUntypedClient extends WeftUntypedClient<AppRouter> {
  readonly #server: WeftInProcessServer;

  constructor(server: WeftInProcessServer) {
    super({
      links: [
        localLink<AppRouter>({
          router: server.router,
          // The context type is the server's business; the router only needs what createContext made.
          createContext: server.createContext as () => Promise<never>,
          transformer: wireTransformer,
        }),
      ],
    });
    this.#server = server;
  }

  override query(path: string, input?: unknown, opts?: TRPCRequestOptions): Promise<unknown> {
    return opts?.signal ? super.query(path, input, opts) : this.#call('query', path, input);
  }

  override mutation(path: string, input?: unknown, opts?: TRPCRequestOptions): Promise<unknown> {
    return opts?.signal ? super.mutation(path, input, opts) : this.#call('mutation', path, input);
  }

  async #call(type: ProcedureType, path: string, input: unknown): Promise<unknown> {
    const { router } = this.#server;
    let ctx: unknown;
    try {
      const direct = type === 'mutation' ? this.#server.directCall?.(path) : undefined;
      if (direct) return await direct(input);
      ctx = await this.#server.createContext();
      return await callTRPCProcedure({
        router,
        path,
        getRawInput: async () => input,
        ctx,
        type,
        signal: undefined,
        batchIndex: 0,
      });
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      const shape = getTRPCErrorShape({
        config: router._def._config,
        ctx: ctx as never,
        error,
        input,
        path,
        type,
      });
      throw TRPCClientError.from({ error: shape }, { cause: cause instanceof Error ? cause : undefined });
    }
  }
}
