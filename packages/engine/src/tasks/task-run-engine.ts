import { type JsonObject, type State, type TaskRunCreate, uuid7 } from '@weft/schemas';
import type { EngineSession } from '../config/engine-session';
import {
  type FlowRunContext,
  findRunContext,
  type TaskRunContext,
  withRunContext,
} from '../context/run-context';
import type { RunOutcome } from '../futures/future';
import { createRunLogger, type RunLogger } from '../logging/run-logger';
import { formatRunName } from '../naming/run-name';
import { runState } from '../recording/run-state';
import { dynamicKeyFor, nextOccurrence } from '../results/result-keys';
import { bindParameters } from './parameter-names';
import { finishTaskRun } from './task-attempts';
import { prepareCacheKey } from './task-cache';
import { taskDefinitionOf } from './task-definition';
import {
  argsHaveFutures,
  plainInputs,
  type ResolvedInputs,
  resolveInputs,
  toTaskInputs,
} from './task-inputs';
import type { TaskRunPlan } from './task-plan';
import type { AnyTask } from './task-types';

/** A call of a task, identified before it runs. @internal */
export interface TaskCall {
  task: AnyTask;
  args: unknown[];
  waitFor: unknown[];
  id: string;
  /** Hash of the inputs (futures by identity) and the occurrence among equal calls. */
  inputsHash: string;
  occurrence: number;
  /** `taskKey/inputsHash/occurrence`: stable across flow attempts. */
  identity: string;
  pending: State;
  flow: FlowRunContext | undefined;
  parentTask: TaskRunContext | undefined;
  /** The latest state, read by the call's future. */
  current: State;
  /** How the run ended, once it has. */
  outcome?: RunOutcome<unknown>;
}

/**
 * Identify a task call synchronously (so `submit()` can return a future with an id at once). Its
 * identity is the task key, the hash of its inputs and its rank among calls with the very same
 * inputs in this flow attempt: never its position among all calls (Prefect issue 22259). @internal
 */
export function identifyTaskCall(options: {
  task: AnyTask;
  args: unknown[];
  waitFor: unknown[];
  inputsHash: string;
}): TaskCall {
  const context = findRunContext();
  const flow = context?.flowRun;
  const occurrence = flow ? nextOccurrence(flow.occurrences, options.task.taskKey, options.inputsHash) : 0;
  const now = Date.now();
  const id = uuid7(now);
  const flowRunId = flow?.flowRun.id ?? null;
  const pending = runState('PENDING', {
    timestamp: new Date(now),
    stateDetails: { flowRunId, taskRunId: id },
  });
  // One literal, every field in the same order: calls share a hidden class.
  return {
    task: options.task,
    args: options.args,
    waitFor: options.waitFor,
    id,
    inputsHash: options.inputsHash,
    occurrence,
    identity: `${options.task.taskKey}/${options.inputsHash}/${occurrence}`,
    pending,
    flow,
    parentTask: context?.taskRun,
    current: pending,
    outcome: undefined,
  };
}

function runName(task: AnyTask, id: string, parameters: Record<string, unknown>): string {
  const template = task.options.taskRunName;
  if (template === undefined) return `${task.name}-${id.slice(-3)}`;
  return formatRunName(template, { parameters, variables: { taskName: task.name } });
}

function createRecord(call: TaskCall, resolved: ResolvedInputs, name: string): TaskRunCreate {
  const { task, flow } = call;
  const definition = taskDefinitionOf(task);
  return {
    id: call.id,
    name,
    flowRunId: flow?.flowRun.id ?? null,
    taskKey: task.taskKey,
    // Task runs are new rows in each flow attempt; results and caches carry across attempts by key.
    dynamicKey: `${flow?.runCount ?? 1}.${dynamicKeyFor(call)}`,
    taskVersion: task.options.version ?? null,
    tags: [...new Set([...(task.options.tags ?? []), ...(flow?.flowRun.tags ?? [])])],
    taskInputs: toTaskInputs(resolved.upstream, definition.parameterNames, call.parentTask?.taskRun.id),
    empiricalPolicy: definition.empiricalPolicy,
    flowRunRunCount: flow?.runCount ?? 0,
    createdAt: call.pending.timestamp,
  };
}

/**
 * Run a task call through its whole client-side lifecycle (reference §3.5): Pending → resolve
 * inputs (NotReady when an upstream failed) → cache lookup (Cached) → Running → Completed, or
 * AwaitingRetry → Retrying, or Failed / TimedOut. Every run and state goes to the recorder, never
 * one HTTP call per task. Never rejects: failure is data in the outcome. @internal
 */
export function runTaskCall(call: TaskCall, session: EngineSession): Promise<RunOutcome<unknown>> {
  try {
    // Most calls pass plain values: skip the async resolution (and its microtasks) for them.
    if (call.waitFor.length > 0 || argsHaveFutures(call.args)) {
      return resolveInputs(call.args, call.waitFor, call.flow?.results).then((resolved) =>
        runResolved(call, session, resolved),
      );
    }
    return Promise.resolve(runResolved(call, session, plainInputs(call.args, call.flow?.results)));
  } catch (error) {
    return Promise.reject(error);
  }
}

function runResolved(
  call: TaskCall,
  session: EngineSession,
  resolved: ResolvedInputs,
): RunOutcome<unknown> | Promise<RunOutcome<unknown>> {
  const { task, flow } = call;
  const definition = taskDefinitionOf(task);
  const parameters = bindParameters(definition.parameterNames, resolved.args);
  let name: string;
  let logger: RunLogger | undefined;
  const getLogger = () => {
    logger ??= createRunLogger({
      name: 'weft.task_runs',
      shipper: session.logs,
      flowRunId: flow?.flowRun.id ?? null,
      taskRunId: call.id,
    });
    return logger;
  };
  try {
    name = runName(task, call.id, parameters);
  } catch (error) {
    name = `${task.name}-${call.id.slice(-3)}`;
    getLogger().warning(`Could not format the task run name: ${(error as Error).message}`);
  }
  const record = createRecord(call, resolved, name);
  const plan: TaskRunPlan = {
    call,
    session,
    record,
    parameters: parameters as JsonObject,
    args: resolved.args,
    getLogger,
    lastTimestamp: call.pending.timestamp.getTime(),
    cacheKey: null,
  };
  if (!resolved.failedUpstream) prepareCacheKey(plan);
  session.recorder.createRun(record);
  session.recorder.setState(call.id, call.pending);
  if (resolved.failedUpstream) {
    const state = runState('PENDING', {
      name: 'NotReady',
      timestamp: nextTimestamp(plan),
      message: `Upstream task run '${resolved.failedUpstream.taskRunId}' did not reach a 'COMPLETED' state.`,
      stateDetails: { flowRunId: record.flowRunId, taskRunId: call.id },
    });
    session.recorder.setState(call.id, state);
    return { state };
  }
  return finishTaskRun(plan);
}

/** A timestamp after the run's previous state (states of one run must not share a timestamp). @internal */
export function nextTimestamp(plan: { lastTimestamp: number }): Date {
  const now = Math.max(Date.now(), plan.lastTimestamp + 1);
  plan.lastTimestamp = now;
  return new Date(now);
}

/** Run `fn` as the body of a task run: with the task run as the current context. @internal */
export function inTaskContext<T>(context: TaskRunContext, flow: FlowRunContext | undefined, fn: () => T): T {
  return withRunContext({ flowRun: flow, taskRun: context }, fn);
}
