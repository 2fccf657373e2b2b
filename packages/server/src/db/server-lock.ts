import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseLockedError } from '../errors';

/** The lock file's name inside a PGlite data directory. */
export const SERVER_LOCK_FILE = 'weft-server.json';

/** What the lock file of a PGlite data directory records about the server using it. */
export interface ServerLockInfo {
  pid: number;
  /** The server's URL once it listens; null before. */
  url: string | null;
  startedAt: string;
}

/** A held lock on a PGlite data directory. */
export interface ServerLock {
  readonly path: string;
  /** Record the URL the server listens on, so a second process can point at it. */
  setUrl(url: string): void;
  release(): void;
}

/**
 * The lock of a PGlite data directory if a live process holds it, else undefined (no lock, or a
 * stale one left by a dead process). The engine uses it to find a running server's URL.
 * @internal
 */
export function readServerLock(dataDir: string): ServerLockInfo | undefined {
  const info = readLockFile(join(dataDir, SERVER_LOCK_FILE));
  return info && isAlive(info.pid) ? info : undefined;
}

/**
 * Take the one-process lock of a PGlite data directory, or throw {@link DatabaseLockedError}
 * naming the live holder. A lock left by a dead process is taken over.
 * @internal
 */
export function acquireServerLock(dataDir: string): ServerLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, SERVER_LOCK_FILE);
  const info: ServerLockInfo = { pid: process.pid, url: null, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path, info)) return heldLock(path, info);
    const holder = readLockFile(path);
    if (holder && isAlive(holder.pid)) {
      throw new DatabaseLockedError({ dataDir, pid: holder.pid, url: holder.url });
    }
    // Stale (dead pid) or half-written: remove it and race for it again with O_EXCL.
    rmSync(path, { force: true });
  }
  throw new DatabaseLockedError({ dataDir, pid: readLockFile(path)?.pid ?? -1, url: null });
}

function heldLock(path: string, info: ServerLockInfo): ServerLock {
  let held = true;
  return {
    path,
    setUrl(url) {
      if (!held) return;
      info.url = url;
      writeFileSync(path, JSON.stringify(info));
    },
    release() {
      if (!held) return;
      held = false;
      const current = readLockFile(path);
      if (current?.pid === info.pid) rmSync(path, { force: true });
    },
  };
}

function tryCreate(path: string, info: ServerLockInfo): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify(info));
  } finally {
    closeSync(fd);
  }
  return true;
}

function readLockFile(path: string): ServerLockInfo | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<ServerLockInfo>;
    if (typeof parsed.pid !== 'number') return undefined;
    return { pid: parsed.pid, url: parsed.url ?? null, startedAt: String(parsed.startedAt ?? '') };
  } catch {
    // Missing or half-written lock file: treated as no lock.
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
