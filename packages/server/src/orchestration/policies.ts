import type { OrchestrationRule } from './rule';
import { bypassCancellingFlowRunsWithNoInfra } from './rules/bypass-cancelling-flow-runs-with-no-infra';
import { copyScheduledTime } from './rules/copy-scheduled-time';
import { enforceCancellingToCancelledTransition } from './rules/enforce-cancelling-to-cancelled-transition';
import { ensureOnlyScheduledFlowsMarkedLate } from './rules/ensure-only-scheduled-flows-marked-late';
import { handleFlowTerminalStateTransitions } from './rules/handle-flow-terminal-state-transitions';
import { handlePausingFlows } from './rules/handle-pausing-flows';
import { handleResumingPausedFlows } from './rules/handle-resuming-paused-flows';
import { preventDuplicateTransitions } from './rules/prevent-duplicate-transitions';
import { preventPendingTransitions } from './rules/prevent-pending-transitions';
import { preventResultDataLoss } from './rules/prevent-result-data-loss';
import { retryFailedFlows } from './rules/retry-failed-flows';
import { waitForScheduledTime } from './rules/wait-for-scheduled-time';

/**
 * The default flow run policy, in priority order (reference §2.4). Deployment concurrency comes
 * with deployments: `PreserveDeploymentConcurrencyLeaseId` goes first, then
 * `ValidateDeploymentConcurrencyAtRunning`, `SecureFlowConcurrencySlots` and
 * `RemoveDeploymentConcurrencyLeaseForOldClientVersions` after `PreventPendingTransitions`, and
 * `ReleaseFlowConcurrencySlots` last. Event instrumentation is the caller's, after the write.
 */
export const CORE_FLOW_POLICY: readonly OrchestrationRule[] = [
  preventDuplicateTransitions,
  handleFlowTerminalStateTransitions,
  enforceCancellingToCancelledTransition,
  bypassCancellingFlowRunsWithNoInfra,
  preventPendingTransitions,
  // Deployment concurrency rules go here (reference §2.4 items 7–9).
  ensureOnlyScheduledFlowsMarkedLate,
  handlePausingFlows,
  handleResumingPausedFlows,
  copyScheduledTime,
  waitForScheduledTime,
  retryFailedFlows,
  // ReleaseFlowConcurrencySlots goes here (reference §2.4 item 17).
];

/**
 * The policy for `force: true` (reference §2.2): only what must hold even for an operator, i.e.
 * never drop a persisted result, and cancel runs without infrastructure directly. The global
 * transforms still run.
 */
export const MINIMAL_FLOW_POLICY: readonly OrchestrationRule[] = [
  preventResultDataLoss,
  bypassCancellingFlowRunsWithNoInfra,
  // ReleaseFlowConcurrencySlots goes here with deployment concurrency.
];
