import {
  isTerminalStateType,
  MAX_TASK_RUN_BATCH,
  type State,
  type TaskRunCreate,
  type TaskRunStateRecord,
} from '@weft/schemas';
import { runState } from './run-state';

/** Where the recorder sends its batches (the orchestrator's `recordTaskRuns`). */
export type RecordBatchFn = (batch: {
  taskRuns: TaskRunCreate[];
  states: TaskRunStateRecord[];
}) => Promise<unknown>;

/** Options of {@link TaskRunRecorder}. */
export interface TaskRunRecorderOptions {
  send: RecordBatchFn;
  /** Flush after this many milliseconds of queued records. @default 5 */
  intervalMs?: number;
  /** Flush at once when this many records are queued. @default 500 */
  maxQueued?: number;
  /**
   * How long the records of a task run that has not finished yet may wait, so that a short task
   * run reaches the server in one piece: inserted with its states and final fields, never updated.
   * A run still open after this long is sent as it is (it shows as Pending or Running), and
   * `flush()` sends everything at once. @default 50
   */
  lingerMs?: number;
  /**
   * Batches on their way at once: with two, the engine builds and serialises the next batch while
   * the server writes the previous one. @default 2
   */
  maxInFlight?: number;
  /** Attempts per batch before it is given up (and reported to `onError`). @default 5 */
  maxAttempts?: number;
  /** Told about a batch that could not be recorded. */
  onError?: (error: unknown, batch: { taskRuns: number; states: number }) => void;
}

type Entry =
  | { kind: 'run'; taskRunId: string; run: TaskRunCreate }
  | { kind: 'state'; taskRunId: string; state: State };

type Batch = { taskRuns: TaskRunCreate[]; states: TaskRunStateRecord[] };

/**
 * A run as it travels: fields at their defaults left out (the schemas fill them in), times as
 * epoch milliseconds (the schemas coerce them back to dates). A batch is mostly these and their
 * states, so every byte saved here is saved in `JSON.stringify` here and `JSON.parse` and zod on
 * the server; the transformer has no `Date` to tag either.
 */
function runToWire(run: TaskRunCreate): TaskRunCreate {
  const wire: TaskRunCreate = {
    id: run.id,
    name: run.name,
    flowRunId: run.flowRunId,
    taskKey: run.taskKey,
    dynamicKey: run.dynamicKey,
  };
  if (run.taskVersion != null) wire.taskVersion = run.taskVersion;
  if (run.cacheKey != null) wire.cacheKey = run.cacheKey;
  if (run.cacheExpiration != null) wire.cacheExpiration = run.cacheExpiration;
  if (run.tags !== undefined && run.tags.length > 0) wire.tags = run.tags;
  if (run.taskInputs !== undefined && hasKeys(run.taskInputs)) wire.taskInputs = run.taskInputs;
  if (run.empiricalPolicy !== undefined && !isDefaultPolicy(run.empiricalPolicy)) {
    wire.empiricalPolicy = run.empiricalPolicy;
  }
  if (run.flowRunRunCount) wire.flowRunRunCount = run.flowRunRunCount;
  if (run.createdAt !== undefined) {
    wire.createdAt = (run.createdAt instanceof Date ? run.createdAt.getTime() : run.createdAt) as Date;
  }
  return wire;
}

function hasKeys(value: object): boolean {
  for (const _ in value) return true;
  return false;
}

function isDefaultPolicy(policy: NonNullable<TaskRunCreate['empiricalPolicy']>): boolean {
  return (
    !policy.retries &&
    (policy.retryDelaySeconds === undefined || policy.retryDelaySeconds === 0) &&
    policy.retryJitterFactor == null
  );
}

/** A state as it travels: null message and data, and details that hold only the run's ids, left out. */
function stateToWire(state: State, taskRunId: string): TaskRunStateRecord['state'] {
  const wire: TaskRunStateRecord['state'] = {
    id: state.id,
    type: state.type,
    name: state.name,
    timestamp: state.timestamp.getTime() as unknown as Date,
  };
  if (state.message !== null) wire.message = state.message;
  if (!isUsualDetails(state.stateDetails, taskRunId)) wire.stateDetails = state.stateDetails;
  if (state.data !== null && state.data !== undefined) wire.data = state.data;
  return wire;
}

/**
 * Details that hold only the run's ids: the server sets `taskRunId` and `flowRunId` on every task
 * run state it records (reference §2.3 UpdateStateDetails), so they need not travel, and about a
 * fifth of a batch's bytes (and two uuid checks per state) are saved.
 */
function isUsualDetails(details: State['stateDetails'], taskRunId: string): boolean {
  if (details.taskRunId !== taskRunId) return false;
  for (const key in details) {
    if (key !== 'taskRunId' && key !== 'flowRunId' && details[key as keyof typeof details] !== undefined) {
      return false;
    }
  }
  return true;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Queues task run creations and state changes and records them in batches
 * (`taskRuns.recordBatch`): every `intervalMs`, or at once when `maxQueued` records wait. Up to
 * `maxInFlight` batches are on their way at once, and a run never has records in two of them: a
 * run's records are queued together, in order, and wait while a batch holding earlier ones is
 * on its way, so a run is always created before its states and its states arrive in order. The records
 * of a run that has not finished linger up to `lingerMs`, so a short run is inserted whole (no
 * update of its row, no lock) instead of created in one batch and finished in the next. A failed
 * batch is retried (the server ignores state ids it already has) with backoff.
 * @internal
 */
export class TaskRunRecorder {
  readonly #options: Required<Omit<TaskRunRecorderOptions, 'onError'>> &
    Pick<TaskRunRecorderOptions, 'onError'>;
  /**
   * Queued records by run, runs in the order of their first queued record: a batch takes a run's
   * records together and stops at the first run that does not fit, so a take costs the runs it
   * visits, not the whole queue.
   */
  readonly #queue = new Map<string, Entry[]>();
  /** Records queued, over every run. */
  #queued = 0;
  /** Task runs whose last state is not terminal, with their flow run. */
  readonly #open = new Map<string, string | null>();
  /**
   * Open runs created through {@link createRun}: when they were queued, and whether a take has
   * held them back already. A run lingers until both: a busy event loop (10,000 tasks started in
   * one go) can delay the first take past `lingerMs` while the runs are about to finish.
   */
  readonly #born = new Map<string, { at: number; held: boolean }>();
  /**
   * Records the last take passed over (lingering, or behind a batch on its way), so pushes don't
   * start a take that would find nothing new.
   */
  #held = 0;
  /** When the oldest record held back stops lingering. */
  #nextRipe = Number.POSITIVE_INFINITY;
  /** Set while flushing: nothing lingers. */
  #draining = false;
  /** When the pending timer fires (`performance.now()` time). */
  #timerDue = 0;
  #timer: NodeJS.Timeout | undefined;
  /** Batches on their way, each with the task runs it holds records of. */
  readonly #inFlight = new Map<Promise<void>, Set<string>>();
  /** Number of batches sent (for tests and benchmarks). */
  batchesSent = 0;

  constructor(options: TaskRunRecorderOptions) {
    this.#options = {
      intervalMs: 5,
      maxQueued: 500,
      maxInFlight: 2,
      maxAttempts: 5,
      lingerMs: 50,
      ...options,
    };
  }

  /** Queue the creation of a task run. */
  createRun(run: TaskRunCreate): void {
    this.#born.set(run.id, { at: performance.now(), held: false });
    this.#push({ kind: 'run', taskRunId: run.id, run });
  }

  /** Queue a state change of a task run. */
  setState(taskRunId: string, state: State): void {
    if (isTerminalStateType(state.type)) {
      this.#open.delete(taskRunId);
      this.#born.delete(taskRunId);
    } else this.#open.set(taskRunId, state.stateDetails.flowRunId ?? null);
    this.#push({ kind: 'state', taskRunId, state });
  }

  /**
   * Record a CRASHED (or CANCELLED) state for every task run that has not finished (the process is going down),
   * so none is left Running forever. Returns how many there were.
   */
  crashOpenRuns(message: string, type: 'CRASHED' | 'CANCELLED' = 'CRASHED'): number {
    const open = [...this.#open];
    for (const [taskRunId, flowRunId] of open) {
      this.setState(
        taskRunId,
        runState(type, {
          message,
          stateDetails: { flowRunId, taskRunId },
          timestamp: new Date(Date.now() + 1),
        }),
      );
    }
    return open.length;
  }

  /** Records waiting to be sent. */
  get queued(): number {
    return this.#queued;
  }

  /** Batches on their way now. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Send everything queued so far and wait until it is recorded. */
  async flush(): Promise<void> {
    this.#clearTimer();
    this.#draining = true;
    try {
      while (this.#queued > 0 || this.#inFlight.size > 0) {
        // Nothing could be taken (every queued record waits for a batch on its way): wait for one.
        if (this.#queued === 0 || !this.#startBatch()) {
          await Promise.race(this.#inFlight.keys());
        }
      }
    } finally {
      this.#draining = false;
    }
  }

  /**
   * Send what can go now with another call instead of on its own (a flow run's final state
   * carries its last task records: one round trip instead of two, and no batch competing with
   * the state on the server). While the call is on its way it counts as a batch in flight, so
   * later records of the same runs keep their order. When the call fails, the batch is sent on
   * its own and the call is made once more without it.
   */
  async sendWith<T>(call: (batch: Batch | undefined) => Promise<T>): Promise<T> {
    if (this.#queued === 0 || this.#inFlight.size >= this.#options.maxInFlight) {
      return call(undefined);
    }
    this.#clearTimer();
    const { batch, runs } = this.#take();
    if (runs.size === 0) {
      this.#schedule();
      return call(undefined);
    }
    this.batchesSent += 1;
    const attempt = call(batch).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const settled: Promise<void> = attempt
      .then(async (outcome) => {
        if (!outcome.ok) await this.#send(batch);
      })
      .finally(() => {
        this.#inFlight.delete(settled);
        if (this.#queued - this.#held >= this.#options.maxQueued) this.#startBatch();
        if (this.#queued > 0) this.#schedule();
      });
    this.#inFlight.set(settled, runs);
    const outcome = await attempt;
    if (outcome.ok) return outcome.value;
    await settled;
    return call(undefined);
  }

  #push(entry: Entry): void {
    const entries = this.#queue.get(entry.taskRunId);
    if (entries) entries.push(entry);
    else this.#queue.set(entry.taskRunId, [entry]);
    this.#queued += 1;
    if (this.#inFlight.size >= this.#options.maxInFlight) return; // a batch ending schedules the next
    if (this.#queued - this.#held >= this.#options.maxQueued) this.#startBatch();
    else this.#schedule();
  }

  #schedule(): void {
    if (this.#queued === 0) return;
    // Only lingering records queued: wake when the oldest of them is due, not every interval.
    const delay =
      this.#queued > this.#held
        ? this.#options.intervalMs
        : Math.max(this.#options.intervalMs, this.#nextRipe - performance.now());
    // Everything queued waits for a batch on its way, whose end schedules again.
    if (!Number.isFinite(delay)) return;
    const due = performance.now() + delay;
    if (this.#timer) {
      // A wake-up for lingering records; records that can go now (a lingering run finished) bring it forward.
      if (this.#timerDue <= due) return;
      clearTimeout(this.#timer);
    }
    this.#timerDue = due;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#startBatch();
    }, delay);
    // A pending flush must not keep the process alive; flows flush explicitly when they end.
    this.#timer.unref();
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Start a batch of what can go now; false when nothing could (or a batch slot is not free). */
  #startBatch(): boolean {
    this.#clearTimer();
    if (this.#inFlight.size >= this.#options.maxInFlight || this.#queued === 0) return false;
    const { batch, runs } = this.#take();
    if (runs.size === 0) {
      this.#schedule(); // everything queued lingers: look again when the oldest is due
      return false;
    }
    const sending: Promise<void> = this.#send(batch).finally(() => {
      this.#inFlight.delete(sending);
      if (this.#queued - this.#held >= this.#options.maxQueued) this.#startBatch();
      if (this.#queued > 0) this.#schedule();
    });
    this.#inFlight.set(sending, runs);
    return true;
  }

  /** Whether a run has records in a batch on its way. */
  #isBusy(taskRunId: string): boolean {
    for (const runs of this.#inFlight.values()) if (runs.has(taskRunId)) return true;
    return false;
  }

  #take(): { batch: Batch; runs: Set<string> } {
    const taskRuns: TaskRunCreate[] = [];
    const states: TaskRunStateRecord[] = [];
    const runs = new Set<string>();
    const checkBusy = this.#inFlight.size > 0;
    // Records of a run queued less than `lingerMs` ago that has not finished wait for the rest.
    const linger = !this.#draining && this.#options.lingerMs > 0;
    const ripe = performance.now() - this.#options.lingerMs;
    let nextRipe = Number.POSITIVE_INFINITY;
    let held = 0;
    let taken = 0;
    // A batch takes at most a quarter of the limit in runs, so their states still fit.
    const maxRuns = MAX_TASK_RUN_BATCH / 4;
    for (const [id, entries] of this.#queue) {
      if (runs.size >= maxRuns || states.length >= MAX_TASK_RUN_BATCH) break;
      // Its earlier records are still on their way: keep its order.
      if (checkBusy && this.#isBusy(id)) {
        held += entries.length;
        continue;
      }
      const born = linger ? this.#born.get(id) : undefined;
      if (born !== undefined && (!born.held || born.at > ripe)) {
        born.held = true;
        held += entries.length;
        if (born.at < nextRipe) nextRipe = born.at;
        continue;
      }
      let i = 0;
      for (; i < entries.length; i++) {
        const entry = entries[i]!;
        if (entry.kind === 'run') taskRuns.push(runToWire(entry.run));
        else if (states.length < MAX_TASK_RUN_BATCH) {
          states.push({ taskRunId: id, state: stateToWire(entry.state, id) });
        } else break; // the batch is full: this run's later states go with the next one
      }
      runs.add(id);
      taken += i;
      if (i === entries.length) this.#queue.delete(id);
      else entries.splice(0, i);
    }
    this.#queued -= taken;
    this.#held = held;
    this.#nextRipe = nextRipe + this.#options.lingerMs;
    return { batch: { taskRuns, states }, runs };
  }

  async #send(batch: Batch): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        this.batchesSent += 1;
        await this.#options.send(batch);
        return;
      } catch (error) {
        if (attempt >= this.#options.maxAttempts) {
          this.#options.onError?.(error, { taskRuns: batch.taskRuns.length, states: batch.states.length });
          return;
        }
        await sleep(Math.min(50 * 2 ** attempt, 2_000));
      }
    }
  }
}
