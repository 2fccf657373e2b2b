import { hostname } from 'node:os';
import type { ClaimedFlowRun } from '@weft/schemas';
import { EngineConfigError } from '../errors';
import { processWorkerType } from './process-worker-type';
import { hasErrorCode, type WorkerClient } from './worker-client';
import { type WorkerEvent, WorkerRun } from './worker-run';
import type { WorkerType } from './worker-type';

/** Options of {@link createWorker}. */
export interface CreateWorkerOptions {
  /** The pool to take runs from. */
  workPoolName: string;
  /** A typed Weft client (`createWeftClient({ url })`). */
  client: WorkerClient;
  /** The infrastructure runs start in. @default processWorkerType */
  type?: WorkerType;
  /** @default `<type>-worker-<host>-<pid>` */
  name?: string;
  /** Only these queues of the pool. @default every queue */
  workQueueNames?: string[];
  /** At most this many runs at once. @default no limit */
  limit?: number;
  /** @default 30 */
  heartbeatSeconds?: number;
  /** Seconds between polls for due runs (a push from the server wakes it sooner). @default 10 */
  pollSeconds?: number;
  /** Claim runs due within this many seconds. @default 10 */
  prefetchSeconds?: number;
  /** Seconds between SIGTERM and SIGKILL when a run's infrastructure is killed. @default 30 */
  killGraceSeconds?: number;
  /** Create the pool (of this worker's type, with its default template) when it does not exist. @default true */
  createPool?: boolean;
  /** The server the flow run processes report to (`WEFT_API_URL`). @default process.env.WEFT_API_URL */
  apiUrl?: string;
  /** @default process.env.WEFT_API_KEY */
  apiKey?: string;
  /** The command that executes a run, when the job names none. @default ['weft', 'flow-run', 'execute'] */
  command?: string[];
  /** Called for everything the worker does. */
  onEvent?: (event: WorkerEvent) => void;
  /** Where the runs' streamed output goes, one line at a time. @default stdout */
  log?: (line: string) => void;
}

/** A worker of a pool; see {@link createWorker}. */
export interface WorkerHandle {
  readonly name: string;
  readonly workPoolName: string;
  /** Heartbeat (creating the pool if asked), then claim and run due runs until stopped. */
  start(): Promise<void>;
  /** Stop claiming, kill the runs still going (they end Crashed, or Cancelled when cancelling), and wait for them. */
  stop(): Promise<void>;
  /** Claim due runs now. */
  wake(): void;
  /** Runs whose infrastructure is going. */
  readonly activeRuns: number;
}

/**
 * A worker (reference §5.4–5.6): heartbeats to its pool, claims due runs (each is Pending for it),
 * starts each in its infrastructure (a child process by default), marks a run whose
 * infrastructure died Crashed, and kills the infrastructure of a run that is cancelled. Wakes on
 * the server's push when runs become due, and polls every `pollSeconds`.
 * @example
 * const worker = createWorker({ workPoolName: 'local', client: createWeftClient({ url }) });
 * await worker.start();
 * process.once('SIGINT', () => void worker.stop());
 */
export function createWorker(options: CreateWorkerOptions): WorkerHandle {
  return new PoolWorker(options);
}

class PoolWorker implements WorkerHandle {
  readonly name: string;
  readonly workPoolName: string;
  readonly #options: CreateWorkerOptions;
  readonly #type: WorkerType;
  readonly #client: WorkerClient;
  readonly #runs = new Map<string, WorkerRun>();
  readonly #timers: NodeJS.Timeout[] = [];
  #subscription: { unsubscribe(): void } | undefined;
  #claiming: Promise<void> | undefined;
  #again = false;
  #state: 'new' | 'started' | 'stopped' = 'new';

  constructor(options: CreateWorkerOptions) {
    if (options.limit !== undefined && !(Number.isInteger(options.limit) && options.limit >= 1)) {
      throw new EngineConfigError(`limit must be a whole number of at least 1, got ${options.limit}`);
    }
    this.#options = options;
    this.#type = options.type ?? processWorkerType;
    this.#client = options.client;
    this.workPoolName = options.workPoolName;
    this.name = options.name ?? `${this.#type.type}-worker-${hostname()}-${process.pid}`;
  }

  get activeRuns(): number {
    return this.#runs.size;
  }

  #emit(event: WorkerEvent): void {
    this.#options.onEvent?.(event);
  }

  async #heartbeat(): Promise<void> {
    await this.#client.workers.heartbeat.mutate({
      workPoolName: this.workPoolName,
      name: this.name,
      heartbeatIntervalSeconds: this.#options.heartbeatSeconds ?? 30,
    });
  }

  /** The first heartbeat; a missing pool is created (of this worker's type) when allowed. */
  async #join(): Promise<boolean> {
    try {
      await this.#heartbeat();
      return false;
    } catch (error) {
      if (!hasErrorCode(error, 'NOT_FOUND') || this.#options.createPool === false) throw error;
    }
    try {
      await this.#client.workPools.create.mutate({
        name: this.workPoolName,
        type: this.#type.type,
        baseJobTemplate: this.#type.defaultBaseJobTemplate,
      });
    } catch (error) {
      // Another worker created it meanwhile.
      if (!hasErrorCode(error, 'CONFLICT')) throw error;
    }
    await this.#heartbeat();
    return true;
  }

  async start(): Promise<void> {
    if (this.#state !== 'new') throw new EngineConfigError('A worker starts once');
    this.#state = 'started';
    const poolCreated = await this.#join();
    const pool = await this.#client.workPools.read.query({ name: this.workPoolName });
    if (pool.type !== this.#type.type) {
      this.#emit({
        type: 'error',
        message: `Work pool '${pool.name}' is of type '${pool.type}', but this worker runs '${this.#type.type}' jobs`,
      });
    }
    this.#emit({ type: 'started', workerName: this.name, workPoolName: this.workPoolName, poolCreated });
    const every = (seconds: number, fn: () => void) => this.#timers.push(setInterval(fn, seconds * 1000));
    every(this.#options.heartbeatSeconds ?? 30, () => {
      this.#heartbeat().catch((error: unknown) =>
        this.#emit({ type: 'error', message: `Heartbeat failed: ${String(error)}` }),
      );
    });
    every(this.#options.pollSeconds ?? 10, () => {
      this.wake();
      void this.#checkCancels();
    });
    this.#subscription = this.#client.workPools.watchScheduled.subscribe(
      { workPoolName: this.workPoolName },
      {
        onData: () => this.wake(),
        onError: (error) =>
          this.#emit({
            type: 'error',
            message: `Wake-ups from the server stopped (polling instead): ${String(error)}`,
          }),
      },
    );
    this.wake();
  }

  wake(): void {
    if (this.#state !== 'started') return;
    if (this.#claiming) {
      this.#again = true;
      return;
    }
    this.#claiming = this.#claim()
      .catch((error: unknown) =>
        this.#emit({ type: 'error', message: `Claiming runs failed: ${String(error)}` }),
      )
      .finally(() => {
        this.#claiming = undefined;
        if (this.#again) {
          this.#again = false;
          this.wake();
        }
      });
  }

  async #claim(): Promise<void> {
    const { limit } = this.#options;
    const slots = limit === undefined ? 10 : limit - this.#runs.size;
    if (slots <= 0) return;
    const claimed = await this.#client.workPools.claimFlowRuns.mutate({
      workPoolName: this.workPoolName,
      workerName: this.name,
      ...(this.#options.workQueueNames ? { workQueueNames: this.#options.workQueueNames } : {}),
      // The server adds the prefetch to its own clock: a worker's clock skew never matters.
      prefetchSeconds: this.#options.prefetchSeconds ?? 10,
      limit: Math.min(slots, 200),
    });
    for (const run of claimed) this.#submit(run);
    // A full batch may leave more due runs behind.
    if (claimed.length === slots && limit === undefined) this.#again = true;
  }

  #submit(claimed: ClaimedFlowRun): void {
    if (this.#state !== 'started') return;
    this.#emit({ type: 'claimed', flowRun: claimed.flowRun });
    const run = new WorkerRun({
      client: this.#client,
      type: this.#type,
      claimed,
      env: this.#runEnv(claimed.flowRun.id),
      command: this.#options.command ?? ['weft', 'flow-run', 'execute'],
      killGraceSeconds: this.#options.killGraceSeconds ?? 30,
      emit: (event) => this.#emit(event),
      log: this.#options.log ?? ((line) => void process.stdout.write(`${line}\n`)),
    });
    this.#runs.set(run.id, run);
    void run.done.finally(() => {
      this.#runs.delete(run.id);
      this.wake();
    });
  }

  #runEnv(flowRunId: string): Record<string, string> {
    const env: Record<string, string> = { WEFT_FLOW_RUN_ID: flowRunId };
    const apiUrl = this.#options.apiUrl ?? process.env.WEFT_API_URL;
    const apiKey = this.#options.apiKey ?? process.env.WEFT_API_KEY;
    if (apiUrl) env.WEFT_API_URL = apiUrl;
    if (apiKey) env.WEFT_API_KEY = apiKey;
    return env;
  }

  /** The poll's safety net for cancels the watch stream missed. */
  async #checkCancels(): Promise<void> {
    const ids = [...this.#runs.keys()];
    if (ids.length === 0) return;
    try {
      const cancelling = await this.#client.flowRuns.list.query({
        filter: { id: { any: ids }, stateType: { any: ['CANCELLING'] } },
        limit: ids.length,
      });
      for (const run of cancelling) this.#runs.get(run.id)?.cancel();
    } catch (error) {
      this.#emit({ type: 'error', message: `Checking runs for cancels failed: ${String(error)}` });
    }
  }

  async stop(): Promise<void> {
    if (this.#state === 'stopped') return;
    const wasStarted = this.#state === 'started';
    this.#state = 'stopped';
    for (const timer of this.#timers) clearInterval(timer);
    this.#subscription?.unsubscribe();
    await this.#claiming;
    const runs = [...this.#runs.values()];
    await Promise.all(runs.map((run) => run.kill()));
    await Promise.all(runs.map((run) => run.done));
    if (wasStarted) this.#emit({ type: 'stopped', workerName: this.name });
  }
}
