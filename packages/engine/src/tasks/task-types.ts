import type { State } from '@weft/schemas';
import type { CachePolicyInput } from '../caching/cache-policies';
import type { CacheKeyFn } from '../caching/compute-cache-key';
import type { AllowFailure, Unmapped } from '../futures/annotations';
import type { WeftFuture, WeftFutureList } from '../futures/future';
import type { RunNameTemplate } from '../naming/run-name';
import type { ResultStore } from '../results/result-store';
import type { RetryDelayInput } from '../retries/retry-delay';

/** Seconds between retries: one number, one per retry, or a function of the retry count (`exponentialBackoff`). */
export type RetryDelaySeconds = RetryDelayInput;

/** What a task hook receives about the run. */
export interface TaskRunInfo {
  id: string;
  name: string;
  flowRunId: string | null;
  taskKey: string;
  runCount: number;
  tags: string[];
  parameters: Record<string, unknown>;
}

/** A task state hook: `(task, taskRun, state)`. Errors are logged, never propagate. */
export type TaskHook = (task: AnyTask, taskRun: TaskRunInfo, state: State) => void | Promise<void>;

/** Options of {@link task}. Defaults follow Prefect's `@task`. */
export interface TaskOptions {
  /** @default the function's name */
  name?: string;
  description?: string;
  version?: string;
  /** @default [] */
  tags?: string[];
  /** @default 0 */
  retries?: number;
  /** @default 0 */
  retryDelaySeconds?: RetryDelaySeconds;
  /** Random spread of each delay, as a fraction of it (`0.5` → ±50%). @default none */
  retryJitterFactor?: number;
  /** Decide whether a failure is retried. @default every failure is */
  retryCondition?: (task: AnyTask, taskRun: TaskRunInfo, state: State) => boolean | Promise<boolean>;
  /** Fail the run `TimedOut` after this many seconds; `runtime.taskRun.signal` aborts. @default none */
  timeoutSeconds?: number;
  /** @default 'default' (inputs + taskSource + runId), effective only when results persist */
  cachePolicy?: CachePolicyInput;
  /** A custom cache key; wins over `cachePolicy`. */
  cacheKeyFn?: CacheKeyFn;
  /** How long a cached result stays valid, in seconds. @default forever */
  cacheExpiration?: number;
  /** Run even on a cache hit and overwrite the cached result. @default false */
  refreshCache?: boolean;
  /** @default true when a cachePolicy, cacheKeyFn or resultStore is given, else WEFT_RESULTS_PERSIST_BY_DEFAULT */
  persistResult?: boolean;
  /** Where results go. @default local files in $WEFT_HOME/storage */
  resultStore?: ResultStore;
  /** A name template (`'fetch-{url}'`) or a function of `{ parameters }`. @default `{name}-{3 chars}` */
  taskRunName?: RunNameTemplate;
  /** Send `console.*` output to the run logger. @default inherited from the flow */
  logPrints?: boolean;
  onCompletion?: TaskHook | TaskHook[];
  onFailure?: TaskHook | TaskHook[];
  onRunning?: TaskHook | TaskHook[];
}

/** Options of one call: `task.with({ waitFor })(...)`. */
export interface TaskCallOptions {
  /** Futures to wait for before running, without passing their values. */
  waitFor?: Iterable<WeftFuture<unknown> | AllowFailure<WeftFuture<unknown>>>;
}

/** An argument that may be a future (resolved before the call) or wrapped in `allowFailure`. */
export type TaskArg<T> = T | WeftFuture<T> | AllowFailure<WeftFuture<T>>;
/** The arguments of a task call. */
export type TaskArgs<TArgs extends unknown[]> = { [K in keyof TArgs]: TaskArg<TArgs[K]> };
/** The arguments of a `.map()` call: an iterable to map over, or a value passed to every call. */
export type MapArgs<TArgs extends unknown[]> = {
  [K in keyof TArgs]: Iterable<TaskArg<TArgs[K]>> | Unmapped<TaskArg<TArgs[K]>> | TaskArg<TArgs[K]>;
};

/** A task: call it to run it, `.submit()` to run it concurrently, `.map()` to fan out. */
export interface Task<TArgs extends unknown[], TReturn> {
  (...args: TaskArgs<TArgs>): Promise<TReturn>;
  readonly kind: 'task';
  readonly name: string;
  /** `{name}-{hash of the source}`, the same for every call. */
  readonly taskKey: string;
  readonly options: Readonly<TaskOptions & TaskCallOptions>;
  /** The wrapped function. */
  readonly fn: (...args: TArgs) => TReturn | Promise<TReturn>;
  /** Start a run and return its future at once. */
  submit(...args: TaskArgs<TArgs>): WeftFuture<TReturn>;
  /** One run per element of the iterable arguments; `unmapped(x)` passes `x` to each. */
  map(...args: MapArgs<TArgs>): WeftFutureList<TReturn>;
  /** A copy with some options changed (and per-call options such as `waitFor`). */
  with(options: TaskOptions & TaskCallOptions): Task<TArgs, TReturn>;
}

/** Any task. */
// biome-ignore lint/suspicious/noExplicitAny: the widest task type must accept every argument list
export type AnyTask = Task<any[], unknown>;
