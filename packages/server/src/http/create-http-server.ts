import { timingSafeEqual } from 'node:crypto';
import { createServer as createNodeServer, type IncomingMessage, type Server } from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { API_VERSION } from '@weft/schemas';
import { appRouter } from '../router';
import type { TrpcContext } from '../trpc/context';
import type { DirectCall } from '../trpc/direct-calls';
import { SERVER_VERSION } from '../version';
import { createDirectMutationHandler } from './direct-mutation';
import { sendJson } from './send-json';
import { createUiHandler } from './serve-ui';
import type { UiAssets } from './ui-assets';

/** The path prefix of the tRPC API. */
export const API_PREFIX = '/api';

/** Options of {@link createHttpServer}. */
export interface HttpServerOptions {
  createContext: () => Promise<TrpcContext>;
  /** When set, every `/api` request needs `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** The built web UI to serve at `/` (public: only `/api` needs the key). @default no UI */
  ui?: UiAssets;
  /** The mutations that also run without tRPC's middleware chain (`WeftServer.directCall`). */
  directCall?: DirectCall;
}

/**
 * A node `http` server: tRPC (queries, mutations, SSE subscriptions) under `/api`, `GET /health`
 * and `GET /version`, with optional bearer-key auth on `/api`; with `ui`, the web UI on every other path.
 * @internal
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: `${API_PREFIX}/`,
    createContext: () => options.createContext(),
  });
  const direct = createDirectMutationHandler({
    router: appRouter,
    createContext: options.createContext,
    directCall: options.directCall,
  });
  const expected = options.apiKey ? Buffer.from(`Bearer ${options.apiKey}`) : null;
  const ui = options.ui ? createUiHandler(options.ui) : null;
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
      if (direct(req, res, path.slice(API_PREFIX.length + 1))) return;
      return trpc(req, res);
    }
    // `/api…`, `/health` and `/version` never fall back to the UI's index.html.
    if (ui && !path.startsWith(API_PREFIX) && path !== '/health' && path !== '/version') {
      return ui(req, res, path);
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
