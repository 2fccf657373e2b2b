import type { ConcurrencyLeaseHolder } from '@weft/schemas';
import { type ConcurrencyClient, currentHolder, resolveConcurrencyClient } from './concurrency-client';

/** Options of {@link concurrency}. */
export interface ConcurrencyOptions {
  /** Slots to take on each limit. @default 1 */
  occupy?: number;
  /** Give up waiting after this long (throws {@link ConcurrencySlotTimeoutError}). @default wait forever */
  timeoutSeconds?: number;
  /** Lease time to live; renewed in the background every third of it. @default 60 */
  ttlSeconds?: number;
  /** Who holds the slots. @default the current task run, flow run, or process */
  holder?: ConcurrencyLeaseHolder;
  /** Abort waiting (and stop renewing). */
  signal?: AbortSignal;
}

/** Waiting for a concurrency slot took longer than `timeoutSeconds`. */
export class ConcurrencySlotTimeoutError extends Error {
  constructor(names: readonly string[], timeoutSeconds: number) {
    super(`No slot on ${names.join(', ')} within ${timeoutSeconds} s`);
    this.name = 'ConcurrencySlotTimeoutError';
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** A held lease: its id (null when no named limit exists) and how to let it go. @internal */
export interface HeldSlots {
  leaseId: string | null;
  release(): Promise<void>;
}

/**
 * Acquire slots on every named limit (waiting with backoff, bounded by the server's retry hint),
 * then renew the lease in the background until released. @internal
 */
export async function acquireSlots(
  names: readonly string[],
  options: ConcurrencyOptions & { mode?: 'concurrency' | 'rate'; client?: ConcurrencyClient } = {},
): Promise<HeldSlots> {
  const client = options.client ?? (await resolveConcurrencyClient());
  const ttlSeconds = options.ttlSeconds ?? 60;
  const deadline = options.timeoutSeconds === undefined ? null : Date.now() + options.timeoutSeconds * 1000;
  let delayMs = 50;
  for (;;) {
    const result = await client.concurrencyLimits.acquire.mutate({
      names: [...names],
      slots: options.occupy ?? 1,
      mode: options.mode ?? 'concurrency',
      ttlSeconds,
      holder: options.holder ?? currentHolder(),
    });
    if (result.acquired) return holdLease(client, result.leaseId, ttlSeconds);
    const waitMs = Math.min(delayMs, result.retryAfterSeconds * 1000) * (0.75 + Math.random() * 0.5);
    if (deadline !== null && Date.now() + waitMs > deadline) {
      throw new ConcurrencySlotTimeoutError(names, options.timeoutSeconds ?? 0);
    }
    await sleep(waitMs, options.signal);
    delayMs = Math.min(delayMs * 2, 2000);
  }
}

function holdLease(client: ConcurrencyClient, leaseId: string | null, ttlSeconds: number): HeldSlots {
  if (leaseId === null) return { leaseId, release: async () => {} };
  const timer = setInterval(
    () => {
      // A failed renewal is retried on the next tick; the lease lasts three ticks.
      client.concurrencyLimits.renew.mutate({ leaseId, ttlSeconds }).catch(() => {});
    },
    Math.max(250, (ttlSeconds * 1000) / 3),
  );
  timer.unref?.();
  let released = false;
  return {
    leaseId,
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      await client.concurrencyLimits.release.mutate({ leaseId });
    },
  };
}

/**
 * Run `fn` while holding `occupy` slots of every named global concurrency limit: waits until all
 * are free (or `timeoutSeconds` passes), renews the lease while `fn` runs, releases it afterwards,
 * also when `fn` throws. Names with no limit are ignored.
 * @example
 * await concurrency('database', { occupy: 1 }, async () => query());
 */
export async function concurrency<T>(
  names: string | readonly string[],
  options: ConcurrencyOptions,
  fn: () => Promise<T> | T,
): Promise<T> {
  const held = await acquireSlots(typeof names === 'string' ? [names] : names, options);
  try {
    return await fn();
  } finally {
    await held.release();
  }
}

/** Options of {@link rateLimit}. */
export interface RateLimitOptions {
  /** Slots to take; they free themselves at the limit's slot decay rate. @default 1 */
  occupy?: number;
  /** Give up waiting after this long. @default wait forever */
  timeoutSeconds?: number;
  signal?: AbortSignal;
}

/**
 * Wait until a rate limit (a limit with `slotDecayPerSecond > 0`) has room, then take `occupy`
 * slots, which decay on their own (nothing to release).
 * @example
 * await rateLimit('github-api'); // at most `limit` calls, refilled at the decay rate
 */
export async function rateLimit(
  names: string | readonly string[],
  options: RateLimitOptions = {},
): Promise<void> {
  await acquireSlots(typeof names === 'string' ? [names] : names, { ...options, mode: 'rate' });
}
