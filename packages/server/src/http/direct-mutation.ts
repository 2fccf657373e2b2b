import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  callTRPCProcedure,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  TRPCError,
  transformTRPCResponse,
} from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { AppRouter } from '../router';
import type { TrpcContext } from '../trpc/context';
import type { DirectCall } from '../trpc/direct-calls';

/** What {@link createDirectMutationHandler} calls. */
interface DirectMutationOptions {
  router: AppRouter;
  createContext: () => Promise<TrpcContext>;
  /** The procedures that also run without tRPC's middleware chain (a flow run's create and setState). */
  directCall?: DirectCall | undefined;
}

/**
 * A handler for the requests the Weft client sends most: one mutation, `POST /api/<path>` with a
 * JSON body (the client sends each mutation on its own request). It reads the body and calls the
 * procedure the way tRPC's standalone adapter does, and answers the same bytes (`{"result":
 * {"data": …}}` or `{"error": …}` with the error's HTTP status), without the adapter's Fetch
 * `Request`/`Response` and web streams, which cost about as much CPU as a small mutation itself.
 * Returns false, having read nothing, for any other request (a batch, a query, a subscription,
 * another content type): tRPC's adapter answers those.
 * @internal
 */
export function createDirectMutationHandler(
  options: DirectMutationOptions,
): (req: IncomingMessage, res: ServerResponse, path: string) => boolean {
  const procedures = options.router._def.procedures as unknown as Record<
    string,
    { _def: { type: string } } | undefined
  >;
  return (req, res, path) => {
    if (req.method !== 'POST' || req.url?.includes('?')) return false;
    if (req.headers['content-type'] !== 'application/json') return false;
    if (!Object.hasOwn(procedures, path) || procedures[path]?._def.type !== 'mutation') return false;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      answer(options, path, body, res).catch(() => res.destroy());
    });
    return true;
  };
}

/** Call the mutation at `path` with the request's body and answer as tRPC's adapter would. */
async function answer(
  options: DirectMutationOptions,
  path: string,
  body: string,
  res: ServerResponse,
): Promise<void> {
  const { router } = options;
  let ctx: TrpcContext | undefined;
  let input: unknown;
  let payload: unknown;
  let status = 200;
  try {
    try {
      input = body === '' ? undefined : router._def._config.transformer.input.deserialize(JSON.parse(body));
    } catch (cause) {
      throw new TRPCError({ code: 'BAD_REQUEST', cause });
    }
    const direct = options.directCall?.(path);
    let data: unknown;
    if (direct) data = await direct(input);
    else {
      ctx = await options.createContext();
      data = await callTRPCProcedure({
        router,
        path,
        getRawInput: async () => input,
        ctx,
        type: 'mutation',
        signal: undefined,
        batchIndex: 0,
      });
    }
    payload = transformTRPCResponse(router._def._config, { result: { data } });
  } catch (cause) {
    const error = getTRPCErrorFromUnknown(cause);
    status = getHTTPStatusCodeFromError(error);
    const shape = getTRPCErrorShape({
      config: router._def._config,
      ctx,
      error,
      input,
      path,
      type: 'mutation',
    });
    payload = transformTRPCResponse(router._def._config, { error: shape });
  }
  const json = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
    vary: 'trpc-accept, accept',
  });
  res.end(json);
}
