import type {
  BulkFlowRunIds,
  BulkFlowRunResult,
  Flow,
  FlowCreate,
  FlowFilter,
  FlowListInput,
  FlowRun,
  FlowRunCreate,
  FlowRunFilter,
  FlowRunGraph,
  FlowRunGraphInput,
  FlowRunHistoryInput,
  FlowRunListInput,
  FlowRunSetState,
  FlowRunUpdate,
  HistoryBucket,
  LatestFlowRunsInput,
  Log,
  LogBatch,
  LogListInput,
  OrchestrationResult,
  State,
  TaskRun,
  TaskRunBatch,
  TaskRunCreate,
  TaskRunFilter,
  TaskRunHistoryInput,
  TaskRunListInput,
} from '@weft/schemas';
import type { z } from 'zod';
import type { ArtifactService } from '../domains/artifacts/artifact-contract';
import type {
  BlockDocumentService,
  BlockSchemaService,
  BlockTypeService,
} from '../domains/blocks/block-contract';
import type { ConcurrencyLimitService } from '../domains/concurrency-limits/concurrency-limit-contract';
import type { DeploymentService } from '../domains/deployments/deployment-contract';
import type { VariableService } from '../domains/variables/variable-contract';
import type {
  WorkerService,
  WorkPoolService,
  WorkQueueService,
} from '../domains/work-pools/work-pool-contract';
import type { ServerLogger } from '../logger';

// The service contracts live here, typed by schema types only, because they are part of the
// router's type (through the context): nothing here may import kysely or row types.

/** Flows: create (idempotent by name), read, list, count. */
export interface FlowService {
  create(input: z.output<typeof FlowCreate>): Promise<Flow>;
  get(id: string): Promise<Flow>;
  getByName(name: string): Promise<Flow>;
  list(input: z.output<typeof FlowListInput>): Promise<Flow[]>;
  count(filter: FlowFilter | undefined): Promise<number>;
}

/** Flow runs: create, read, list, update, orchestrated state changes, delete, watch. */
export interface FlowRunService {
  create(input: z.output<typeof FlowRunCreate>): Promise<FlowRun>;
  get(id: string): Promise<FlowRun>;
  list(input: z.output<typeof FlowRunListInput>): Promise<FlowRun[]>;
  count(filter: FlowRunFilter | undefined): Promise<number>;
  /** The most recently started run of each flow. */
  latestPerFlow(input: z.output<typeof LatestFlowRunsInput>): Promise<FlowRun[]>;
  update(input: z.output<typeof FlowRunUpdate>): Promise<FlowRun>;
  setState(input: z.output<typeof FlowRunSetState>): Promise<OrchestrationResult>;
  states(id: string): Promise<State[]>;
  delete(id: string): Promise<{ id: string }>;
  /** The run now, then again after every change, until `signal` aborts. */
  watch(id: string, signal: AbortSignal | undefined): AsyncGenerator<FlowRun>;
  /** Runs by expected-start bucket and state, every bucket of the window present. */
  history(input: z.output<typeof FlowRunHistoryInput>): Promise<HistoryBucket[]>;
  /** The run's task runs and subflow runs as a DAG, with the run's states. */
  graph(input: z.output<typeof FlowRunGraphInput>): Promise<FlowRunGraph>;
  /** Propose CANCELLING to each run; per-run outcomes. */
  bulkCancel(input: z.output<typeof BulkFlowRunIds>): Promise<BulkFlowRunResult>;
  /** Delete the runs in one transaction; per-run outcomes. */
  bulkDelete(input: z.output<typeof BulkFlowRunIds>): Promise<BulkFlowRunResult>;
}

/** Task runs: created and recorded in batches by the engine, read by everyone. */
export interface TaskRunService {
  create(input: z.output<typeof TaskRunCreate>): Promise<TaskRun>;
  recordBatch(input: z.output<typeof TaskRunBatch>): Promise<{ taskRuns: number; states: number }>;
  get(id: string): Promise<TaskRun>;
  list(input: z.output<typeof TaskRunListInput>): Promise<TaskRun[]>;
  count(filter: TaskRunFilter | undefined): Promise<number>;
  states(id: string): Promise<State[]>;
  /** Task runs by expected-start bucket and state, every bucket of the window present. */
  history(input: z.output<typeof TaskRunHistoryInput>): Promise<HistoryBucket[]>;
}

/** Logs: recorded in batches, listed, watched. */
export interface LogService {
  create(input: z.output<typeof LogBatch>): Promise<{ count: number }>;
  list(input: z.output<typeof LogListInput>): Promise<Log[]>;
  /** New logs of a flow run as they are recorded, until `signal` aborts. */
  watch(flowRunId: string, signal: AbortSignal | undefined): AsyncGenerator<Log>;
}

/** The services a procedure may call. */
export interface Services {
  flows: FlowService;
  flowRuns: FlowRunService;
  taskRuns: TaskRunService;
  logs: LogService;
  deployments: DeploymentService;
  workPools: WorkPoolService;
  workQueues: WorkQueueService;
  workers: WorkerService;
  blockTypes: BlockTypeService;
  blockSchemas: BlockSchemaService;
  blockDocuments: BlockDocumentService;
  variables: VariableService;
  artifacts: ArtifactService;
  concurrencyLimits: ConcurrencyLimitService;
}

/** The context of every tRPC call, in-process or over HTTP. */
export interface TrpcContext {
  services: Services;
  logger: ServerLogger;
}
