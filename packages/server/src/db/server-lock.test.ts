import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createServer } from '../create-server';
import { DatabaseLockedError } from '../errors';
import { readServerLock, SERVER_LOCK_FILE } from './server-lock';

const FIXTURE = fileURLToPath(new URL('./server-lock.fixture.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const dirs: string[] = [];
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'weft-lock-'));
  dirs.push(dir);
  return join(dir, 'db');
}

/** Start a real second process holding `dataDir`; resolves with its pid and URL once it listens. */
function startHolder(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--conditions=dev-source', '--import', 'tsx', FIXTURE, dataDir], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, url: (JSON.parse(line) as { url: string }).url });
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`holder exited with ${code}: ${err}`)));
  });
}

describe('PGlite data directory lock', () => {
  it('refuses a directory held by another live process, naming its pid and url', async () => {
    const dataDir = tempDir();
    const { child, url } = await startHolder(dataDir);
    expect(readServerLock(dataDir)).toMatchObject({ pid: child.pid, url });
    const error = await createServer({ database: { kind: 'pglite', dataDir } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseLockedError);
    expect(error).toMatchObject({ code: 'DATABASE_LOCKED', pid: child.pid, url });
    expect((error as Error).message).toContain(`pid ${child.pid}, ${url}`);
    expect((error as Error).message).toContain(`WEFT_API_URL=${url}`);

    // A killed holder leaves a stale lock, which the next server takes over.
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(readServerLock(dataDir)).toBeUndefined();
    const server = await createServer({ database: { kind: 'pglite', dataDir } });
    expect(readServerLock(dataDir)).toMatchObject({ pid: process.pid, url: null });
    await server.close();
    expect(existsSync(join(dataDir, SERVER_LOCK_FILE))).toBe(false);
  }, 120_000);

  it('keeps data across restarts of one process', async () => {
    const dataDir = tempDir();
    const first = await createServer({ database: { kind: 'pglite', dataDir } });
    const api = first.router.createCaller(await first.createContext());
    await api.flows.create({ name: 'persisted' });
    await expect(createServer({ database: { kind: 'pglite', dataDir } })).rejects.toBeInstanceOf(
      DatabaseLockedError,
    );
    await first.close();
    const second = await createServer({ database: { kind: 'pglite', dataDir } });
    const again = second.router.createCaller(await second.createContext());
    expect((await again.flows.readByName({ name: 'persisted' })).name).toBe('persisted');
    await second.close();
  }, 120_000);
});
