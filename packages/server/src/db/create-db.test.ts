import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../testing/create-test-server';
import { createDb, redactDatabaseUrl } from './create-db';

describe('redactDatabaseUrl', () => {
  it.each([
    ['postgres://weft:s3cret@db:5432/weft', 'postgres://weft:****@db:5432/weft'],
    ['postgresql://u:p%40ss@host/db', 'postgresql://u:****@host/db'],
    ['postgres://user@host/db', 'postgres://user@host/db'],
    ['postgres://host/db', 'postgres://host/db'],
  ])('hides the password of %s', (url, expected) => {
    expect(redactDatabaseUrl(url)).toBe(expected);
  });
});

describe.runIf(process.env.WEFT_TEST_DB === 'postgres')(
  'a Postgres server whose connections are ended',
  () => {
    const warnings: string[] = [];
    let t: TestServer;
    beforeAll(async () => {
      t = await createTestServer({ logger: { warn: (m) => warnings.push(m), error: () => {} } });
    });
    afterAll(() => t?.close());

    it('keeps answering, and warns instead of crashing', async () => {
      const caller = t.server.router.createCaller(await t.server.createContext());
      await caller.flows.create({ name: 'before' });
      // Two queries at once leave two connections idle in the pool.
      await Promise.all([0, 1].map(() => sql`select pg_sleep(0.05)`.execute(t.resources.db)));
      // End every other connection of this database: the pool's idle ones die under it.
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`.execute(t.resources.db);
      await new Promise((r) => setTimeout(r, 200));
      const flow = await caller.flows.create({ name: 'after' });
      expect(flow.name).toBe('after');
      expect(warnings).toContain('A database connection was closed by the server');
    });
  },
);

describe('PGlite', () => {
  it.each([
    ['in memory', undefined],
    ['in a data directory', 'dir'],
  ])('%s, starts without zero-filling new WAL segments, and reopens its data', async (_, dir) => {
    const home = mkdtempSync(join(tmpdir(), 'weft-create-db-'));
    const dataDir = dir && join(home, dir);
    try {
      const first = await createDb({ kind: 'pglite', ...(dataDir ? { dataDir } : {}) });
      const setting = await sql<{ wal_init_zero: string }>`show wal_init_zero`.execute(first.db);
      expect(setting.rows[0]?.wal_init_zero).toBe('off');
      await sql`create table kept (n int)`.execute(first.db);
      await sql`insert into kept select generate_series(1, 20000)`.execute(first.db);
      await first.close();
      if (!dataDir) return;
      const again = await createDb({ kind: 'pglite', dataDir });
      const count = await sql<{ n: number }>`select count(*)::int as n from kept`.execute(again.db);
      expect(count.rows[0]?.n).toBe(20000);
      await again.close();
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
