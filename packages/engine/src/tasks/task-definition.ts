import type { TaskRunPolicy } from '@weft/schemas';
import { resolveCachePolicy } from '../caching/cache-policies';
import type { CachePolicy } from '../caching/cache-policy';
import { checkRetryJitterFactor, resolveRetryDelays } from '../retries/retry-delay';
import { parameterNames } from './parameter-names';
import type { AnyTask, TaskOptions } from './task-types';

/** What the engine derives once from a task's options. @internal */
export interface TaskDefinition {
  parameterNames: (string | null)[];
  source: string;
  /** `null` when results are not persisted (then nothing is cached). */
  cachePolicy: CachePolicy | null;
  /** `undefined` = decide at run time from the settings. */
  persistResult: boolean | undefined;
  /** Seconds before each retry (the last repeats). */
  retryDelays: number[];
  retryJitterFactor: number | null;
  empiricalPolicy: Partial<TaskRunPolicy>;
}

const definitions = new WeakMap<AnyTask, TaskDefinition>();

/**
 * Resolve caching and persistence the way Prefect's `@task` does (reference §3.3): a cache key
 * function wins over a policy; an explicit policy, key function or result store turns persistence
 * on; `persistResult: false` means no caching; a `none` policy caches nothing. @internal
 */
export function defineTaskDefinition(task: AnyTask, options: TaskOptions): TaskDefinition {
  const source = Function.prototype.toString.call(task.fn);
  const policy = resolveCachePolicy(options.cachePolicy);
  const explicit =
    options.cachePolicy !== undefined ||
    options.cacheKeyFn !== undefined ||
    options.resultStore !== undefined;
  const persistResult = options.persistResult ?? (explicit ? true : undefined);
  const retryDelays = resolveRetryDelays(options.retryDelaySeconds, options.retries ?? 0);
  const retryJitterFactor = checkRetryJitterFactor(options.retryJitterFactor);
  const definition: TaskDefinition = {
    parameterNames: parameterNames(task.fn),
    source,
    cachePolicy: persistResult === false || policy.policies.length === 0 ? null : policy,
    persistResult,
    retryDelays,
    retryJitterFactor,
    empiricalPolicy: {
      retries: options.retries ?? 0,
      retryDelaySeconds: retryDelays.length === 1 ? retryDelays[0]! : retryDelays,
      retryJitterFactor,
    },
  };
  definitions.set(task, definition);
  return definition;
}

/** The definition of a task made by `task()`. @internal */
export function taskDefinitionOf(task: AnyTask): TaskDefinition {
  const found = definitions.get(task);
  if (!found) throw new TypeError(`${task.name} is not a task made by task()`);
  return found;
}
