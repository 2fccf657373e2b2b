import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { type CreateServerOptions, createServerInternals, type WeftServer } from '../create-server';
import { createDb, type DatabaseConfig } from '../db/create-db';
import type { ServerLogger } from '../logger';
import type { ServerResources } from '../resources';

/** Options of {@link createTestServer}. */
export interface TestServerOptions {
  /** Also serve HTTP on a random port of 127.0.0.1. @default false */
  listen?: boolean;
  /** The server's clock. @default () => new Date() */
  clock?: () => Date;
  /** Require this bearer key on `/api`. */
  apiKey?: string;
  /** @default a logger that keeps quiet */
  logger?: ServerLogger;
  /** Run the background services on their timers. @default false (call `runService`) */
  services?: boolean;
  /** The server's home (its `encryption.key`). @default a fresh temporary directory, removed by `close()` */
  home?: string;
}

/** A throwaway server for tests. */
export interface TestServer {
  server: WeftServer;
  /** The HTTP base URL when `listen` was set. */
  url?: string;
  /** The server's resources (database, clock, events), for assertions on stored rows. */
  resources: ServerResources;
  /** Run one pass of a background service now (`scheduler`, `late-runs`, `foreman`, ...). */
  runService(name: string): Promise<boolean>;
  /** Stop the server and drop its database. */
  close(): Promise<void>;
}

const quietLogger: ServerLogger = { warn() {}, error() {} };

/**
 * A fresh, migrated server for one test file. The backend follows `WEFT_TEST_DB`: `pglite`
 * (default; in memory) or `postgres` (a new database `weft_test_<random>` on
 * `WEFT_TEST_DATABASE_URL`, dropped by `close()`).
 * @example
 * const t = await createTestServer();
 * const api = appRouter.createCaller(await t.server.createContext());
 * afterAll(() => t.close());
 * @internal
 */
export async function createTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const ownHome = mkdtempSync(join(tmpdir(), 'weft-test-home-'));
  const removeHome = () => rmSync(ownHome, { recursive: true, force: true });
  try {
    const serverOptions: CreateServerOptions = {
      database: database.config,
      logger: options.logger ?? quietLogger,
      apiKey: options.apiKey ?? '',
      services: options.services ?? false,
      home: options.home ?? ownHome,
      ...(options.clock ? { clock: options.clock } : {}),
    };
    const server = await createServerInternals(serverOptions);
    const url = options.listen ? (await server.listen({ port: 0 })).url : undefined;
    return {
      server,
      ...(url ? { url } : {}),
      resources: server.resources,
      runService: (name) => server.services.runOnce(name),
      async close() {
        try {
          await server.close();
        } finally {
          removeHome();
          await database.drop();
        }
      },
    };
  } catch (error) {
    removeHome();
    await database.drop();
    throw error;
  }
}

async function createTestDatabase(): Promise<{ config: DatabaseConfig; drop(): Promise<void> }> {
  const kind = process.env.WEFT_TEST_DB ?? 'pglite';
  if (kind === 'pglite') return { config: { kind: 'pglite' }, drop: async () => {} };
  if (kind !== 'postgres') throw new Error(`WEFT_TEST_DB must be pglite or postgres (got ${kind})`);
  const adminUrl = process.env.WEFT_TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('WEFT_TEST_DB=postgres needs WEFT_TEST_DATABASE_URL');
  const name = `weft_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (db) => sql`create database ${sql.id(name)}`.execute(db));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString() },
    drop: () =>
      withAdmin(adminUrl, (db) => sql`drop database if exists ${sql.id(name)} with (force)`.execute(db)),
  };
}

async function withAdmin(url: string, fn: (db: Kysely<unknown>) => Promise<unknown>) {
  const handle = await createDb({ kind: 'postgres', url });
  try {
    await fn(handle.db as unknown as Kysely<unknown>);
  } finally {
    await handle.close();
  }
}
