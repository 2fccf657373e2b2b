import type { FlowRun } from '@weft/schemas';
import { isTerminalStateType } from '@weft/schemas';

/**
 * Why a flow run can't be retried from the UI, or null when it can. The server's rules decide
 * (`HandleFlowTerminalStateTransitions`): only a finished run may be rescheduled, only a
 * deployment's run (a worker or `serve()` must pick it up again), and a COMPLETED run whose result
 * was persisted is never re-run.
 */
export function whyNotRetriable(run: Pick<FlowRun, 'stateType' | 'deploymentId' | 'state'>): string | null {
  if (!isTerminalStateType(run.stateType))
    return 'Only a finished run can be retried; this one has not ended.';
  if (run.deploymentId === null) {
    return 'Only a deployment run can be retried: this run was started by calling the flow, so no worker would pick it up.';
  }
  const data = run.state?.data;
  const unpersisted =
    data === null ||
    data === undefined ||
    (typeof data === 'object' && !Array.isArray(data) && data.type === 'unpersisted');
  if (run.stateType === 'COMPLETED' && !unpersisted) {
    return 'This run completed and its result was persisted; the server does not re-run it.';
  }
  return null;
}
