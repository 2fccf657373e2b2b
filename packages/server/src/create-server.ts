import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createDb,
  type DatabaseConfig,
  type DatabaseHandle,
  defaultDatabaseConfig,
  defaultHome,
} from './db/create-db';
import { dropAllTables, migrateToLatest } from './db/migrator';
import { registerBuiltinBlockTypes } from './domains/blocks/builtin-block-types';
import { flowRunDirectProcedures } from './domains/flow-runs/flow-run-router';
import { ServerEvents } from './events';
import { createHttpServer } from './http/create-http-server';
import { UI_BUILD_COMMAND } from './http/serve-ui';
import { loadUiAssets, type UiAssets } from './http/ui-assets';
import { type ServerLogger, stderrLogger } from './logger';
import type { ServerResources } from './resources';
import type { AppRouter } from './router';
import { appRouter } from './router';
import { createServiceRunner, type ServiceRunner } from './services/background-service';
import { SERVER_SERVICES } from './services/index';
import type { TrpcContext } from './trpc/context';
import { createContextFactory } from './trpc/create-context';
import { createDirectCall, type DirectCall } from './trpc/direct-calls';

/** Options of {@link createServer}. */
export interface CreateServerOptions {
  /** @default `WEFT_DATABASE_URL` (Postgres), else PGlite in `<home>/db` */
  database?: DatabaseConfig;
  /** @default `WEFT_HOME`, else `~/.weft` */
  home?: string;
  /** The time every service and rule uses. @default () => new Date() */
  clock?: () => Date;
  /** Apply pending migrations on start. @default true */
  migrate?: boolean;
  /** @default warnings and errors to stderr */
  logger?: ServerLogger;
  /** Require `Authorization: Bearer <apiKey>` on `/api`. @default `WEFT_SERVER_API_KEY` */
  apiKey?: string;
  /**
   * Run the background services (scheduler, late runs, foreman, ...) on their timers.
   * @default true
   */
  services?: boolean;
}

/** Options of {@link WeftServer.listen}. */
export interface ListenOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks any free port. @default 4200 */
  port?: number;
  /**
   * Serve a built web UI (`index.html` and `assets/`, e.g. `uiAssetsDir` of `@weft/ui`) at `/`.
   * Its files are public; `apiKey` still guards `/api`. When the folder has no `index.html`, `/`
   * says how to build it and the server logs one warning. @default no UI
   */
  ui?: { assetsDir: string };
}

/** What {@link WeftServer.listen} started. */
export interface ListenResult {
  /** The base URL of the API (`<url>/api`) and, when served, of the UI. */
  url: string;
  /** Whether the UI is served (`ready`) or its folder has no build (`not-built`); absent without `ui`. */
  ui?: 'ready' | 'not-built';
}

/** A running Weft server (not yet listening until `listen()`). */
export interface WeftServer {
  /** The tRPC router instance. */
  router: AppRouter;
  /** A context for in-process calls (`appRouter.createCaller(await server.createContext())`). */
  createContext(): Promise<TrpcContext>;
  /**
   * The engine's per-run procedures without tRPC's middleware chain, for the in-process client
   * (`createWeftClient({ server })`): same validation, answers and errors. @internal
   */
  directCall: DirectCall;
  /** Serve HTTP: the API, and the web UI when `ui` is given. @default host '127.0.0.1', port 4200 */
  listen(options?: ListenOptions): Promise<ListenResult>;
  /** Stop HTTP, close the database and release its lock. */
  close(): Promise<void>;
  /**
   * Start the background services (scheduler, late runs, foreman, lease repossessors) of a server
   * created with `services: false`; a no-op when they run already. The engine's embedded server
   * starts them only when `serve()` needs them, so a script on the embedded database can exit.
   */
  startServices(): void;
}

/** A server with its resources exposed, for the test harness. @internal */
export interface WeftServerInternals extends WeftServer {
  resources: ServerResources;
  /** The background services; `runOnce(name)` runs one pass now (tests move the clock). */
  services: ServiceRunner;
}

/**
 * Start a Weft server: open (and migrate) the database and build the API.
 * @example
 * const server = await createServer();
 * const { url } = await server.listen({ port: 4200 });
 * // With the web UI at `/`: server.listen({ port: 4200, ui: { assetsDir: uiAssetsDir } }) (from '@weft/ui')
 * // ... later
 * await server.close();
 */
export async function createServer(options: CreateServerOptions = {}): Promise<WeftServer> {
  return createServerInternals(options);
}

/** {@link createServer}, returning its resources too. @internal */
export async function createServerInternals(options: CreateServerOptions = {}): Promise<WeftServerInternals> {
  const handle = await openMigrated(
    options.database ?? defaultDatabaseConfig(options.home ?? defaultHome()),
    options,
  );
  const resources: ServerResources = {
    db: handle.db,
    capabilities: handle.capabilities,
    clock: options.clock ?? (() => new Date()),
    logger: options.logger ?? stderrLogger,
    events: new ServerEvents(),
    listen: handle.listen,
    home: options.home ?? defaultHome(),
  };
  const createContext = createContextFactory(resources);
  const directCall = createDirectCall(flowRunDirectProcedures, createContext);
  const services = createServiceRunner(resources, SERVER_SERVICES);
  if (options.services !== false) services.start();
  const apiKey = options.apiKey ?? (process.env.WEFT_SERVER_API_KEY || undefined);
  let http: Server | null = null;
  let listening = false;
  let closed = false;
  return {
    router: appRouter,
    resources,
    services,
    createContext,
    directCall,
    async listen(listenOptions = {}) {
      if (listening) throw new Error('The server is already listening');
      listening = true;
      try {
        const ui = listenOptions.ui ? await loadUi(listenOptions.ui.assetsDir, resources.logger) : undefined;
        const server = createHttpServer({
          createContext,
          directCall,
          ...(apiKey ? { apiKey } : {}),
          ...(ui ? { ui } : {}),
        });
        const host = listenOptions.host ?? '127.0.0.1';
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(listenOptions.port ?? 4200, host, () => resolve());
        });
        http = server;
        const { port } = server.address() as AddressInfo;
        const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
        handle.lock?.setUrl(url);
        return ui ? { url, ui: ui.index ? 'ready' : 'not-built' } : { url };
      } catch (error) {
        listening = false;
        throw error;
      }
    },
    startServices() {
      if (!closed) services.start();
    },
    async close() {
      if (closed) return;
      closed = true;
      await services.stop();
      if (http) {
        const server = http;
        // Open SSE streams would keep close() waiting forever.
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      await handle.close();
    },
  };
}

/** The built UI in memory; warns once when the folder holds no build. */
async function loadUi(assetsDir: string, logger: ServerLogger): Promise<UiAssets> {
  const ui = await loadUiAssets(assetsDir);
  if (!ui.index) {
    logger.warn(
      `The web UI is not built: no index.html in ${ui.dir}. Build it with \`${UI_BUILD_COMMAND}\`; the API works meanwhile.`,
    );
  }
  return ui;
}

async function openMigrated(
  config: DatabaseConfig,
  options: { migrate?: boolean; logger?: ServerLogger; clock?: () => Date },
): Promise<DatabaseHandle> {
  const logger = options.logger ?? stderrLogger;
  const handle = await createDb(config, {
    onConnectionError: (error) =>
      logger.warn('A database connection was closed by the server', { message: error.message }),
  });
  try {
    if (options.migrate !== false) {
      await migrateToLatest(handle.db);
      await registerBuiltinBlockTypes({ db: handle.db, clock: options.clock ?? (() => new Date()) });
    }
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Options of {@link upgradeDatabase} and {@link resetDatabase}. */
export interface DatabaseCommandOptions {
  database?: DatabaseConfig;
  home?: string;
}

function resolveConfig(input: DatabaseConfig | DatabaseCommandOptions): DatabaseConfig {
  if ('kind' in input) return input;
  return input.database ?? defaultDatabaseConfig(input.home ?? defaultHome());
}

/**
 * Apply pending migrations (`weft server database upgrade`). Takes a database config or
 * `{database?, home?}`; the default is the server's default database.
 */
export async function upgradeDatabase(config: DatabaseConfig | DatabaseCommandOptions = {}): Promise<void> {
  const handle = await openMigrated(resolveConfig(config), {});
  await handle.close();
}

/** Drop every Weft table and migrate again (`weft server database reset`). Destroys all data. */
export async function resetDatabase(config: DatabaseConfig | DatabaseCommandOptions = {}): Promise<void> {
  const handle = await createDb(resolveConfig(config));
  try {
    await dropAllTables(handle.db);
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
}
