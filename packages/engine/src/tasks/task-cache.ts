import { cachePolicies } from '../caching/cache-policies';
import { computeCacheKey } from '../caching/compute-cache-key';
import type { RunOutcome } from '../futures/future';
import { runState } from '../recording/run-state';
import type { ResultStore } from '../results/result-store';
import { toStateData } from './result-data';
import { taskDefinitionOf } from './task-definition';
import { details, emit, fire, type TaskRunPlan } from './task-plan';
import { nextTimestamp } from './task-run-engine';

/** The server's limit on a cache key (reference §2.5 CacheInsertion). */
const MAX_CACHE_KEY_LENGTH = 2000;

/** Where this run's result goes: the task's store, the flow's, or the session default. @internal */
export function resultStoreOf(plan: TaskRunPlan): ResultStore {
  return plan.call.task.options.resultStore ?? plan.call.flow?.resultStore ?? plan.session.resultStore;
}

/** Whether this run's result is persisted (and so cached). @internal */
export function shouldPersist(plan: TaskRunPlan): boolean {
  return taskDefinitionOf(plan.call.task).persistResult ?? plan.session.settings.persistByDefault;
}

function cacheKeyOf(plan: TaskRunPlan): string | null {
  const { call } = plan;
  const definition = taskDefinitionOf(call.task);
  if (!definition.cachePolicy && !call.task.options.cacheKeyFn) return null;
  const { key, error, source } = computeCacheKey({
    policy: definition.cachePolicy ?? cachePolicies.NONE,
    cacheKeyFn: call.task.options.cacheKeyFn,
    ctx: {
      taskKey: call.task.taskKey,
      taskSource: definition.source,
      parameters: plan.parameters,
      flowRunId: call.flow?.flowRun.id ?? null,
      taskRunId: call.id,
      flowParameters: call.flow?.parameters ?? null,
    },
  });
  if (error) plan.getLogger().warning(`Not caching this run: ${error.message}`);
  // A policy's key is scoped to the task's name: two tasks whose inputs hash alike must not share
  // results. A cacheKeyFn's key is used as written, so tasks can share a cache on purpose.
  const scoped = key === null || source === 'cacheKeyFn' ? key : `${call.task.name}/${key}`;
  if (scoped !== null && scoped.length > MAX_CACHE_KEY_LENGTH) {
    plan
      .getLogger()
      .warning(`Not caching this run: its cache key is longer than ${MAX_CACHE_KEY_LENGTH} characters`);
    return null;
  }
  return scoped;
}

/**
 * Compute the run's cache key (only when its result persists) and put it, with the expiration it
 * would get, on the task run record before the record is queued. @internal
 */
export function prepareCacheKey(plan: TaskRunPlan): void {
  plan.cacheKey = shouldPersist(plan) ? cacheKeyOf(plan) : null;
  if (!plan.cacheKey) return;
  const seconds = plan.call.task.options.cacheExpiration;
  plan.record.cacheKey = plan.cacheKey;
  plan.record.cacheExpiration = seconds === undefined ? null : new Date(Date.now() + seconds * 1000);
}

/** Look the cache key up in the result store; a hit finishes the run `Cached`. @internal */
export async function tryCache(
  plan: TaskRunPlan,
  cacheKey: string,
): Promise<RunOutcome<unknown> | undefined> {
  const { task } = plan.call;
  if (task.options.refreshCache) return undefined;
  const found = await resultStoreOf(plan)
    .read(cacheKey)
    .catch((error: unknown) => {
      plan.getLogger().warning(`Could not read the cached result: ${(error as Error).message}`);
      return undefined;
    });
  if (!found) return undefined;
  const state = emit(
    plan,
    runState('COMPLETED', {
      name: 'Cached',
      timestamp: nextTimestamp(plan),
      message: 'Cached result found',
      data: toStateData(found.metadata),
      stateDetails: details(plan, { cacheKey, cacheExpiration: found.metadata.expiration ?? null }),
    }),
  );
  await fire(plan, 'onCompletion', 0, state);
  return { state, value: found.result };
}
