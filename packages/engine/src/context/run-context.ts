import { AsyncLocalStorage } from 'node:async_hooks';
import type { FlowRun, JsonObject, State, TaskRunCreate } from '@weft/schemas';
import type { EngineSession } from '../config/engine-session';
import type { AnyFlow } from '../flows/flow-types';
import type { RunLogger } from '../logging/run-logger';
import type { ResultStore } from '../results/result-store';
import type { AnyTask } from '../tasks/task-types';

/** The deployment a flow run was started from, as `runtime.deployment` reports it. @internal */
export interface RunDeployment {
  readonly id: string;
  readonly name: string;
  readonly version: string | null;
}

/** The state of one flow run attempt that the engine keeps while it runs. @internal */
export interface FlowRunContext {
  readonly kind: 'flow';
  readonly session: EngineSession;
  readonly flow: AnyFlow;
  /** The run as last read from or written to the server. */
  flowRun: FlowRun;
  readonly parameters: JsonObject;
  /** Which attempt this is (1 on the first run, 2 on the first retry…). */
  runCount: number;
  readonly resultStore: ResultStore;
  readonly logger: RunLogger;
  readonly logPrints: boolean;
  /**
   * Occurrence counters per `taskKey + inputsHash`, reset for every attempt. A call's identity is
   * its inputs and its rank among calls with the very same inputs, never its global call order.
   */
  readonly occurrences: Map<string, number>;
  /**
   * The task run that returned each object result of this attempt, so a later call that passes the
   * very same object records it as an upstream input (the graph's edge) without a future.
   */
  readonly results: WeakMap<object, string>;
  /** Futures submitted in this attempt; the flow waits for them before it finishes. */
  readonly pending: Set<Promise<unknown>>;
  /** Aborted when the flow run times out or is cancelled. */
  readonly signal: AbortSignal;
  /** The deployment of the run, when it was started from one (by a worker or `serve`). */
  readonly deployment?: RunDeployment | undefined;
}

/** The state of one task run that the engine keeps while it runs. @internal */
export interface TaskRunContext {
  readonly kind: 'task';
  readonly task: AnyTask;
  readonly taskRun: TaskRunCreate & { id: string; name: string };
  readonly parameters: JsonObject;
  runCount: number;
  state: State;
  readonly logger: RunLogger;
  readonly logPrints: boolean;
  /** Aborted when the task run times out; pass it to `fetch` and friends to stop cooperatively. */
  readonly signal: AbortSignal;
}

/** What travels with the async call chain: the current flow run and, inside a task, the task run. */
export interface RunContext {
  readonly flowRun: FlowRunContext | undefined;
  readonly taskRun: TaskRunContext | undefined;
}

const storage = new AsyncLocalStorage<RunContext>();

/** The current run context, if any. @internal */
export function findRunContext(): RunContext | undefined {
  return storage.getStore();
}

/** Run `fn` with `context` as the current run context. @internal */
export function withRunContext<T>(context: RunContext, fn: () => T): T {
  return storage.run(context, fn);
}
