import { RetryOptionsError } from '../errors';

/** The most retry delays a task may list (reference §3.3). */
export const MAX_RETRY_DELAYS = 50;

/** Computes the list of delays (seconds) for a given number of retries. */
export type RetryDelayFn = (retries: number) => number[];

/** A task's or flow's `retryDelaySeconds` option. */
export type RetryDelayInput = number | readonly number[] | RetryDelayFn;

/**
 * Delays that double with each retry: `factor·2^r` seconds for retry `r` (0-based), capped at
 * {@link MAX_RETRY_DELAYS} entries, as Prefect's `exponential_backoff`.
 * @example task({ name: 'fetch', retries: 3, retryDelaySeconds: exponentialBackoff(10) }, fetchPage) // 10, 20, 40 s
 */
export function exponentialBackoff(factor: number): RetryDelayFn {
  if (!Number.isFinite(factor) || factor < 0) {
    throw new RetryOptionsError(`exponentialBackoff factor must be a number ≥ 0, got ${factor}`);
  }
  return (retries: number) =>
    Array.from({ length: Math.max(0, Math.min(retries, MAX_RETRY_DELAYS)) }, (_, r) => factor * 2 ** r);
}

function checkDelay(delay: unknown, where: string): number {
  if (typeof delay !== 'number' || !Number.isFinite(delay) || delay < 0) {
    throw new RetryOptionsError(`${where} must be a finite number of seconds ≥ 0, got ${String(delay)}`);
  }
  return delay;
}

function checkList(delays: readonly unknown[], where: string): number[] {
  if (delays.length > MAX_RETRY_DELAYS) {
    throw new RetryOptionsError(`${where} can list at most ${MAX_RETRY_DELAYS} delays, got ${delays.length}`);
  }
  return delays.map((d, i) => checkDelay(d, `${where}[${i}]`));
}

/**
 * The validated list of delays (seconds) for a task with `retries` retries. A scalar becomes a
 * one-element list (every retry waits that long); a function is called with `retries`.
 * @param retryDelaySeconds the option as written. @default 0
 * @throws {RetryOptionsError} for a negative or non-finite delay, or more than 50 entries.
 * @example resolveRetryDelays(exponentialBackoff(2), 3) // [2, 4, 8]
 */
export function resolveRetryDelays(
  retryDelaySeconds: RetryDelayInput | undefined,
  retries: number,
): number[] {
  if (!Number.isInteger(retries) || retries < 0) {
    throw new RetryOptionsError(`retries must be a whole number ≥ 0, got ${retries}`);
  }
  if (retryDelaySeconds === undefined) return [0];
  if (typeof retryDelaySeconds === 'number') return [checkDelay(retryDelaySeconds, 'retryDelaySeconds')];
  if (typeof retryDelaySeconds === 'function') {
    const delays: unknown = retryDelaySeconds(retries);
    if (!Array.isArray(delays)) {
      throw new RetryOptionsError('A retryDelaySeconds function must return a list of seconds');
    }
    return checkList(delays, 'retryDelaySeconds()');
  }
  if (!Array.isArray(retryDelaySeconds)) {
    throw new RetryOptionsError('retryDelaySeconds must be a number, a list of numbers or a function');
  }
  return checkList(retryDelaySeconds, 'retryDelaySeconds');
}

/**
 * Validates a `retryJitterFactor` option.
 * @throws {RetryOptionsError} when it is negative or not finite.
 */
export function checkRetryJitterFactor(jitterFactor: number | null | undefined): number | null {
  if (jitterFactor === null || jitterFactor === undefined) return null;
  if (!Number.isFinite(jitterFactor) || jitterFactor < 0) {
    throw new RetryOptionsError(`retryJitterFactor must be a number ≥ 0, got ${jitterFactor}`);
  }
  return jitterFactor;
}

/**
 * Prefect's `clamped_poisson_interval`: the wait of a Poisson process with mean interval `base`
 * (an exponential sample), clamped above at `base·(1+jitterFactor)` by drawing the uniform variate
 * only from `[0, cdf(upper))`. The result is in `[0, base·(1+jitterFactor)]`, so a 10 s delay with
 * factor 0.5 waits anywhere up to 15 s, mostly less than 10.
 */
function clampedPoissonInterval(base: number, jitterFactor: number, random: () => number): number {
  const upper = base * (1 + jitterFactor);
  const upperRv = 1 - Math.exp(-upper / base);
  // Stabilise the logarithm as Prefect does, so a random() of exactly the bound never yields log(0).
  return Math.max(0, -Math.log(Math.max(1 - random() * upperRv, 1e-10)) * base);
}

/** Options for {@link retryDelayFor}. */
export interface RetryDelayForOptions {
  /** The retry about to happen: 1 for the first retry. */
  attempt: number;
  /** From {@link resolveRetryDelays}. An empty list means no wait. */
  delays: readonly number[];
  /**
   * Jitter: the delay becomes a Poisson-style draw in `[0, base·(1+jitterFactor)]`.
   * @default null (no jitter)
   */
  jitterFactor?: number | null;
  /** Uniform random numbers in [0, 1); inject for tests. @default Math.random */
  random?: () => number;
}

/**
 * How long to wait (seconds) before retry number `attempt`: `delays[min(attempt-1, len-1)]`, so the
 * last delay repeats once the list runs out, then jittered when `jitterFactor` is set and the base
 * delay is above 0.
 *
 * Unlike Prefect, whose engine ignores `retry_jitter_factor` for client-side task retries and only
 * the server's retry rule applies it, Weft applies jitter wherever it computes a delay, task retries
 * included: spreading retries of many runs that failed together is the point of the option.
 * @example retryDelayFor({ attempt: 5, delays: [1, 10] }) // 10
 */
export function retryDelayFor(options: RetryDelayForOptions): number {
  const { attempt, delays } = options;
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RetryOptionsError(`attempt must be a whole number ≥ 1, got ${attempt}`);
  }
  if (delays.length === 0) return 0;
  const base = delays[Math.min(attempt - 1, delays.length - 1)]!;
  const jitterFactor = checkRetryJitterFactor(options.jitterFactor);
  if (jitterFactor === null || jitterFactor === 0 || base <= 0) return base;
  return clampedPoissonInterval(base, jitterFactor, options.random ?? Math.random);
}
