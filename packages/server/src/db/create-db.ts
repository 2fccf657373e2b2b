import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { ConfigError } from '../errors';
import type { Database } from './database';
import { datesAsText, runFixedStatementsDirectly } from './fixed-statement';
import { PGliteDialect } from './pglite-dialect';
import { preparingPool } from './preparing-pool';
import { acquireServerLock, type ServerLock } from './server-lock';

/**
 * Where the server keeps its data: embedded PGlite (a directory, or memory when `dataDir` is
 * undefined) or a Postgres server.
 */
export type DatabaseConfig =
  | { kind: 'pglite'; dataDir?: string }
  | { kind: 'postgres'; url: string; schema?: string };

/** What a backend can do. Code branches on these, never on the backend's kind. */
export interface DatabaseCapabilities {
  /** More than one connection at a time (false on PGlite: queries are serialised). */
  supportsMultipleConnections: boolean;
  supportsSkipLocked: boolean;
  /** Cross-process wake-ups through LISTEN/NOTIFY. */
  supportsListenNotify: boolean;
}

/** An open database. `close()` releases the pool or PGlite and its data directory lock. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  capabilities: DatabaseCapabilities;
  /** Set when the backend is a PGlite directory: record the listening URL in its lock. */
  lock: ServerLock | null;
  /** LISTEN on a channel over a dedicated connection; null without `supportsListenNotify`. */
  listen: DatabaseListen | null;
  close(): Promise<void>;
}

/**
 * Open a dedicated connection that LISTENs on `channel` and calls `onNotify` with each payload.
 * Resolves to the function that closes it; `close()` of the handle closes it too.
 */
export type DatabaseListen = (
  channel: string,
  onNotify: (payload: string) => void,
  onError: (error: Error) => void,
) => Promise<() => Promise<void>>;

/**
 * The database a server uses when none is configured: `WEFT_DATABASE_URL` (Postgres), else
 * PGlite in `<home>/db`.
 */
export function defaultDatabaseConfig(home: string = defaultHome()): DatabaseConfig {
  const url = process.env.WEFT_DATABASE_URL;
  if (url) return { kind: 'postgres', url };
  return { kind: 'pglite', dataDir: join(home, 'db') };
}

/** `WEFT_HOME`, else `~/.weft`. */
export function defaultHome(): string {
  return resolve(process.env.WEFT_HOME || join(homedir(), '.weft'));
}

/**
 * Open a database. The only place that knows which backends exist.
 * @internal
 */
export async function createDb(
  config: DatabaseConfig,
  options: CreateDbOptions = {},
): Promise<DatabaseHandle> {
  return config.kind === 'postgres' ? openPostgres(config, options) : openPGlite(config.dataDir);
}

/** Options of {@link createDb}. */
export interface CreateDbOptions {
  /**
   * Called when Postgres ends an idle pooled connection (a restart, an administrator). The pool
   * replaces the connection; without a listener, `pg` would throw it as an uncaught exception.
   * @default ignore
   */
  onConnectionError?: (error: Error) => void;
}

/** A Postgres URL with its password hidden, for messages. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*:)[^@]*@/, '$1****@');
}

async function openPostgres(
  config: { url: string; schema?: string },
  options: CreateDbOptions,
): Promise<DatabaseHandle> {
  const { default: pg } = await import('pg');
  if (!/^postgres(ql)?:\/\//.test(config.url)) {
    throw new ConfigError(
      `Database URL must start with postgres:// or postgresql:// (got ${redactDatabaseUrl(config.url)})`,
    );
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: 10,
    ...(config.schema ? { options: `-c search_path=${quoteIdent(config.schema)}` } : {}),
  });
  pool.on('error', (error) => options.onConnectionError?.(error));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  runFixedStatementsDirectly(db, (text, parameters, name) => {
    const values = datesAsText(parameters);
    return pool.query(name === undefined ? { text, values } : { name, text, values });
  });
  if (config.schema) {
    try {
      await sql`create schema if not exists ${sql.id(config.schema)}`.execute(db);
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }
  // LISTEN needs a connection of its own for as long as it listens, outside the pool.
  const listeners = new Set<InstanceType<typeof pg.Client>>();
  const listen: DatabaseListen = async (channel, onNotify, onError) => {
    const client = new pg.Client({
      connectionString: config.url,
      ...(config.schema ? { options: `-c search_path=${quoteIdent(config.schema)}` } : {}),
    });
    client.on('error', onError);
    client.on('notification', (message) => {
      if (message.channel === channel) onNotify(message.payload ?? '');
    });
    await client.connect();
    listeners.add(client);
    const stop = async () => {
      if (!listeners.delete(client)) return;
      await client.end().catch(() => {}); // Already broken: nothing left to close.
    };
    try {
      await client.query(`listen ${quoteIdent(channel)}`);
    } catch (error) {
      await stop();
      throw error;
    }
    return stop;
  };
  return {
    db,
    capabilities: { supportsMultipleConnections: true, supportsSkipLocked: true, supportsListenNotify: true },
    lock: null,
    listen,
    async close() {
      await Promise.all([...listeners].map((client) => client.end().catch(() => {})));
      listeners.clear();
      await db.destroy();
    },
  };
}

async function openPGlite(dataDir: string | undefined): Promise<DatabaseHandle> {
  const dir = dataDir === undefined ? undefined : resolve(dataDir);
  // Take the lock before PGlite touches the files: two processes on one directory corrupt it.
  const lock = dir === undefined ? null : acquireServerLock(dir);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    // New WAL segments are not zero-filled first: PGlite writes its files through Emscripten,
    // whose in-memory files grow by copying, so filling a 16 MB segment 8 kB at a time cost about
    // a sixth of a 10,000-task batch run's database time (bench/). Postgres does not need the
    // zeros (the setting exists for copy-on-write file systems).
    const options = { startParams: [...PGlite.defaultStartParams, '-c', 'wal_init_zero=off'] };
    const pglite = dir === undefined ? await PGlite.create(options) : await PGlite.create(dir, options);
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      capabilities: {
        supportsMultipleConnections: false,
        supportsSkipLocked: true,
        supportsListenNotify: false,
      },
      lock,
      listen: null,
      async close() {
        await db.destroy();
        await pglite.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
