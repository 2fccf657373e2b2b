import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
    // Stale (dead pid) or unreadable: remove it and race for it again. Two servers taking over
    // the same stale lock at the same instant could both win; starting them together on one
    // crashed directory is not a case we guard.
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
      const temp = `${path}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(info));
      renameSync(temp, path);
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
  // Write a private file, then hard-link it into place: the link fails if a lock exists, and a
  // reader never sees a half-written lock.
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(info));
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temp, { force: true });
  }
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
