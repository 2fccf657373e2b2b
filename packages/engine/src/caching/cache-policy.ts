import { stableHash } from './hash';

/** What a cache policy may look at when computing a task run's cache key. */
export interface CacheKeyContext {
  /** The task's stable key (`name-hash`), the same for every call of the task. */
  taskKey: string;
  /** The task function's source text (`fn.toString()`), captured when the task is defined. */
  taskSource: string;
  /** The task run's bound parameters, by name. */
  parameters: Record<string, unknown>;
  /** The enclosing flow run, or `null` for a task called outside a flow. */
  flowRunId: string | null;
  /** This task run's id. */
  taskRunId: string;
  /** The enclosing flow run's parameters, or `null` outside a flow. */
  flowParameters: Record<string, unknown> | null;
}

/**
 * Decides the cache key of a task run: runs with the same key share one persisted result, so the
 * second finds the first's result and finishes `Cached` without running. `null` means "no key":
 * the run is not cached.
 *
 * Policies compose with {@link CachePolicy.add} (the compound key hashes every non-null sub-key)
 * and {@link CachePolicy.exclude} (drop parameters from the inputs hash).
 * @example cachePolicies.INPUTS.exclude('logger').add(cachePolicies.TASK_SOURCE)
 */
export abstract class CachePolicy {
  /** A short description of the policy, for logs (`inputs-exclude(x)+taskSource`). */
  abstract readonly name: string;

  /**
   * The cache key for a run, or `null` for no caching.
   * @throws {HashError} when a value cannot be hashed; {@link computeCacheKey} turns that into `null`.
   */
  abstract computeKey(ctx: CacheKeyContext): string | null;

  /** The sub-policies of this policy, in order: itself unless it is compound. */
  get policies(): readonly CachePolicy[] {
    return [this];
  }

  /**
   * A policy whose key combines this policy's key and `other`'s. Adding {@link NoCachePolicy} changes
   * nothing, and `(a.add(b)).add(c)` equals `a.add(b.add(c))`.
   */
  add(other: CachePolicy): CachePolicy {
    if (other instanceof NoCachePolicy) return this;
    return new CompoundCachePolicy([...this.policies, ...other.policies]);
  }

  /**
   * The same policy with these parameters left out of the inputs hash. Only inputs policies (and
   * compounds containing them) depend on parameters; on any other policy this returns it unchanged.
   */
  exclude(..._parameterNames: string[]): CachePolicy {
    return this;
  }
}

/** The policy that never produces a key: runs are not cached. `NONE.add(p)` is `p`. */
export class NoCachePolicy extends CachePolicy {
  readonly name = 'none';

  computeKey(_ctx: CacheKeyContext): string | null {
    return null;
  }

  override get policies(): readonly CachePolicy[] {
    return [];
  }

  override add(other: CachePolicy): CachePolicy {
    return other;
  }
}

/**
 * Several policies at once: the key is the hash of the sub-keys that are not `null`, in order; when
 * every sub-key is `null`, the key is `null`. Build it with {@link CachePolicy.add}.
 */
export class CompoundCachePolicy extends CachePolicy {
  readonly name: string;
  readonly #policies: readonly CachePolicy[];

  constructor(policies: readonly CachePolicy[]) {
    super();
    this.#policies = policies.flatMap((p) => p.policies);
    this.name = this.#policies.map((p) => p.name).join('+') || 'none';
  }

  override get policies(): readonly CachePolicy[] {
    return this.#policies;
  }

  computeKey(ctx: CacheKeyContext): string | null {
    const keys: string[] = [];
    for (const policy of this.#policies) {
      const key = policy.computeKey(ctx);
      if (key !== null) keys.push(key);
    }
    return keys.length === 0 ? null : stableHash(keys);
  }

  override exclude(...parameterNames: string[]): CachePolicy {
    return new CompoundCachePolicy(this.#policies.map((p) => p.exclude(...parameterNames)));
  }
}
