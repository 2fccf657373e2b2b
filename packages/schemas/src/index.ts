/**
 * @weft/schemas — zod schemas and types of every Weft domain object. Depends on zod only.
 * Each schema and its type share one name: `FlowRun` is both the schema and `z.infer<typeof FlowRun>`.
 */
export {
  ARTIFACT_SORTS,
  ARTIFACT_TYPES,
  Artifact,
  ArtifactCreate,
  ArtifactFilter,
  ArtifactKey,
  ArtifactListInput,
  ArtifactMetadata,
  ArtifactSort,
  ArtifactTable,
  ArtifactType,
  ArtifactUpdate,
  checkArtifactData,
  MAX_ARTIFACT_DATA_LENGTH,
  MAX_ARTIFACT_KEY_LENGTH,
} from './artifacts/artifact';
export {
  BlockDocument,
  BlockDocumentCreate,
  BlockDocumentListInput,
  BlockDocumentName,
  BlockDocumentReadByNameInput,
  BlockDocumentReadInput,
  BlockDocumentUpdate,
  SECRET_MASK,
} from './blocks/block-document';
export { BlockSchema, BlockSchemaCreate, BlockSchemaListInput, NON_VERSIONED } from './blocks/block-schema';
export {
  BlockCapability,
  BlockType,
  BlockTypeListInput,
  BlockTypeSlug,
  BlockTypeSpec,
  BlockTypeUpsert,
} from './blocks/block-type';
export {
  CONCURRENCY_LIMIT_NAME_BANNED_CHARACTERS,
  CONCURRENCY_MODES,
  ConcurrencyAcquire,
  ConcurrencyAcquireResult,
  ConcurrencyLease,
  ConcurrencyLeaseHolder,
  ConcurrencyLimit,
  ConcurrencyLimitCreate,
  ConcurrencyLimitListInput,
  ConcurrencyLimitName,
  ConcurrencyLimitReset,
  ConcurrencyLimitUpdate,
  ConcurrencyMode,
  ConcurrencyRelease,
  ConcurrencyRenew,
} from './concurrency/concurrency-limit';
export { DateTime, Uuid, uuid7 } from './core/ids';
export { JsonObject, JsonValue } from './core/json';
export { generateRunName } from './core/run-names';
export { API_VERSION } from './core/version';
export { wireTransformer } from './core/wire-transformer';
export {
  CollisionStrategy,
  ConcurrencyOptions,
  DEPLOYMENT_SORTS,
  Deployment,
  DeploymentClaimFlowRunsInput,
  DeploymentCountInput,
  DeploymentCreate,
  DeploymentFilter,
  DeploymentFlowRunCreate,
  DeploymentListInput,
  DeploymentName,
  DeploymentRef,
  DeploymentSort,
  DeploymentStatus,
  DeploymentUpdate,
  MAX_PARAMETERS_SIZE,
} from './deployments/deployment';
export {
  GitCloneStep,
  PullStep,
  RunShellScriptStep,
  SetWorkingDirectoryStep,
} from './deployments/pull-steps';
export {
  CronSchedule,
  DeploymentSchedule,
  DeploymentScheduleCreate,
  DeploymentScheduleInput,
  DeploymentScheduleUpdate,
  IntervalSchedule,
  RRuleSchedule,
  Schedule,
  ScheduleSlug,
  TimeZone,
} from './deployments/schedule';
export { SerializedError } from './errors/serialized-error';
export type { WeftErrorCode, WeftErrorOptions } from './errors/weft-error';
export { isWeftError, WEFT_ERROR_CODES, WeftError } from './errors/weft-error';
export {
  DateFilter,
  enumFilter,
  FilterOperator,
  IdFilter,
  MAX_LIMIT,
  Pagination,
  StringFilter,
  TagsFilter,
} from './filters/operators';
export {
  FLOW_RUN_SORTS,
  FlowRun,
  FlowRunCountInput,
  FlowRunCreate,
  FlowRunFilter,
  FlowRunListInput,
  FlowRunPolicy,
  FlowRunPolicyUpdate,
  FlowRunSetState,
  FlowRunSort,
  FlowRunUpdate,
  RunCreator,
} from './flow-runs/flow-run';
export {
  FLOW_NAME_BANNED_CHARACTERS,
  FLOW_SORTS,
  Flow,
  FlowCreate,
  FlowFilter,
  FlowListInput,
  FlowName,
  FlowSort,
  Tags,
} from './flows/flow';
export type { LogLevelName } from './logs/log';
export {
  LOG_LEVELS,
  LOG_SORTS,
  Log,
  LogBatch,
  LogCreate,
  LogFilter,
  LogListInput,
  LogSort,
  MAX_LOG_BATCH,
  MAX_LOG_MESSAGE_LENGTH,
} from './logs/log';
export {
  ORCHESTRATION_STATUSES,
  OrchestrationDetails,
  OrchestrationResult,
  OrchestrationStatus,
} from './orchestration/orchestration-result';
export type { NewStateOptions } from './states/state';
export {
  isResultRecordMetadata,
  namedState,
  newState,
  ResultRecordMetadata,
  State,
  StateCreate,
  StateDetails,
} from './states/state';
export type { StateName, TerminalStateType } from './states/state-type';
export {
  defaultStateName,
  isTerminalStateType,
  NAMED_STATES,
  STATE_TYPES,
  StateType,
  TERMINAL_STATE_TYPES,
} from './states/state-type';
export {
  MAX_TASK_RUN_BATCH,
  TASK_RUN_SORTS,
  TaskRun,
  TaskRunBatch,
  TaskRunCreate,
  TaskRunFilter,
  TaskRunInput,
  TaskRunListInput,
  TaskRunPolicy,
  TaskRunSort,
  TaskRunStateRecord,
} from './task-runs/task-run';
export { BulkFlowRunIds, BulkFlowRunResult, LatestFlowRunsInput, MAX_BULK_IDS } from './ui/bulk';
export {
  FlowRunGraph,
  FlowRunGraphInput,
  FlowRunGraphNode,
  MAX_GRAPH_NODES,
} from './ui/flow-run-graph';
export {
  FlowRunHistoryInput,
  HistoryBucket,
  HistoryStateCount,
  MAX_HISTORY_BUCKETS,
  TaskRunHistoryInput,
} from './ui/run-history';
export {
  MAX_VARIABLE_NAME_LENGTH,
  MAX_VARIABLE_TAGS,
  MAX_VARIABLE_VALUE_LENGTH,
  VARIABLE_SORTS,
  Variable,
  VariableCreate,
  VariableFilter,
  VariableListInput,
  VariableName,
  VariableSet,
  VariableSort,
  VariableTags,
  VariableUpdate,
  VariableValue,
} from './variables/variable';
export { PROCESS_BASE_JOB_TEMPLATE } from './work-pools/process-base-job-template';
export {
  BaseJobTemplate,
  ClaimedFlowRun,
  ClaimFlowRunsInput,
  WORK_POOL_NAME_BANNED_CHARACTERS,
  Worker,
  WorkerHeartbeat,
  WorkerStatus,
  WorkPool,
  WorkPoolCreate,
  WorkPoolFilter,
  WorkPoolListInput,
  WorkPoolName,
  WorkPoolPreviewInput,
  WorkPoolStatus,
  WorkPoolUpdate,
  WorkQueue,
  WorkQueueCreate,
  WorkQueueRef,
  WorkQueueStatus,
  WorkQueueUpdate,
} from './work-pools/work-pool';
