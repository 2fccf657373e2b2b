/**
 * @weft/engine — plain async functions become flows and tasks with retries, caching, persisted
 * results, timeouts and subflows, recorded by a Weft server (an embedded one when `WEFT_API_URL`
 * is not set).
 *
 * @example
 * import { flow, task } from '@weft/engine';
 * const double = task({ name: 'double', retries: 2 }, async (n: number) => n * 2);
 * const pipeline = flow({ name: 'pipeline' }, async (numbers: number[]) => double.map(numbers).result());
 * await pipeline([1, 2, 3]); // [2, 4, 6]
 */
export type { LinkArtifactOptions, TableInput } from './artifacts/artifacts';
export {
  createImageArtifact,
  createLinkArtifact,
  createMarkdownArtifact,
  createProgressArtifact,
  createTableArtifact,
  updateProgressArtifact,
} from './artifacts/artifacts';
export type { ArtifactOptions } from './artifacts/create-artifact';
export { BlockError } from './blocks/block-errors';
export type { BlockHelpers, LoadedBlock } from './blocks/block-of';
export { blockOf } from './blocks/block-of';
export type { ResultStorageBlock } from './blocks/block-result-store';
export { blockResultStore } from './blocks/block-result-store';
export {
  JsonBlock,
  LocalFileSystem,
  localFileSystemBlock,
  Secret,
  StringBlock,
  Webhook,
  webhookBlock,
} from './blocks/builtin-blocks';
export type { BlockDataOf, BlockSlugOf, BuiltinBlockData, SaveBlockOptions } from './blocks/load-block';
export { loadBlock, saveBlock } from './blocks/load-block';
export type { CachePolicyInput, CachePolicyLike, CachePolicyName } from './caching/cache-policies';
export { cachePolicies } from './caching/cache-policies';
export type { CacheKeyContext } from './caching/cache-policy';
export { CachePolicy } from './caching/cache-policy';
export type { CacheKeyFn } from './caching/compute-cache-key';
export type { ConcurrencyOptions, RateLimitOptions } from './concurrency/concurrency';
export { ConcurrencySlotTimeoutError, concurrency, rateLimit } from './concurrency/concurrency';
export { closeEngine, flushEngine } from './config/engine-session';
export type { DeploymentRuntime, FlowRunRuntime, TaskRunRuntime } from './context/runtime';
export { runtime } from './context/runtime';
export type {
  ConcurrencyLimitOption,
  DeploymentOptionsBase,
  DeployOptions,
  ServeDeploymentOptions,
  ServeOptions,
  ServeRunnerOptions,
} from './deployments/deploy-options';
export { DeploymentError, PullStepError } from './deployments/deployment-errors';
export type { DeploymentScheduleOption } from './deployments/deployment-schedules';
export type {
  DeploymentFlowRun,
  DeploymentHandle,
  FlowTypes,
  HasFlowTypes,
  InferParameters,
  InferResult,
} from './deployments/deployment-types';
export type { FlowRunResultOptions } from './deployments/flow-run-result';
export { flowRunResult } from './deployments/flow-run-result';
export type { PullStepsResult, RunPullStepsOptions } from './deployments/pull-steps/run-pull-steps';
export { runPullSteps } from './deployments/pull-steps/run-pull-steps';
export type { DeploymentTarget, RunDeploymentArgs, RunDeploymentOptions } from './deployments/run-deployment';
export { runDeployment } from './deployments/run-deployment';
export type { ServableDeployment, ServeHandle } from './deployments/serve/serve';
export { serve } from './deployments/serve/serve';
export {
  CachePolicyError,
  EngineConfigError,
  FlowDefinitionError,
  FutureTimeoutError,
  HashError,
  MappingLengthMismatchError,
  MappingMissingIterableError,
  MissingContextError,
  MissingResultError,
  OrchestrationAbortedError,
  ParameterValidationError,
  ResultStoreError,
  RetryOptionsError,
  RunNameError,
  RunNotCompletedError,
  RunTimeoutError,
  UpstreamTaskError,
} from './errors';
export type { ExecuteFlowRunOptions } from './execution/execute-flow-run';
export { executeFlowRun } from './execution/execute-flow-run';
export type { ModuleLoader } from './execution/load-entrypoint';
export type { RunFlowRunOptions } from './execution/run-flow-run';
export { runFlowRun } from './execution/run-flow-run';
export { flow } from './flows/flow';
export type { AnyFlow, Flow, FlowHook, FlowOptions, FlowRunInfo, FlowRunOutcome } from './flows/flow-types';
export type { AllowFailure, Unmapped } from './futures/annotations';
export { allowFailure, unmapped } from './futures/annotations';
export { asCompleted, waitForAll } from './futures/as-completed';
export type { FutureResultOptions } from './futures/future';
export { isWeftFuture, WeftFuture, WeftFutureList } from './futures/future';
export type { RunLogger } from './logging/run-logger';
export { getRunLogger } from './logging/run-logger';
export type { LocalFileResultStoreOptions } from './results/local-file-result-store';
export { createLocalFileResultStore } from './results/local-file-result-store';
export type { ResultRecord, ResultStore, ResultWriteOptions } from './results/result-store';
export type { RetryDelayFn, RetryDelayInput } from './retries/retry-delay';
export { exponentialBackoff } from './retries/retry-delay';
export { pluginTask } from './tasks/plugin-task';
export { task } from './tasks/task';
export type {
  AnyTask,
  MapArgs,
  Task,
  TaskArg,
  TaskArgs,
  TaskCallOptions,
  TaskHook,
  TaskOptions,
  TaskRunInfo,
} from './tasks/task-types';
export type { VariableSetOptions } from './variables/variables';
export { variables } from './variables/variables';
export type { CreateWorkerOptions, WorkerHandle } from './workers/create-worker';
export { createWorker } from './workers/create-worker';
export { PROCESS_BASE_JOB_TEMPLATE, processWorkerType } from './workers/process-worker-type';
export type { WorkerClient } from './workers/worker-client';
export type { WorkerEvent } from './workers/worker-run';
export type {
  InfrastructureResult,
  WorkerKillContext,
  WorkerRunContext,
  WorkerType,
} from './workers/worker-type';
export { defineWorkerType } from './workers/worker-type';
