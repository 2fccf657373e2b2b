import type * as Http from 'node:http';
import type * as Https from 'node:https';

type GetBuiltinModule = (id: string) => unknown;

/**
 * A `fetch` for the client's queries and mutations on Node: one `node:http` request over a
 * keep-alive agent, its whole answer read into a `Response`. Node's global `fetch` (undici) costs
 * about a millisecond of CPU a call in web streams and its dispatcher, more than a small mutation
 * takes on the server (measured in bench/). Only for bodies that are strings (tRPC's JSON) and
 * answers that end: subscriptions keep the global `fetch`, whose body streams. Undefined outside
 * Node (the web UI's bundle): the modules are taken with `process.getBuiltinModule`, not
 * imported, so a browser bundle never sees them.
 * @internal
 */
export function createNodeHttpFetch(): typeof fetch | undefined {
  const getBuiltinModule = (globalThis as { process?: { getBuiltinModule?: GetBuiltinModule } }).process
    ?.getBuiltinModule;
  if (!getBuiltinModule) return undefined;
  const http = getBuiltinModule('node:http') as typeof Http;
  const https = getBuiltinModule('node:https') as typeof Https;
  const agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  };
  return (input, init) => {
    const body = init?.body;
    const plain = body === undefined || body === null || typeof body === 'string';
    if (!plain || !(typeof input === 'string' || input instanceof URL)) return globalThis.fetch(input, init);
    const url = new URL(input);
    const protocol = url.protocol === 'https:' ? 'https:' : 'http:';
    const send = protocol === 'https:' ? https.request : http.request;
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => {
      headers[name] = value;
    });
    if (body) headers['content-length'] = String(Buffer.byteLength(body));
    const signal = init?.signal ?? undefined;
    return new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const req = send(url, { method: init?.method ?? 'GET', headers, agent: agents[protocol] });
      const onAbort = () => req.destroy(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      req.on('error', (error) => {
        done();
        reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }));
      });
      req.on('response', (res: Http.IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => {
          done();
          reject(new TypeError('fetch failed', { cause: error }));
        });
        res.on('end', () => {
          done();
          const answer = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (Array.isArray(value)) for (const item of value) answer.append(name, item);
            else if (value !== undefined) answer.set(name, value);
          }
          const status = res.statusCode ?? 0;
          // A null-body status (204, 304) takes no body in a Response.
          const content = status === 204 || status === 304 ? null : Buffer.concat(chunks);
          resolve(new Response(content, { status, statusText: res.statusMessage ?? '', headers: answer }));
        });
      });
      req.end(body ?? undefined);
    });
  };
}
