import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWeftClient } from '@weft/client';
import { createServer } from '@weft/server';
import { createTestServer } from '@weft/server/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectToServer } from './ephemeral';
import { readSettings } from './settings';

const script = fileURLToPath(new URL('../testing/fixtures/ephemeral-flow.ts', import.meta.url));
let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'weft-ephemeral-'));
});
afterAll(() => rm(home, { recursive: true, force: true }));

function run(args: string[] = []) {
  const env: NodeJS.ProcessEnv = { ...process.env, WEFT_HOME: home, WEFT_LOGGING_TO_CONSOLE: 'false' };
  delete env.WEFT_API_URL;
  delete env.WEFT_DATABASE_URL;
  const child = spawn(process.execPath, ['--conditions=dev-source', '--import', 'tsx', script, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += String(d);
  });
  child.stderr.on('data', (d) => {
    err += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const output = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(out);
        if (match) resolve(match);
      };
      child.stdout.on('data', check);
      child.on('exit', () =>
        pattern.exec(out) ? check() : reject(new Error(`no ${pattern} in: ${out} ${err}`)),
      );
      check();
    });
  return { child, exited, output, stdout: () => out };
}

describe('ephemeral mode', () => {
  it('starts an embedded server on $WEFT_HOME/db and records the run there', async () => {
    const first = run();
    const [, flowRunId] = await first.output(/run ([0-9a-f-]{36}) 5/);
    expect(await first.exited).toBe(0);
    const server = await createServer({ database: { kind: 'pglite', dataDir: join(home, 'db') }, home });
    try {
      const client = createWeftClient({ server });
      const flowRun = await client.flowRuns.read.query({ id: flowRunId! });
      expect(flowRun.stateType).toBe('COMPLETED');
      expect(await client.taskRuns.count.query({ filter: { flowRunId: { any: [flowRunId!] } } })).toBe(1);
    } finally {
      await server.close();
    }
  }, 90_000);

  it('fails a second process on the same database with a message that says what to do', async () => {
    const holder = run(['hold']);
    await holder.output(/run [0-9a-f-]{36} 5/);
    try {
      const second = run();
      expect(await second.exited).toBe(3);
      expect(second.stdout()).toContain('weft server start');
      expect(second.stdout()).toContain('WEFT_API_URL');
    } finally {
      holder.child.kill('SIGTERM');
      await holder.exited;
    }
  }, 90_000);

  it('uses the server that already serves the database, found through its lock file', async () => {
    const server = await createServer({ database: { kind: 'pglite', dataDir: join(home, 'db') }, home });
    try {
      await server.listen({ host: '127.0.0.1', port: 0 });
      const child = run();
      const [, flowRunId] = await child.output(/run ([0-9a-f-]{36}) 5/);
      expect(await child.exited).toBe(0);
      const client = createWeftClient({ server });
      expect((await client.flowRuns.read.query({ id: flowRunId! })).stateType).toBe('COMPLETED');
    } finally {
      await server.close();
    }
  }, 90_000);
});

describe.runIf(process.env.WEFT_TEST_DATABASE_URL)('ephemeral mode on WEFT_DATABASE_URL', () => {
  it('embeds a server on that Postgres database and calls it in-process', async () => {
    const before = process.env.WEFT_TEST_DB;
    process.env.WEFT_TEST_DB = 'postgres';
    // A fresh, migrated database of our own (dropped on close); its name makes the URL.
    const holder = await createTestServer().finally(() => {
      process.env.WEFT_TEST_DB = before;
    });
    try {
      const row = await holder.resources.db
        .selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name'))
        .executeTakeFirstOrThrow();
      const url = new URL(process.env.WEFT_TEST_DATABASE_URL!);
      url.pathname = `/${row.name}`;
      const settings = { ...readSettings({}), home, databaseUrl: url.toString() };
      const connection = await connectToServer(settings);
      try {
        expect(connection.target).toBe('embedded');
        const flow = await connection.client.flows.create.mutate({ name: 'embedded-postgres' });
        const seen = await createWeftClient({ server: holder.server }).flows.read.query({ id: flow.id });
        expect(seen.name).toBe('embedded-postgres');
      } finally {
        await connection.close();
      }
    } finally {
      await holder.close();
    }
  }, 90_000);
});
