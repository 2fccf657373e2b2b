import type { CacheKeyContext, CachePolicy } from './cache-policy';

/**
 * A task's custom cache key function (Prefect's `cache_key_fn`). Return `null`/`undefined` (or an
 * empty string) for "do not cache this run". It must be synchronous.
 */
export type CacheKeyFn = (
  ctx: CacheKeyContext,
  parameters: Record<string, unknown>,
) => string | null | undefined;

/** Options for {@link computeCacheKey}. */
export interface ComputeCacheKeyOptions {
  /** The task's resolved policy; ignored when `cacheKeyFn` is given. */
  policy: CachePolicy;
  /** The task's custom key function, which wins over the policy. @default undefined */
  cacheKeyFn?: CacheKeyFn | undefined;
  ctx: CacheKeyContext;
}

/** The outcome of {@link computeCacheKey}. */
export interface CacheKeyResult {
  /** The cache key, or `null` for "run without caching". */
  key: string | null;
  /** Why the key is `null` when computing it failed; the caller logs it. */
  error: Error | null;
  /** What produced the key. */
  source: 'cacheKeyFn' | 'policy';
}

function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

function fromKeyFn(cacheKeyFn: CacheKeyFn, ctx: CacheKeyContext): CacheKeyResult {
  const fail = (error: Error): CacheKeyResult => ({ key: null, error, source: 'cacheKeyFn' });
  let key: unknown;
  try {
    key = cacheKeyFn(ctx, ctx.parameters);
  } catch (error) {
    return fail(toError(error));
  }
  if (key === null || key === undefined || key === '')
    return { key: null, error: null, source: 'cacheKeyFn' };
  if (typeof key === 'string') return { key, error: null, source: 'cacheKeyFn' };
  if (key instanceof Promise) {
    // Don't leave a rejection unhandled: the result is discarded either way.
    key.catch(() => undefined);
    return fail(new TypeError('cacheKeyFn must return a string synchronously, not a Promise'));
  }
  return fail(new TypeError(`cacheKeyFn must return a string or null, not ${typeof key}`));
}

/**
 * The cache key of a task run: `cacheKeyFn(ctx, parameters)` when the task has one, else the
 * policy's key. Never throws: a failure (an unhashable parameter, a throwing key function) gives
 * `key: null` and the error, and the run proceeds without caching (reference §3.4).
 * @example
 * const { key, error } = computeCacheKey({ policy: cachePolicies.DEFAULT, ctx })
 * if (error) logger.warn(`Not caching: ${error.message}`)
 */
export function computeCacheKey(options: ComputeCacheKeyOptions): CacheKeyResult {
  const { policy, cacheKeyFn, ctx } = options;
  if (cacheKeyFn) return fromKeyFn(cacheKeyFn, ctx);
  try {
    return { key: policy.computeKey(ctx), error: null, source: 'policy' };
  } catch (error) {
    return { key: null, error: toError(error), source: 'policy' };
  }
}
