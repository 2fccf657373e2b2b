import { createNodeHttpRequest, type NodeHttpRequest, toResponse } from './node-http-request';

/**
 * A `fetch` for the client's queries and mutations on Node: one `node:http` request over a
 * keep-alive agent, its whole answer read into a `Response`. Node's global `fetch` (undici) costs
 * about a millisecond of CPU a call in web streams and its dispatcher, more than a small mutation
 * takes on the server (measured in bench/). Only for bodies that are strings (tRPC's JSON) and
 * answers that end: subscriptions keep the global `fetch`, whose body streams. Undefined outside
 * Node (the web UI's bundle).
 * @internal
 */
export function createNodeHttpFetch(
  request: NodeHttpRequest | undefined = createNodeHttpRequest(),
): typeof fetch | undefined {
  if (!request) return undefined;
  return async (input, init) => {
    const body = init?.body;
    const plain = body === undefined || body === null || typeof body === 'string';
    if (!plain || !(typeof input === 'string' || input instanceof URL)) return globalThis.fetch(input, init);
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const res = await request(new URL(input), {
      method: init?.method ?? 'GET',
      headers,
      body: body ?? undefined,
      signal: init?.signal ?? undefined,
    });
    return toResponse(res, true);
  };
}
