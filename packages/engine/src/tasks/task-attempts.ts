import type { JsonValue, State } from '@weft/schemas';
import { acquireTagSlots } from '../concurrency/tag-limits';
import type { TaskRunContext } from '../context/run-context';
import { RunTimeoutError } from '../errors';
import { toSerializedError } from '../errors/serialize-error';
import type { RunOutcome } from '../futures/future';
import { installLogPrints } from '../logging/log-prints';
import type { RunLogger } from '../logging/run-logger';
import { runState } from '../recording/run-state';
import { taskResultKey } from '../results/result-keys';
import { retryDelayFor } from '../retries/retry-delay';
import { toStateData } from './result-data';
import { resultStoreOf, shouldPersist, tryCache } from './task-cache';
import { taskDefinitionOf } from './task-definition';
import { details, emit, fire, info, type TaskRunPlan } from './task-plan';
import { inTaskContext, nextTimestamp } from './task-run-engine';
import type { AnyTask, TaskRunInfo } from './task-types';
import { runWithTimeout } from './timeout';

const NEVER_ABORTED = new AbortController();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The task function's promise; a synchronous throw becomes a rejection. */
function callTask(plan: TaskRunPlan): Promise<unknown> {
  try {
    // A native promise is passed through as is: no extra promise per call.
    return Promise.resolve(plan.call.task.fn(...(plan.args as never[])));
  } catch (error) {
    return Promise.reject(error);
  }
}

function runOnce(plan: TaskRunPlan, runCount: number): Promise<unknown> {
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
    fn: () => inTaskContext(context, call.flow, () => callTask(plan)),
    timeoutSeconds,
    controller,
    message: `Task run exceeded timeout of ${timeoutSeconds} second(s)`,
  });
}

type Completed = { state: State; value: unknown };

/** Complete the run: without a result to persist or hooks to fire, synchronously. */
function complete(
  plan: TaskRunPlan,
  value: unknown,
  cacheKey: string | null,
  runCount: number,
): Completed | Promise<Completed> {
  if (shouldPersist(plan)) return persistAndComplete(plan, value, cacheKey, runCount);
  return completed(plan, value, { type: 'unpersisted' }, { cacheKey, cacheExpiration: null, runCount });
}

function completed(
  plan: TaskRunPlan,
  value: unknown,
  data: JsonValue,
  options: { cacheKey: string | null; cacheExpiration: Date | null; runCount: number },
): Completed | Promise<Completed> {
  const { cacheKey, cacheExpiration } = options;
  const state = emit(
    plan,
    runState('COMPLETED', {
      timestamp: nextTimestamp(plan),
      data,
      stateDetails: details(plan, cacheKey ? { cacheKey, cacheExpiration } : {}),
    }),
  );
  const hooks = fire(plan, 'onCompletion', options.runCount, state);
  return hooks ? hooks.then(() => ({ state, value })) : { state, value };
}

async function persistAndComplete(
  plan: TaskRunPlan,
  value: unknown,
  cacheKey: string | null,
  runCount: number,
): Promise<Completed> {
  const { task } = plan.call;
  let data: JsonValue = { type: 'unpersisted' };
  const seconds = task.options.cacheExpiration;
  const cacheExpiration = seconds === undefined ? null : new Date(Date.now() + seconds * 1000);
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
  return completed(plan, value, data, { cacheKey, cacheExpiration, runCount });
}

/** Run the attempts of a task run (retries included) and record its states. @internal */
export async function finishTaskRun(plan: TaskRunPlan): Promise<RunOutcome<unknown>> {
  const { cacheKey } = plan;
  if (cacheKey) {
    const cached = await tryCache(plan, cacheKey);
    if (cached) return cached;
  }
  // Task tag limits: untagged runs skip this entirely; tagged ones hold their slots until done.
  const tagSlots = plan.record.tags?.length ? await acquireTagSlots(plan.session, plan.record) : null;
  if (!tagSlots) return runAttempts(plan);
  try {
    return await runAttempts(plan);
  } finally {
    await tagSlots.release().catch(() => {});
  }
}

async function runAttempts(plan: TaskRunPlan): Promise<RunOutcome<unknown>> {
  const { task } = plan.call;
  const { cacheKey } = plan;
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
      const done = complete(plan, value, cacheKey, runCount);
      return done instanceof Promise ? await done : done;
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
