import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';
import type { ServerResources } from '../resources';

/** What one pass of a background service gets. */
export interface ServicePass {
  /** A transaction that holds the service's advisory lock: one replica runs a pass at a time. */
  trx: Kysely<Database>;
  /** The time of this pass (the server's clock). */
  now: Date;
  resources: ServerResources;
  /** Run `fn` once the pass has committed (announce events only then: readers see the writes). */
  afterCommit(fn: () => void): void;
}

/**
 * A background service of the server (scheduler, late runs, foreman, ...): a pass every
 * `intervalSeconds`, each inside one transaction holding `pg_try_advisory_xact_lock`, so several
 * server replicas never run the same service at once (a replica that can't take the lock skips).
 */
export interface BackgroundService {
  /** Unique, kebab-case: `scheduler`, `late-runs`, `foreman`. */
  name: string;
  intervalSeconds: number;
  /** One pass. Throwing rolls the pass back; the next pass runs as usual. */
  run(pass: ServicePass): Promise<void>;
}

/** Runs the server's services on timers, or one pass on demand (tests move the clock instead). */
export interface ServiceRunner {
  /** Run one pass of a service now; false when another replica holds its lock. */
  runOnce(name: string): Promise<boolean>;
  /** Start every service's timer (once; later calls do nothing). */
  start(): void;
  /** Stop the timers and wait for passes in flight. */
  stop(): Promise<void>;
  readonly names: readonly string[];
}

/** A stable 32-bit lock key per service name. */
function lockKey(name: string): number {
  let hash = 0x5745_4654; // 'WEFT'
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x0100_0193);
  return hash | 0;
}

/** Create a runner over some services. */
export function createServiceRunner(
  resources: ServerResources,
  services: readonly BackgroundService[],
): ServiceRunner {
  const byName = new Map(services.map((service) => [service.name, service]));
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;

  async function pass(service: BackgroundService): Promise<boolean> {
    const committed: (() => void)[] = [];
    const ran = await resources.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{
        locked: boolean;
      }>`select pg_try_advisory_xact_lock(${lockKey(service.name)}) as locked`.execute(trx);
      if (!rows[0]?.locked) return false;
      const afterCommit = (fn: () => void) => void committed.push(fn);
      await service.run({ trx, now: resources.clock(), resources, afterCommit });
      return true;
    });
    for (const fn of committed) fn();
    return ran;
  }

  function track<T>(promise: Promise<T>): Promise<T> {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => {});
    return promise;
  }

  return {
    names: [...byName.keys()],
    runOnce(name) {
      const service = byName.get(name);
      if (!service) throw new Error(`Unknown service "${name}"; known: ${[...byName.keys()].join(', ')}`);
      return track(pass(service));
    },
    start() {
      if (timers.size > 0 || stopped) return;
      for (const service of services) {
        let running = false;
        const timer = setInterval(() => {
          if (running || stopped) return;
          running = true;
          track(pass(service))
            .catch((error: unknown) =>
              resources.logger.error(`The ${service.name} service failed a pass`, {
                message: error instanceof Error ? error.message : String(error),
              }),
            )
            .finally(() => {
              running = false;
            });
        }, service.intervalSeconds * 1000);
        timer.unref();
        timers.add(timer);
      }
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      timers.clear();
      await Promise.allSettled([...inFlight]);
    },
  };
}
