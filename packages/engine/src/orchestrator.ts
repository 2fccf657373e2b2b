import type {
  Deployment,
  DeploymentRef,
  Flow,
  FlowCreate,
  FlowRun,
  FlowRunCreate,
  FlowRunListInput,
  FlowRunSetState,
  FlowRunUpdate,
  LogBatch,
  OrchestrationResult,
  State,
  StateCreate,
  TaskRun,
  TaskRunBatch,
  TaskRunCreate,
} from '@weft/schemas';
import { EngineConfigError, OrchestrationAbortedError } from './errors';

type Mutation<TIn, TOut> = { mutate(input: TIn): Promise<TOut> };
type Query<TIn, TOut> = { query(input: TIn): Promise<TOut> };

/**
 * The procedures of the Weft client the engine uses: a structural slice of `WeftClient`, so this
 * port names exactly what the engine needs from a server. @internal
 */
export interface OrchestratorClient {
  flows: { create: Mutation<FlowCreate, Flow> };
  flowRuns: {
    create: Mutation<FlowRunCreate, FlowRun>;
    read: Query<{ id: string }, FlowRun>;
    list: Query<FlowRunListInput, FlowRun[]>;
    update: Mutation<FlowRunUpdate, FlowRun>;
    setState: Mutation<FlowRunSetState, OrchestrationResult>;
  };
  taskRuns: {
    create: Mutation<TaskRunCreate, TaskRun>;
    recordBatch: Mutation<TaskRunBatch, { taskRuns: number; states: number }>;
  };
  logs: { create: Mutation<LogBatch, { count: number }> };
  /** Optional: only workers and `serve` read deployments, and an older server may lack it. */
  deployments?: {
    read?: Query<DeploymentRef, Deployment>;
    renewConcurrencyLease?: Mutation<{ flowRunId: string }, { expiresAt: Date | null }>;
  };
}

/** What a proposal ended as, after WAIT loops: the state the run is now in. */
export interface ProposeResult {
  status: 'ACCEPT' | 'REJECT';
  state: State;
  reason: string | null;
}

/** Options of {@link Orchestrator.proposeFlowRunState}. */
export interface ProposeOptions {
  /** Skip the policy rules (global transforms still run). @default false */
  force?: boolean;
  /** Give up waiting when this signal aborts. */
  signal?: AbortSignal;
  /** Task run records to write with the state, in the same transaction (a final state's last records). */
  taskRuns?: TaskRunBatch | undefined;
  /** Field changes applied just before the state, in the same transaction. */
  runUpdate?: FlowRunSetState['runUpdate'];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The engine's only door to a server (style.md G1.3): every call the engine makes goes through
 * here, so counting or replacing them means reading one file.
 * @internal
 */
export class Orchestrator {
  readonly #client: OrchestratorClient;
  readonly #flows = new Map<string, Promise<Flow>>();

  constructor(client: OrchestratorClient) {
    this.#client = client;
  }

  /** Create (or find, by name) a flow; memoised per process. */
  createFlow(input: FlowCreate): Promise<Flow> {
    let found = this.#flows.get(input.name);
    if (!found) {
      found = this.#client.flows.create.mutate(input);
      found.catch(() => this.#flows.delete(input.name));
      this.#flows.set(input.name, found);
    }
    return found;
  }

  /** Create a flow run (Pending unless a state is given). */
  createFlowRun(input: FlowRunCreate): Promise<FlowRun> {
    return this.#client.flowRuns.create.mutate(input);
  }

  /** Read a flow run. */
  readFlowRun(id: string): Promise<FlowRun> {
    return this.#client.flowRuns.read.query({ id });
  }

  /** Read a deployment by id or by `flow-name/deployment-name`. */
  async readDeployment(ref: DeploymentRef): Promise<Deployment> {
    const read = this.#client.deployments?.read;
    if (!read) throw new EngineConfigError('The Weft server does not offer deployments.read');
    return read.query(ref);
  }

  /** Keep a running run's deployment concurrency slot; `expiresAt` null when it holds no lease. */
  async renewConcurrencyLease(flowRunId: string): Promise<{ expiresAt: Date | null }> {
    const renew = this.#client.deployments?.renewConcurrencyLease;
    if (!renew)
      throw new EngineConfigError('The Weft server does not offer deployments.renewConcurrencyLease');
    return renew.mutate({ flowRunId });
  }

  /** Change a flow run's name, tags or policy (never its state). */
  updateFlowRun(input: FlowRunUpdate): Promise<FlowRun> {
    return this.#client.flowRuns.update.mutate(input);
  }

  /** Child flow runs of a tracking task run, newest expected start first. */
  findChildFlowRuns(parentTaskRunId: string): Promise<FlowRun[]> {
    return this.#client.flowRuns.list.query({
      filter: { parentTaskRunId: { any: [parentTaskRunId] } },
      sort: 'EXPECTED_START_TIME_DESC',
      limit: 10,
    });
  }

  /**
   * Propose a flow run state (reference §2.1, client side): WAIT sleeps and proposes again, ACCEPT
   * and REJECT return the state the run is in now, ABORT throws {@link OrchestrationAbortedError}.
   */
  async proposeFlowRunState(
    id: string,
    state: StateCreate,
    options: ProposeOptions = {},
  ): Promise<ProposeResult> {
    let proposed = state;
    // Sent with the first proposal only: the server wrote them even if it answered WAIT.
    let taskRuns = options.taskRuns;
    let runUpdate = options.runUpdate;
    for (;;) {
      const result = await this.#client.flowRuns.setState.mutate({
        id,
        state: proposed,
        force: options.force ?? false,
        ...(taskRuns && { taskRuns }),
        ...(runUpdate && { runUpdate }),
      });
      taskRuns = undefined;
      runUpdate = undefined;
      const reason = 'reason' in result.details ? result.details.reason : null;
      if (result.status === 'WAIT') {
        const delay = result.details.type === 'wait_details' ? result.details.delaySeconds : 0;
        // A WAIT of 0 s comes from a sub-second delay: poll briefly instead of spinning.
        await sleep(Math.max(delay * 1000, 100));
        if (options.signal?.aborted)
          throw new OrchestrationAbortedError('Stopped waiting: run aborted', { flowRunId: id });
        // The state is entered now, not when it was first proposed (a run's start time is the
        // timestamp of its first Running state).
        if (proposed.timestamp) proposed = { ...proposed, timestamp: new Date() };
        continue;
      }
      if (result.status === 'ABORT' || !result.state) {
        throw new OrchestrationAbortedError(reason ?? 'Orchestration aborted the transition', {
          flowRunId: id,
        });
      }
      return { status: result.status, state: result.state, reason };
    }
  }

  /** Create (or find, idempotent on flow run + task key + dynamic key) one task run. */
  createTaskRun(input: TaskRunCreate): Promise<TaskRun> {
    return this.#client.taskRuns.create.mutate(input);
  }

  /** Record a batch of task runs and their states, in one transaction. */
  recordTaskRuns(batch: TaskRunBatch): Promise<{ taskRuns: number; states: number }> {
    return this.#client.taskRuns.recordBatch.mutate(batch);
  }

  /** Record a batch of logs. */
  createLogs(batch: LogBatch): Promise<{ count: number }> {
    return this.#client.logs.create.mutate(batch);
  }
}
