import type { State } from '@weft/schemas';
import type { z } from 'zod';
import type { DeployOptions, ServeDeploymentOptions, ServeOptions } from '../deployments/deploy-options';
import type { DeploymentHandle, FlowTypes } from '../deployments/deployment-types';
import type { ServableDeployment, ServeHandle } from '../deployments/serve/serve';
import type { RunNameTemplate } from '../naming/run-name';
import type { ResultStore } from '../results/result-store';
import type { RetryDelayInput } from '../retries/retry-delay';

/** What a flow hook receives about the run. */
export interface FlowRunInfo {
  id: string;
  name: string;
  flowName: string;
  runCount: number;
  tags: string[];
  parameters: Record<string, unknown>;
  parentTaskRunId: string | null;
}

/** A flow state hook: `(flow, flowRun, state)`. Errors are logged, never propagate. */
export type FlowHook = (flow: AnyFlow, flowRun: FlowRunInfo, state: State) => void | Promise<void>;

/** Options of {@link flow}. Defaults follow Prefect's `@flow`. */
export interface FlowOptions<TSchema extends z.ZodType | undefined = z.ZodType | undefined> {
  /** @default the function's name */
  name?: string;
  description?: string;
  /** @default md5 of the function's source */
  version?: string;
  /** Tags of every run. @default [] */
  tags?: string[];
  /** A zod schema of the parameters: calls are validated and the parameter JSON Schema derived. */
  parameters?: TSchema;
  /** Retries granted by the server's policy. @default 0 */
  retries?: number;
  /** @default 0 */
  retryDelaySeconds?: RetryDelayInput;
  /** Fail the run `TimedOut` after this many seconds; `runtime.flowRun.signal` aborts. @default none */
  timeoutSeconds?: number;
  /** Persist the returned value. @default true for subflows (so a retried parent re-uses them), else WEFT_RESULTS_PERSIST_BY_DEFAULT */
  persistResult?: boolean;
  /** Where results go, for the flow and its tasks. @default local files in $WEFT_HOME/storage */
  resultStore?: ResultStore;
  /** A name template (`'etl-{date}'`) or a function of `{ parameters }`. @default adjective-animal */
  flowRunName?: RunNameTemplate;
  /** Send `console.*` output to the run logger. @default false */
  logPrints?: boolean;
  onCompletion?: FlowHook | FlowHook[];
  onFailure?: FlowHook | FlowHook[];
  onCrashed?: FlowHook | FlowHook[];
  onCancellation?: FlowHook | FlowHook[];
  onRunning?: FlowHook | FlowHook[];
}

/** A finished flow run: its id, final state and (when completed) value. */
export interface FlowRunOutcome<TReturn> {
  flowRunId: string;
  state: State;
  /** The value, or the run's error thrown. */
  result(): Promise<TReturn>;
}

/**
 * A flow: call it to run it (a subflow when called inside a flow or task). `TParams` is the type
 * of its parameters by name (from its zod schema), used by deployments and `runDeployment`.
 */
export interface Flow<TArgs extends unknown[], TReturn, TParams = Record<string, unknown>> {
  (...args: TArgs): Promise<TReturn>;
  readonly kind: 'flow';
  readonly name: string;
  readonly options: Readonly<FlowOptions>;
  readonly fn: (...args: never[]) => unknown;
  /** The JSON Schema of the parameters (from the zod schema, else from the parameter names). */
  readonly parameterSchema: Record<string, unknown>;
  /** Run and return the final state instead of throwing on failure. */
  returnState(...args: TArgs): Promise<FlowRunOutcome<TReturn>>;
  /** Run with parameters by name (as the CLI and workers do). */
  runWithParameters(parameters: Record<string, unknown>): Promise<FlowRunOutcome<TReturn>>;
  /** A copy with some options changed. */
  with(options: FlowOptions): Flow<TArgs, TReturn, TParams>;
  /** Type-only: the parameter and result types, for `runDeployment` and `@weft/client`. Never set. */
  readonly '~types'?: FlowTypes<TParams, TReturn> | undefined;
  /**
   * Register (upsert) a deployment of this flow on a work pool, whose workers run it; returns a
   * typed handle for `runDeployment`.
   * @example await etl.deploy({ name: 'nightly', workPool: 'local', schedules: [{ cron: '0 2 * * *', timezone: 'Europe/Berlin' }] });
   */
  deploy(options: DeployOptions<TParams>): Promise<DeploymentHandle<TParams, TReturn>>;
  /**
   * Register a deployment without a work pool and run its runs in this process until stopped
   * (SIGINT/SIGTERM or `stop()`).
   * @example const { done } = await etl.serve({ name: 'dev', schedules: [{ interval: 60 }] }); await done;
   */
  serve(options: ServeOptions<TParams>): Promise<ServeHandle<TParams, TReturn>>;
  /** A deployment of this flow for `serve(a.toDeployment(…), b.toDeployment(…))`. */
  toDeployment(options: ServeDeploymentOptions<TParams>): ServableDeployment<TParams, TReturn>;
}

/** Any flow. */
// biome-ignore lint/suspicious/noExplicitAny: the widest flow type must accept every argument list
export type AnyFlow = Flow<any[], unknown, any>;
