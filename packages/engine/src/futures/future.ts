import type { State } from '@weft/schemas';
import { FutureTimeoutError, RunNotCompletedError, UpstreamTaskError } from '../errors';

/** How a run ended, as the engine keeps it in memory. @internal */
export interface RunOutcome<T> {
  state: State;
  /** The returned value, when the state is COMPLETED. */
  value?: T;
  /** The thrown error, when the state is FAILED (or CRASHED). */
  error?: unknown;
}

/** Options of {@link WeftFuture.result}. */
export interface FutureResultOptions {
  /** Throw the run's error when it did not complete. @default true */
  raiseOnFailure?: boolean;
  /** Give up waiting after this many seconds ({@link FutureTimeoutError}). @default no limit */
  timeoutSeconds?: number;
}

const FUTURE = Symbol.for('weft.future');

/**
 * The eventual outcome of a submitted task run (`task.submit()`, `task.map()`). Pass it to another
 * task as an argument or in `waitFor` to make that task wait for it; its value is then passed in
 * and the dependency recorded.
 * @example
 * const future = double.submit(21);
 * await future.result(); // 42
 */
export class WeftFuture<T> {
  /** The task run's id. */
  readonly taskRunId: string;
  /** @internal Stable identity (task key, inputs hash, occurrence) used when hashing inputs. */
  readonly identity: string;
  readonly [FUTURE] = true;
  readonly #current: () => State;
  #outcome: (() => RunOutcome<T> | undefined) | RunOutcome<T> | undefined;
  readonly #done: Promise<RunOutcome<T>>;

  /** @internal */
  constructor(options: {
    taskRunId: string;
    identity: string;
    /** The run's latest state while it runs. */
    current: () => State;
    /**
     * The outcome once the run has ended, set before `done` resolves; without it the future
     * follows `done` itself (one more promise per future).
     */
    outcome?: () => RunOutcome<T> | undefined;
    done: Promise<RunOutcome<T>>;
  }) {
    this.taskRunId = options.taskRunId;
    this.identity = options.identity;
    this.#current = options.current;
    if (options.outcome) {
      this.#outcome = options.outcome;
      this.#done = options.done;
    } else {
      this.#done = options.done.then((outcome) => {
        this.#outcome = outcome;
        return outcome;
      });
    }
  }

  #settled(): RunOutcome<T> | undefined {
    const outcome = this.#outcome;
    return typeof outcome === 'function' ? outcome() : outcome;
  }

  /** The run's current state (its final state once {@link WeftFuture.isDone}). */
  state(): State {
    return this.#settled()?.state ?? this.#current();
  }

  /** Whether the run has finished. */
  isDone(): boolean {
    return this.#settled() !== undefined;
  }

  /** Wait for the run to finish and return its final state; never throws for a failed run. */
  async wait(timeoutSeconds?: number): Promise<State> {
    return (await this.outcome(timeoutSeconds)).state;
  }

  /** Wait for the run and return its value; throws the run's error when it did not complete. */
  async result(options: FutureResultOptions = {}): Promise<T> {
    const outcome = await this.outcome(options.timeoutSeconds);
    if (outcome.state.type === 'COMPLETED' || options.raiseOnFailure === false) return outcome.value as T;
    throw outcomeError(outcome);
  }

  /** @internal The full outcome, with the in-memory value and error. */
  outcome(timeoutSeconds?: number): Promise<RunOutcome<T>> {
    const settled = this.#settled();
    if (settled) return Promise.resolve(settled);
    if (timeoutSeconds === undefined) return this.#done;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new FutureTimeoutError(`Task run ${this.taskRunId} did not finish within ${timeoutSeconds} s`),
          ),
        timeoutSeconds * 1000,
      );
    });
    return Promise.race([this.#done, timeout]).finally(() => clearTimeout(timer));
  }
}

/** The error `result()` throws for an outcome that is not COMPLETED. @internal */
export function outcomeError(outcome: RunOutcome<unknown>): unknown {
  const { state } = outcome;
  if (outcome.error !== undefined) return outcome.error;
  if (state.type === 'PENDING' && state.name === 'NotReady') {
    return new UpstreamTaskError(state.message ?? 'Upstream task run did not reach a COMPLETED state');
  }
  if (state.type === 'CANCELLED')
    return new RunNotCompletedError('CANCELLED', state.message ?? 'Run was cancelled');
  if (state.type === 'CRASHED') return new RunNotCompletedError('CRASHED', state.message ?? 'Run crashed');
  return new RunNotCompletedError('ABORTED', state.message ?? `Run ended in state ${state.name}`);
}

/** Whether a value is a {@link WeftFuture} (also from another copy of the engine). */
export function isWeftFuture(value: unknown): value is WeftFuture<unknown> {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[FUTURE] === true;
}

/**
 * The futures of a `.map()` call: an array, plus `result()` and `wait()` over all of them.
 * `futures.map(...)` gives a plain array.
 */
export class WeftFutureList<T> extends Array<WeftFuture<T>> {
  static override get [Symbol.species]() {
    return Array;
  }

  /** Every run's value, in order; throws the first failure. */
  result(options: FutureResultOptions = {}): Promise<T[]> {
    return Promise.all(this.map((f) => f.result(options)));
  }

  /** Wait for every run; returns their final states in order. */
  wait(timeoutSeconds?: number): Promise<State[]> {
    return Promise.all(this.map((f) => f.outcome(timeoutSeconds))).then((all) => all.map((o) => o.state));
  }
}
