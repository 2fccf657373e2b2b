import { getEngineSession } from '../config/engine-session';
import { findRunContext } from '../context/run-context';
import { MappingLengthMismatchError, MappingMissingIterableError } from '../errors';
import { isUnmapped } from '../futures/annotations';
import { outcomeError, type RunOutcome, WeftFuture, WeftFutureList } from '../futures/future';
import { defineTaskDefinition } from './task-definition';
import { identityHash } from './task-inputs';
import { nameFromFunction, taskKeyFor } from './task-key';
import { identifyTaskCall, runTaskCall, type TaskCall } from './task-run-engine';
import type { AnyTask, Task, TaskCallOptions, TaskOptions } from './task-types';

/** Remember which task run returned an object, for the upstream edges of later calls. */
function trackResult(call: TaskCall, value: unknown): void {
  if (call.flow && typeof value === 'object' && value !== null) call.flow.results.set(value, call.id);
}

function start(task: AnyTask, args: unknown[]): { call: TaskCall; done: Promise<RunOutcome<unknown>> } {
  const waitFor = task.options.waitFor ? [...task.options.waitFor] : [];
  const call = identifyTaskCall({ task, args, waitFor, inputsHash: identityHash(args) });
  const flowSession = call.flow?.session;
  const pending = call.flow?.pending;
  const running = flowSession
    ? runTaskCall(call, flowSession)
    : getEngineSession().then((s) => runTaskCall(call, s));
  // One reaction settles the call: keep the outcome for its future and leave the flow's pending set.
  const done: Promise<RunOutcome<unknown>> = running.then(
    (outcome) => {
      call.outcome = outcome;
      if (outcome.state.type === 'COMPLETED') trackResult(call, outcome.value);
      pending?.delete(done);
      return outcome;
    },
    // An engine fault (not user code): surface it as the run's error rather than an unhandled rejection.
    (error: unknown) => {
      const outcome: RunOutcome<unknown> = { state: { ...call.pending, message: String(error) }, error };
      call.outcome = outcome;
      pending?.delete(done);
      return outcome;
    },
  );
  pending?.add(done);
  return { call, done };
}

function submit(task: AnyTask, args: unknown[]): WeftFuture<unknown> {
  const { call, done } = start(task, args);
  return new WeftFuture<unknown>({
    taskRunId: call.id,
    identity: call.identity,
    current: () => call.current,
    outcome: () => call.outcome,
    done,
  });
}

function isIterableArg(value: unknown): value is Iterable<unknown> {
  if (value === null || value === undefined || typeof value === 'string') return false;
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return false;
  if (value instanceof Map) return false;
  return typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function';
}

function mapCalls(task: AnyTask, args: unknown[]): WeftFutureList<unknown> {
  const lists = args.map((arg) => (isUnmapped(arg) || !isIterableArg(arg) ? undefined : [...arg]));
  const lengths = new Set(lists.filter((l) => l !== undefined).map((l) => l!.length));
  if (lengths.size === 0) {
    throw new MappingMissingIterableError(`No iterable arguments were received for ${task.name}.map()`);
  }
  if (lengths.size > 1) {
    throw new MappingLengthMismatchError(
      `Received iterable arguments of different lengths for ${task.name}.map(): ${[...lengths].join(', ')}`,
    );
  }
  const [length] = lengths as Set<number>;
  const futures = new WeftFutureList<unknown>();
  for (let i = 0; i < length!; i++) {
    futures.push(
      submit(
        task,
        args.map((arg, j) => (lists[j] ? lists[j]![i] : isUnmapped(arg) ? arg.value : arg)),
      ),
    );
  }
  return futures;
}

function makeTask(options: TaskOptions & TaskCallOptions, fn: (...args: never[]) => unknown): AnyTask {
  const name = options.name ?? nameFromFunction(fn, 'task');
  const source = Function.prototype.toString.call(fn);
  const call = async (...args: unknown[]) => {
    const outcome = await start(task, args).done;
    if (outcome.state.type === 'COMPLETED') return outcome.value;
    throw outcomeError(outcome);
  };
  const task = Object.assign(call, {
    kind: 'task' as const,
    taskKey: taskKeyFor(name, source),
    options: Object.freeze({ ...options, name }),
    fn,
    submit: (...args: unknown[]) => submit(task, args),
    map: (...args: unknown[]) => mapCalls(task, args),
    with: (overrides: TaskOptions & TaskCallOptions) => makeTask({ ...options, ...overrides }, fn),
  }) as unknown as AnyTask;
  Object.defineProperty(task, 'name', { value: name });
  defineTaskDefinition(task, options);
  return task;
}

/**
 * Make a task: a function whose runs are orchestrated by the engine (retries, caching, timeouts,
 * results) and recorded by the server in batches. Calling it runs it and returns its value (or
 * throws its error); `.submit()` returns a {@link WeftFuture}; `.map()` fans out. Inside a task,
 * `runtime.taskRun.signal` aborts on timeout.
 * @example
 * const fetchPage = task({ name: 'fetch-page', retries: 3, retryDelaySeconds: exponentialBackoff(1) },
 *   async (url: string) => (await fetch(url, { signal: runtime.taskRun.signal })).text());
 * const pages = await fetchPage.map(urls).result();
 */
export function task<TArgs extends unknown[], TReturn>(
  options: TaskOptions | string,
  fn: (...args: TArgs) => TReturn | Promise<TReturn>,
): Task<TArgs, Awaited<TReturn>> {
  const resolved = typeof options === 'string' ? { name: options } : options;
  return makeTask(resolved, fn as (...args: never[]) => unknown) as unknown as Task<TArgs, Awaited<TReturn>>;
}

/** Whether code runs inside a task run right now. @internal */
export function isInTaskRun(): boolean {
  return findRunContext()?.taskRun !== undefined;
}
