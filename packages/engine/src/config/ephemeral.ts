import { join } from 'node:path';
import { createWeftClient } from '@weft/client';
import { EngineConfigError } from '../errors';
import type { OrchestratorClient } from '../orchestrator';
import type { EngineSettings } from './settings';

/** A connection to a server: the client, and how to let go of it. @internal */
export interface ServerConnection {
  client: OrchestratorClient;
  settings: EngineSettings;
  /** Where the client points: an URL, or `embedded` for an in-process server. */
  target: string;
  close: () => Promise<void>;
  /** Start an embedded server's background services (`serve()` needs its scheduler); absent for a remote server. */
  startServices?: () => void;
}

interface ServerLock {
  pid: number;
  url?: string | null;
}

type EmbeddedDatabase = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };

interface EmbeddedServerModule {
  createServer(options: { database: EmbeddedDatabase; home?: string; services?: boolean }): Promise<{
    router: unknown;
    createContext(): Promise<unknown>;
    close(): Promise<void>;
    startServices?(): void;
  }>;
}

interface ServerInternalModule {
  readServerLock?: (
    dataDir: string,
  ) => ServerLock | undefined | null | Promise<ServerLock | undefined | null>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The message that says what to do when the embedded database is held by another process. */
export function lockedDatabaseMessage(dataDir: string, pid: number): string {
  return (
    `The embedded Weft database in ${dataDir} is in use by process ${pid}, which does not serve an API. ` +
    'Start a server with `weft server start` and set WEFT_API_URL (e.g. WEFT_API_URL=http://127.0.0.1:4200), ' +
    'or stop process ' +
    `${pid}, or set WEFT_HOME to another directory.`
  );
}

function httpConnection(settings: EngineSettings, url: string): ServerConnection {
  const client: OrchestratorClient = createWeftClient({ url, apiKey: settings.apiKey });
  return { client, settings, target: url, close: async () => {} };
}

async function loadServer(): Promise<{ server: EmbeddedServerModule; internal: ServerInternalModule }> {
  try {
    // Optional peer: a flow script that records to a remote server never loads PGlite or kysely.
    const [server, internal] = await Promise.all([
      import('@weft/server') as Promise<unknown>,
      import('@weft/server/internal') as Promise<unknown>,
    ]);
    return { server: server as EmbeddedServerModule, internal: internal as ServerInternalModule };
  } catch (error) {
    throw new EngineConfigError(
      'WEFT_API_URL is not set and @weft/server is not installed, so no embedded server can start. ' +
        'Set WEFT_API_URL to a running server, or install @weft/server.',
      { cause: error },
    );
  }
}

/**
 * Connect to `WEFT_API_URL`, or (ephemeral mode) to the server that already holds
 * `$WEFT_HOME/db`, or start an embedded server in this process on it (on `WEFT_DATABASE_URL`
 * instead when that is set: Postgres takes many processes, so there is no lock to look at). The
 * engine calls an embedded server in-process, without HTTP. A database held by a live process
 * that serves no API fails with a message saying what to do. @internal
 */
export async function connectToServer(settings: EngineSettings): Promise<ServerConnection> {
  if (settings.apiUrl) return httpConnection(settings, settings.apiUrl);
  const { server: serverModule, internal } = await loadServer();
  if (settings.databaseUrl) {
    const database = { kind: 'postgres' as const, url: settings.databaseUrl };
    return embeddedConnection(
      settings,
      await serverModule.createServer({ database, home: settings.home, services: false }),
    );
  }
  const dataDir = join(settings.home, 'db');
  const lock = await internal.readServerLock?.(dataDir);
  if (lock && lock.pid !== process.pid && isAlive(lock.pid)) {
    if (lock.url) return httpConnection(settings, lock.url);
    throw new EngineConfigError(lockedDatabaseMessage(dataDir, lock.pid));
  }
  let server: EmbeddedServer;
  try {
    // No background services until `serve()` asks: their periodic queries would keep PGlite's
    // timers armed, and a script that is done could not exit.
    server = await serverModule.createServer({
      database: { kind: 'pglite', dataDir },
      home: settings.home,
      services: false,
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const pid = (error as { pid?: unknown }).pid;
    const url = (error as { url?: unknown }).url;
    if (code !== 'DATABASE_LOCKED') throw error;
    if (typeof url === 'string' && url) return httpConnection(settings, url);
    throw new EngineConfigError(lockedDatabaseMessage(dataDir, typeof pid === 'number' ? pid : 0), {
      cause: error,
    });
  }
  return embeddedConnection(settings, server);
}

type EmbeddedServer = Awaited<ReturnType<EmbeddedServerModule['createServer']>>;

function embeddedConnection(settings: EngineSettings, server: EmbeddedServer): ServerConnection {
  const client = createWeftClient({ server: server as never }) as unknown as OrchestratorClient;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await server.close();
  };
  return {
    client,
    settings,
    target: 'embedded',
    close,
    startServices: () => server.startServices?.(),
  };
}
