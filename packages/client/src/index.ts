/**
 * @weft/client — the typed Weft client. Every server procedure, typed end to end through tRPC,
 * over HTTP or in the same process.
 */

export { isTRPCClientError, TRPCClientError } from '@trpc/client';
export { toApiUrl } from './api-url';
export type {
  RouterInputs,
  RouterOutputs,
  WeftClient,
  WeftClientOptions,
  WeftHttpClientOptions,
  WeftInProcessClientOptions,
} from './create-weft-client';
export { createWeftClient } from './create-weft-client';
export type { WeftClientErrorOptions, WeftClientErrorReason } from './errors';
export { isWeftClientError, WEFT_CLIENT_ERROR_REASONS, WeftClientError } from './errors';
export type { WeftInProcessServer } from './in-process-client';
export type {
  ClientRunDeploymentArgs,
  ClientRunDeploymentOptions,
  DeploymentParameters,
  DeploymentResult,
  DeploymentRun,
  DeploymentRunArgs,
  RunDeploymentClient,
  TypedDeployment,
  WaitForFlowRunClient,
  WaitForFlowRunOptions,
} from './run-deployment';
export { runDeployment, waitForFlowRun } from './run-deployment';
