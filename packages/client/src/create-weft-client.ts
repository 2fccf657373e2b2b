import type { TRPCClient, TRPCLink } from '@trpc/client';
import {
  createTRPCClientProxy,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  splitLink,
} from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { wireTransformer } from '@weft/schemas';
import type { AppRouter } from '@weft/server/router';
import { EventSource } from 'eventsource';
import { toApiUrl } from './api-url';
import { createClientFetch } from './client-fetch';
import { createHttpMutation } from './http-mutation';
import { InProcessUntypedClient, type WeftInProcessServer } from './in-process-client';
import { createNodeHttpFetch } from './node-http-fetch';
import { createNodeHttpRequest, type NodeHttpRequest } from './node-http-request';
import { LeanMutationUntypedClient, WeftUntypedClient } from './weft-untyped-client';

/** The typed Weft client: `client.flowRuns.read.query({ id })`, `client.flowRuns.watch.subscribe(…)`. */
export type WeftClient = TRPCClient<AppRouter>;

/** The input of every procedure: `RouterInputs['flowRuns']['create']`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** The output of every procedure, with dates as `Date`: `RouterOutputs['flowRuns']['read']`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** Reach a Weft server over HTTP. */
export interface WeftHttpClientOptions {
  /**
   * The server's URL, with or without the `/api` suffix: `http://127.0.0.1:4200` and
   * `http://127.0.0.1:4200/api` are the same server.
   */
  url: string;
  /** Sent as `Authorization: Bearer <apiKey>`; needed when the server has an API key. */
  apiKey?: string | undefined;
  /** Extra headers sent with every request (queries, mutations and subscriptions). */
  headers?: Record<string, string> | undefined;
  /** The `fetch` to use. @default globalThis.fetch */
  fetch?: typeof fetch | undefined;
}

/** Call a server in the same process, without HTTP (tests, the embedded server). */
export interface WeftInProcessClientOptions {
  server: WeftInProcessServer;
}

/** Options of {@link createWeftClient}: a server URL, or a server in the same process. */
export type WeftClientOptions = WeftHttpClientOptions | WeftInProcessClientOptions;

/**
 * Create a typed client for a Weft server. Over HTTP, queries are batched to `<url>/api`, each
 * mutation is sent at once on its own request (on Node, without tRPC's link chain unless a
 * `fetch` is given), and subscriptions use Server-Sent Events; dates
 * come back as `Date`. Transport failures throw `WeftClientError`; errors from the server are `TRPCClientError`s whose
 * `data.code` is the tRPC code and `data.weftCode` the Weft one.
 * @example
 * const client = createWeftClient({ url: process.env.WEFT_API_URL ?? 'http://127.0.0.1:4200' });
 * const runs = await client.flowRuns.list.query({ limit: 10 });
 * @example
 * const server = await createServer();
 * const client = createWeftClient({ server }); // in-process, no HTTP
 */
export function createWeftClient(options: WeftClientOptions): WeftClient {
  if ('server' in options) return createTRPCClientProxy(new InProcessUntypedClient(options.server));
  const apiUrl = toApiUrl(options.url);
  const request = options.fetch ? undefined : createNodeHttpRequest();
  const links = httpLinks(options, apiUrl, request);
  // On Node, without a fetch of the caller's own, a mutation skips the links (createHttpMutation).
  if (!request || apiUrl.includes('?'))
    return createTRPCClientProxy(new WeftUntypedClient<AppRouter>({ links }));
  const mutate = createHttpMutation({ apiUrl, apiKey: options.apiKey, headers: options.headers, request });
  return createTRPCClientProxy(new LeanMutationUntypedClient<AppRouter>({ links, mutate }));
}

function httpLinks(
  options: WeftHttpClientOptions,
  url: string,
  request: NodeHttpRequest | undefined,
): TRPCLink<AppRouter>[] {
  const clientFetch = (base: typeof globalThis.fetch | undefined) =>
    createClientFetch({ apiUrl: url, apiKey: options.apiKey, headers: options.headers, fetch: base });
  // Subscriptions stream their body, so they keep the global fetch; calls take node:http on Node.
  const streamingFetch = clientFetch(options.fetch);
  const callFetch = options.fetch ? streamingFetch : clientFetch(createNodeHttpFetch(request));
  return [
    splitLink({
      condition: (op) => op.type === 'subscription',
      // Node 20 has no global EventSource; the `eventsource` package takes a fetch, which is how
      // the Authorization header reaches the SSE request.
      true: httpSubscriptionLink({
        url,
        transformer: wireTransformer,
        EventSource,
        eventSourceOptions: { fetch: streamingFetch },
      }),
      false: splitLink({
        // A mutation goes out at once on its own request: the batch link would hold it for a timer
        // tick and make it wait for the slowest call batched with it (a large `recordBatch` next
        // to a flow run's `setState`). The engine's mutations are sequential or batches already.
        condition: (op) => op.type === 'mutation',
        true: httpLink({ url, transformer: wireTransformer, fetch: callFetch }),
        // Queries travel in the URL; past this length tRPC splits the batch (Node's header limit is 16 KiB).
        false: httpBatchLink({ url, transformer: wireTransformer, fetch: callFetch, maxURLLength: 8_000 }),
      }),
    }),
  ];
}
