import type { OrchestrationRule } from './rule';
import { bypassCancellingFlowRunsWithNoInfra } from './rules/bypass-cancelling-flow-runs-with-no-infra';
import { copyScheduledTime } from './rules/copy-scheduled-time';
import { enforceCancellingToCancelledTransition } from './rules/enforce-cancelling-to-cancelled-transition';
import { enforceDeploymentConcurrencyOnLate } from './rules/enforce-deployment-concurrency-on-late';
import { ensureOnlyScheduledFlowsMarkedLate } from './rules/ensure-only-scheduled-flows-marked-late';
import { handleFlowTerminalStateTransitions } from './rules/handle-flow-terminal-state-transitions';
import { handlePausingFlows } from './rules/handle-pausing-flows';
import { handleResumingPausedFlows } from './rules/handle-resuming-paused-flows';
import { preventDuplicateTransitions } from './rules/prevent-duplicate-transitions';
import { preventPendingTransitions } from './rules/prevent-pending-transitions';
import { preventResultDataLoss } from './rules/prevent-result-data-loss';
import { retryFailedFlows } from './rules/retry-failed-flows';
import { secureFlowConcurrencySlots } from './rules/secure-flow-concurrency-slots';
import { validateDeploymentConcurrencyAtRunning } from './rules/validate-deployment-concurrency-at-running';
import { waitForScheduledTime } from './rules/wait-for-scheduled-time';

/**
 * The default flow run policy, in priority order (reference §2.4). Deployment concurrency leases
 * are keyed by flow run, so there is no lease id to preserve in state details (no
 * `PreserveDeploymentConcurrencyLeaseId`) and no old clients to strip it for; releasing
 * (`ReleaseFlowConcurrencySlots`) and acquiring follow from the written state
 * (`deploymentLeaseEffect`), applied by the state writer. Event instrumentation is the caller's.
 */
export const CORE_FLOW_POLICY: readonly OrchestrationRule[] = [
  preventDuplicateTransitions,
  handleFlowTerminalStateTransitions,
  enforceCancellingToCancelledTransition,
  bypassCancellingFlowRunsWithNoInfra,
  preventPendingTransitions,
  validateDeploymentConcurrencyAtRunning,
  secureFlowConcurrencySlots,
  ensureOnlyScheduledFlowsMarkedLate,
  enforceDeploymentConcurrencyOnLate,
  handlePausingFlows,
  handleResumingPausedFlows,
  copyScheduledTime,
  waitForScheduledTime,
  retryFailedFlows,
];

/**
 * The policy for `force: true` (reference §2.2): only what must hold even for an operator, i.e.
 * never drop a persisted result, and cancel runs without infrastructure directly. The global
 * transforms still run.
 */
export const MINIMAL_FLOW_POLICY: readonly OrchestrationRule[] = [
  preventResultDataLoss,
  bypassCancellingFlowRunsWithNoInfra,
  // Releasing a deployment concurrency lease follows from the written state (deploymentLeaseEffect).
];
