import { timingSafeEqual } from 'node:crypto';
import {
  createServer as createNodeServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { API_VERSION } from '@weft/schemas';
import { appRouter } from '../router';
import type { TrpcContext } from '../trpc/context';
import { SERVER_VERSION } from '../version';

/** The path prefix of the tRPC API. */
export const API_PREFIX = '/api';

/** Options of {@link createHttpServer}. */
export interface HttpServerOptions {
  createContext: () => Promise<TrpcContext>;
  /** When set, every `/api` request needs `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
}

/**
 * A node `http` server: tRPC (queries, mutations, SSE subscriptions) under `/api`, `GET /health`
 * and `GET /version`, with optional bearer-key auth on `/api`.
 * @internal
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: `${API_PREFIX}/`,
    createContext: () => options.createContext(),
  });
  const expected = options.apiKey ? Buffer.from(`Bearer ${options.apiKey}`) : null;
  return createNodeServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'GET' && path === '/health') return sendJson(res, 200, { status: 'ok' });
    if (req.method === 'GET' && path === '/version') {
      return sendJson(res, 200, { version: SERVER_VERSION, apiVersion: API_VERSION });
    }
    if (path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)) {
      if (expected && !isAuthorized(req, expected)) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        return sendJson(res, 401, { error: { message: 'Unauthorized', code: 'UNAUTHORIZED' } });
      }
      return trpc(req, res);
    }
    return sendJson(res, 404, {
      error: { message: `No route for ${req.method} ${path}`, code: 'NOT_FOUND' },
    });
  });
}

function isAuthorized(req: IncomingMessage, expected: Buffer): boolean {
  const header = Buffer.from(req.headers.authorization ?? '');
  // Constant-time compare; lengths differ only for wrong keys, which may fail fast.
  return header.length === expected.length && timingSafeEqual(header, expected);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(body));
}
