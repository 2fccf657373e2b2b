import type * as Http from 'node:http';
import type * as Https from 'node:https';

type GetBuiltinModule = (id: string) => unknown;

/** A whole HTTP answer, its body read. */
export interface NodeHttpAnswer {
  status: number;
  statusMessage: string;
  headers: Http.IncomingHttpHeaders;
  body: Buffer<ArrayBuffer>;
}

/** What a request sends: a string body (or none), header names in lower case. */
export interface NodeHttpRequestInit {
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Send one request over a keep-alive agent and read its whole answer. A transport failure
 * rejects with `TypeError('fetch failed')` and the socket error as its cause, as `fetch` does;
 * an aborted signal rejects with its reason.
 */
export type NodeHttpRequest = (url: URL, init: NodeHttpRequestInit) => Promise<NodeHttpAnswer>;

/**
 * {@link NodeHttpRequest} on `node:http` and `node:https`, or undefined outside Node (the web UI's
 * bundle): the modules are taken with `process.getBuiltinModule`, not imported, so a browser
 * bundle never sees them.
 * @internal
 */
export function createNodeHttpRequest(): NodeHttpRequest | undefined {
  const getBuiltinModule = (globalThis as { process?: { getBuiltinModule?: GetBuiltinModule } }).process
    ?.getBuiltinModule;
  if (!getBuiltinModule) return undefined;
  const http = getBuiltinModule('node:http') as typeof Http;
  const https = getBuiltinModule('node:https') as typeof Https;
  const agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  };
  return (url, init) => {
    const protocol = url.protocol === 'https:' ? 'https:' : 'http:';
    const send = protocol === 'https:' ? https.request : http.request;
    const { body, signal } = init;
    const headers = body
      ? { ...init.headers, 'content-length': String(Buffer.byteLength(body)) }
      : init.headers;
    return new Promise<NodeHttpAnswer>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const req = send(url, { method: init.method, headers, agent: agents[protocol] });
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
          resolve({
            status: res.statusCode ?? 0,
            statusMessage: res.statusMessage ?? '',
            headers: res.headers,
            body: Buffer.concat(chunks),
          });
        });
      });
      req.end(body ?? undefined);
    });
  };
}

/**
 * A `Response` of an answer; `body` false leaves it without one (an answer already read). A
 * null-body status (204, 304) never takes one.
 * @internal
 */
export function toResponse(answer: NodeHttpAnswer, body = false): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const content = body && answer.status !== 204 && answer.status !== 304 ? answer.body : null;
  return new Response(content, { status: answer.status, statusText: answer.statusMessage, headers });
}
