import {
  type ClaimedFlowRun,
  type FlowRun,
  isTerminalStateType,
  type JsonValue,
  newState,
} from '@weft/schemas';
import { toSerializedError } from '../errors/serialize-error';
import type { WorkerClient } from './worker-client';
import type { InfrastructureResult, WorkerType } from './worker-type';

/** Something a worker did, for its output (`weft worker start` prints these). */
export type WorkerEvent =
  | { type: 'started'; workerName: string; workPoolName: string; poolCreated: boolean }
  | { type: 'claimed'; flowRun: FlowRun }
  | { type: 'submitted'; flowRun: FlowRun; infrastructureId: string }
  | { type: 'cancelling'; flowRun: FlowRun }
  | {
      type: 'finished';
      flowRun: FlowRun;
      /** How the infrastructure ended; null when it could not be started. */
      infrastructure: InfrastructureResult | null;
    }
  | { type: 'error'; message: string }
  | { type: 'stopped'; workerName: string };

/** What one run's supervision needs from its worker. @internal */
export interface WorkerRunOptions {
  client: WorkerClient;
  type: WorkerType;
  claimed: ClaimedFlowRun;
  env: Record<string, string>;
  command: string[];
  killGraceSeconds: number;
  emit(event: WorkerEvent): void;
  log(line: string): void;
}

const describeExit = (result: InfrastructureResult) =>
  result.signal ? `signal ${result.signal}` : `non-zero status code ${result.exitCode}`;

/**
 * One claimed run on its infrastructure (reference §5.5–5.6): start it, record its infrastructure
 * id, kill it when the run is asked to cancel, and when it ends mark the run Cancelled (a cancel),
 * Crashed (it died before the run finished) or Failed "Submission failed." (it never started).
 * @internal
 */
export class WorkerRun {
  readonly id: string;
  flowRun: FlowRun;
  infrastructureId: string | undefined;
  /** Resolves when the infrastructure has ended and the run's state is reported. */
  readonly done: Promise<void>;
  #cancelling = false;
  #killing: Promise<void> | undefined;
  readonly #options: WorkerRunOptions;
  readonly #unwatch: () => void;

  constructor(options: WorkerRunOptions) {
    this.#options = options;
    this.flowRun = options.claimed.flowRun;
    this.id = this.flowRun.id;
    const subscription = options.client.flowRuns.watch.subscribe(
      { id: this.id },
      {
        onData: (run) => {
          if (run.stateType === 'CANCELLING') this.cancel();
        },
        // The worker's poll checks its runs for cancels too: a lost stream only makes it slower.
        onError: () => undefined,
      },
    );
    this.#unwatch = () => subscription.unsubscribe();
    this.done = this.#run().finally(() => this.#unwatch());
  }

  /** The run is CANCELLING: stop its infrastructure (the exit then marks it Cancelled). */
  cancel(): void {
    if (this.#cancelling) return;
    this.#cancelling = true;
    this.#options.emit({ type: 'cancelling', flowRun: this.flowRun });
    if (this.infrastructureId !== undefined) void this.kill();
  }

  /** Stop the infrastructure: politely, then by force after the grace period. */
  kill(): Promise<void> {
    const infrastructureId = this.infrastructureId;
    if (infrastructureId === undefined) return Promise.resolve();
    this.#killing ??= this.#options.type
      .kill({
        infrastructureId,
        configuration: this.#options.claimed.jobConfiguration,
        graceSeconds: this.#options.killGraceSeconds,
      })
      .catch((error: unknown) => {
        this.#options.emit({
          type: 'error',
          message: `Could not kill ${infrastructureId}: ${String(error)}`,
        });
      });
    return this.#killing;
  }

  #started(infrastructureId: string): void {
    this.infrastructureId = infrastructureId;
    this.#options.emit({ type: 'submitted', flowRun: this.flowRun, infrastructureId });
    this.#options.client.flowRuns.update
      .mutate({ id: this.id, infrastructurePid: infrastructureId })
      .catch((error: unknown) =>
        this.#options.emit({
          type: 'error',
          message: `Could not record the infrastructure id: ${String(error)}`,
        }),
      );
    if (this.#cancelling) void this.kill();
  }

  async #run(): Promise<void> {
    const { type, claimed, env, command, log } = this.#options;
    let result: InfrastructureResult;
    try {
      result = await type.run({
        flowRun: this.flowRun,
        configuration: claimed.jobConfiguration,
        env,
        command,
        onStarted: (id) => this.#started(id),
        log,
      });
    } catch (error) {
      await this.#submissionFailed(error);
      return;
    }
    await this.#report(result).catch((error: unknown) =>
      this.#options.emit({
        type: 'error',
        message: `Could not report flow run ${this.id}: ${String(error)}`,
      }),
    );
    this.#options.emit({ type: 'finished', flowRun: this.flowRun, infrastructure: result });
  }

  async #submissionFailed(error: unknown): Promise<void> {
    const { client, emit } = this.#options;
    emit({ type: 'error', message: `Flow run ${this.id} could not be submitted: ${String(error)}` });
    const failed = newState('FAILED', {
      message: 'Submission failed.',
      data: toSerializedError(error) as JsonValue,
    });
    await client.flowRuns.setState.mutate({ id: this.id, state: failed }).catch(() => undefined);
    await this.#refresh();
    emit({ type: 'finished', flowRun: this.flowRun, infrastructure: null });
  }

  async #refresh(): Promise<void> {
    this.flowRun = await this.#options.client.flowRuns.read.query({ id: this.id }).catch(() => this.flowRun);
  }

  /** The infrastructure ended: settle the run unless its own process already did. */
  async #report(result: InfrastructureResult): Promise<void> {
    const { client } = this.#options;
    await this.#refresh();
    const current = this.flowRun.stateType;
    if (current === 'CANCELLING') {
      const cancelled = newState('CANCELLED', {
        message: 'Flow run was cancelled.',
        stateDetails: { flowRunId: this.id },
      });
      await client.flowRuns.setState.mutate({ id: this.id, state: cancelled, force: true });
    } else if (!isTerminalStateType(current)) {
      const message =
        result.exitCode === 0 && !result.signal
          ? 'Flow run infrastructure exited without finishing the flow run.'
          : `Flow run infrastructure exited with ${describeExit(result)}.`;
      const crashed = newState('CRASHED', {
        message,
        data: { kind: 'internal', code: 'CRASHED', message },
        stateDetails: { flowRunId: this.id },
      });
      await client.flowRuns.setState.mutate({ id: this.id, state: crashed });
    } else {
      return;
    }
    await this.#refresh();
  }
}
