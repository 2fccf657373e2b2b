import { hostname } from 'node:os';
import { EngineConfigError } from '../errors';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A process worker's infrastructure id: `host:pid`. @internal */
export function processInfrastructureId(pid: number): string {
  return `${hostname()}:${pid}`;
}

/** The pid of a `host:pid` id of this host. @throws EngineConfigError for another host's or a malformed id. @internal */
export function parseProcessInfrastructureId(id: string): number {
  const at = id.lastIndexOf(':');
  const host = id.slice(0, at);
  const pid = Number(id.slice(at + 1));
  if (at < 0 || !Number.isInteger(pid) || pid <= 0) {
    throw new EngineConfigError(`Invalid process infrastructure id '${id}': expected host:pid`);
  }
  if (host !== hostname()) {
    throw new EngineConfigError(`Process ${pid} runs on host '${host}', not on this one ('${hostname()}')`);
  }
  return pid;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Send a signal to the process group led by `pid` (flow run processes are started as group leaders), else to `pid`. */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Not a group leader (or the group is gone): signal the process itself; ESRCH means it is gone.
    try {
      process.kill(pid, signal);
    } catch {
      // Already exited.
    }
  }
}

/**
 * Stop a process: SIGTERM (the engine in it marks its run Cancelled or Crashed), then SIGKILL when
 * it is still alive after `graceSeconds`. Resolves once it is gone. @internal
 */
export async function killProcess(pid: number, graceSeconds: number): Promise<void> {
  if (!isAlive(pid)) return;
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceSeconds * 1000;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return;
    await sleep(100);
  }
  signalGroup(pid, 'SIGKILL');
  for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
}
