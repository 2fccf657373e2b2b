import type { JsonObject, JsonValue, State, TaskRunCreate } from '@weft/schemas';
import { cachePolicies } from '../caching/cache-policies';
import { computeCacheKey } from '../caching/compute-cache-key';
import type { EngineSession } from '../config/engine-session';
import type { TaskRunContext } from '../context/run-context';
import { RunTimeoutError } from '../errors';
import { toSerializedError } from '../errors/serialize-error';
import type { RunOutcome } from '../futures/future';
import { installLogPrints } from '../logging/log-prints';
import type { RunLogger } from '../logging/run-logger';
import { runState } from '../recording/run-state';
import { taskResultKey } from '../results/result-keys';
import type { ResultStore } from '../results/result-store';
import { retryDelayFor } from '../retries/retry-delay';
import { toStateData } from './result-data';
import { runHooks } from './run-hooks';
import { taskDefinitionOf } from './task-definition';
import { inTaskContext, nextTimestamp, type TaskCall } from './task-run-engine';
import type { AnyTask, TaskRunInfo } from './task-types';
import { runWithTimeout } from './timeout';

/** Everything a task run needs once its inputs are resolved. @internal */
export interface TaskRunPlan {
  call: TaskCall;
  session: EngineSession;
  record: TaskRunCreate;
  parameters: JsonObject;
  args: unknown[];
  getLogger: () => RunLogger;
  lastTimestamp: number;
  /** Set by {@link prepareCacheKey} before the run is recorded. */
  cacheKey: string | null;
}

const NEVER_ABORTED = new AbortController();
/** The server's limit on a cache key (reference §2.5 CacheInsertion). */
const MAX_CACHE_KEY_LENGTH = 2000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function info(plan: TaskRunPlan, runCount: number): TaskRunInfo {
  const { record } = plan;
  return {
    id: record.id,
    name: record.name,
    flowRunId: record.flowRunId,
    taskKey: record.taskKey,
    runCount,
    tags: record.tags ?? [],
    parameters: plan.parameters,
  };
}

/** Fire a task's hooks for a state; nothing (not even a microtask) when it has none. */
function fire(
  plan: TaskRunPlan,
  kind: 'onCompletion' | 'onFailure' | 'onRunning',
  runCount: number,
  state: State,
): Promise<void> | undefined {
  const { task } = plan.call;
  const hooks = task.options[kind];
  if (!hooks) return undefined;
  return runHooks(hooks, [task, info(plan, runCount), state], { kind, logger: plan.getLogger });
}

function emit(plan: TaskRunPlan, state: State): State {
  plan.session.recorder.setState(plan.record.id, state);
  plan.call.onState?.(state);
  return state;
}

function details(plan: TaskRunPlan, extra: Partial<State['stateDetails']> = {}): State['stateDetails'] {
  return { flowRunId: plan.record.flowRunId, taskRunId: plan.record.id, ...extra };
}

function resultStoreOf(plan: TaskRunPlan): ResultStore {
  return plan.call.task.options.resultStore ?? plan.call.flow?.resultStore ?? plan.session.resultStore;
}

function shouldPersist(plan: TaskRunPlan): boolean {
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

/** Look the cache key up in the result store; a hit finishes the run `Cached`. */
async function tryCache(plan: TaskRunPlan, cacheKey: string): Promise<RunOutcome<unknown> | undefined> {
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

async function runOnce(plan: TaskRunPlan, runCount: number): Promise<unknown> {
  const { call } = plan;
  const timeoutSeconds = call.task.options.timeoutSeconds;
  // Without a timeout nothing aborts the run, so every such run can share one quiet signal.
  const controller = timeoutSeconds === undefined ? NEVER_ABORTED : new AbortController();
  const logPrints =
    call.task.options.logPrints ?? call.parentTask?.logPrints ?? call.flow?.logPrints ?? false;
  if (logPrints) installLogPrints();
  let logger: RunLogger | undefined;
  const context: TaskRunContext = {
    kind: 'task',
    task: call.task,
    taskRun: plan.record as TaskRunContext['taskRun'],
    parameters: plan.parameters,
    runCount,
    state: call.pending,
    get logger() {
      logger ??= plan.getLogger();
      return logger;
    },
    logPrints,
    signal: controller.signal,
  };
  return runWithTimeout({
    fn: () => inTaskContext(context, call.flow, async () => call.task.fn(...plan.args)),
    timeoutSeconds,
    controller,
    message: `Task run exceeded timeout of ${timeoutSeconds} second(s)`,
  });
}

async function complete(plan: TaskRunPlan, value: unknown, cacheKey: string | null, runCount: number) {
  const { task } = plan.call;
  let data: JsonValue = { type: 'unpersisted' };
  let cacheExpiration: Date | null = null;
  if (shouldPersist(plan)) {
    const seconds = task.options.cacheExpiration;
    cacheExpiration = seconds === undefined ? null : new Date(Date.now() + seconds * 1000);
    const flowRunId = plan.record.flowRunId;
    const { inputsHash, occurrence } = plan.call;
    const key =
      cacheKey ??
      (flowRunId
        ? taskResultKey({ flowRunId, taskKey: task.taskKey, inputsHash, occurrence })
        : `task-runs/${plan.record.id}`);
    try {
      data = toStateData(await resultStoreOf(plan).write(key, value, { expiration: cacheExpiration }));
    } catch (error) {
      plan.getLogger().warning(`Could not persist the result: ${(error as Error).message}`);
    }
  }
  const state = emit(
    plan,
    runState('COMPLETED', {
      timestamp: nextTimestamp(plan),
      data,
      stateDetails: details(plan, cacheKey ? { cacheKey, cacheExpiration } : {}),
    }),
  );
  const hooks = fire(plan, 'onCompletion', runCount, state);
  if (hooks) await hooks;
  return { state, value };
}

/** Run the attempts of a task run (retries included) and record its states. @internal */
export async function finishTaskRun(plan: TaskRunPlan): Promise<RunOutcome<unknown>> {
  const { task } = plan.call;
  const { cacheKey } = plan;
  if (cacheKey) {
    const cached = await tryCache(plan, cacheKey);
    if (cached) return cached;
  }
  const retries = task.options.retries ?? 0;
  let runName = 'Running';
  for (let runCount = 1; ; runCount++) {
    const running = emit(
      plan,
      runState('RUNNING', { name: runName, timestamp: nextTimestamp(plan), stateDetails: details(plan) }),
    );
    const hooks = fire(plan, 'onRunning', runCount, running);
    if (hooks) await hooks;
    try {
      const value = await runOnce(plan, runCount);
      return await complete(plan, value, cacheKey, runCount);
    } catch (error) {
      const failed = failedState(plan, error);
      const retry =
        runCount <= retries && (await shouldRetry(task, info(plan, runCount), failed, plan.getLogger()));
      if (!retry) {
        emit(plan, failed);
        plan.getLogger().error(`Finished in state ${failed.name}('${failed.message}')`);
        await fire(plan, 'onFailure', runCount, failed);
        return { state: failed, error };
      }
      const definition = taskDefinitionOf(task);
      const delay = retryDelayFor({
        attempt: runCount,
        delays: definition.retryDelays,
        jitterFactor: definition.retryJitterFactor,
      });
      plan
        .getLogger()
        .info(
          `Task run failed with ${(error as Error)?.name ?? 'an error'}; retry ${runCount}/${retries} in ${delay} s`,
        );
      if (delay > 0) {
        const at = new Date(Date.now() + delay * 1000);
        emit(
          plan,
          runState('SCHEDULED', {
            name: 'AwaitingRetry',
            timestamp: nextTimestamp(plan),
            message: failed.message,
            data: failed.data,
            scheduledTime: at,
            stateDetails: details(plan),
          }),
        );
        await sleep(delay * 1000);
      }
      runName = 'Retrying';
    }
  }
}

function failedState(plan: TaskRunPlan, error: unknown): State {
  const timedOut = error instanceof RunTimeoutError;
  const serialized = toSerializedError(error);
  return runState('FAILED', {
    name: timedOut ? 'TimedOut' : 'Failed',
    timestamp: nextTimestamp(plan),
    message: timedOut ? serialized.message : `Task run encountered an exception: ${serialized.message}`,
    data: serialized as JsonValue,
    stateDetails: details(plan),
  });
}

async function shouldRetry(
  task: AnyTask,
  run: TaskRunInfo,
  state: State,
  logger: RunLogger,
): Promise<boolean> {
  if (!task.options.retryCondition) return true;
  try {
    return Boolean(await task.options.retryCondition(task, run, state));
  } catch (error) {
    logger.error('retryCondition threw; not retrying', error);
    return false;
  }
}
