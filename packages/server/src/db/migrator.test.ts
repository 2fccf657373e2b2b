import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, resetDatabase, upgradeDatabase } from '../create-server';
import { createTestServer, type TestServer } from '../testing/create-test-server';
import { createDb, type DatabaseConfig } from './create-db';
import { migrateToLatest } from './migrator';

let t: TestServer;

beforeAll(async () => {
  t = await createTestServer();
});
afterAll(() => t.close());

describe('migrations', () => {
  it('creates the tables and is a no-op when applied again', async () => {
    const { db } = t.resources;
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = current_schema() and table_name not like 'weft_migration%'
      order by table_name`.execute(db);
    expect(tables.rows.map((row) => row.table_name)).toEqual([
      'artifact',
      'block_document',
      'block_document_reference',
      'block_schema',
      'block_type',
      'concurrency_lease',
      'concurrency_limit',
      'deployment',
      'deployment_schedule',
      'flow',
      'flow_run',
      'flow_run_state',
      'log',
      'task_run',
      'task_run_state',
      'variable',
      'work_pool',
      'work_queue',
      'worker',
    ]);
    const again = await migrateToLatest(db);
    expect(again.results).toEqual([]);
  });
});

const onPostgres = process.env.WEFT_TEST_DB === 'postgres';

describe('upgradeDatabase and resetDatabase', () => {
  it('migrates an empty database and resets it to empty tables', async () => {
    const url = process.env.WEFT_TEST_DATABASE_URL ?? '';
    const schema = `weft_reset_${Date.now()}`;
    const dir = mkdtempSync(join(tmpdir(), 'weft-reset-'));
    const database: DatabaseConfig = onPostgres
      ? { kind: 'postgres', url, schema }
      : { kind: 'pglite', dataDir: join(dir, 'db') };
    await upgradeDatabase(database);
    const server = await createServer({ database, migrate: false });
    const api = server.router.createCaller(await server.createContext());
    await api.flows.create({ name: 'to-be-reset' });
    await server.close();
    await resetDatabase(database);
    const after = await createServer({ database, migrate: false });
    const again = after.router.createCaller(await after.createContext());
    expect(await again.flows.count({})).toBe(0);
    await after.close();
    rmSync(dir, { recursive: true, force: true });
    if (!onPostgres) return;
    const admin = await createDb({ kind: 'postgres', url });
    await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
    await admin.close();
  }, 120_000);
});
