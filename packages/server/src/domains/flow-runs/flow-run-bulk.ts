import {
  type BulkFlowRunResult,
  isTerminalStateType,
  type OrchestrationResult,
  type StateType,
} from '@weft/schemas';
import type { ServerResources } from '../../resources';
import { deleteFlowRun } from './flow-run-repository';
import { proposeFlowRunState } from './flow-run-state-writer';

type Outcome = BulkFlowRunResult['results'][number];

/** The message of the CANCELLING state a bulk cancel proposes. */
export const BULK_CANCEL_MESSAGE = 'Cancelled by a bulk cancel request';

/** The ids once each, in the order given. */
function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/** One run's outcome from its orchestration result. @internal */
export function cancelOutcome(id: string, result: OrchestrationResult): Outcome {
  const details = result.details;
  const reason = 'reason' in details ? details.reason : null;
  const now = result.state?.type;
  // A run with nothing to tear down (not started) is rejected into CANCELLED: that is a success.
  if (result.status === 'ACCEPT' || now === 'CANCELLING' || now === 'CANCELLED') {
    return { id, outcome: 'ok', reason: result.status === 'ACCEPT' ? null : reason };
  }
  if (details.type === 'wait_details') {
    const why = reason ? `: ${reason}` : '';
    return { id, outcome: 'rejected', reason: `cancel must wait ${details.delaySeconds}s${why}` };
  }
  return { id, outcome: 'rejected', reason: reason ?? `orchestration answered ${result.status}` };
}

/**
 * Cancel runs: propose CANCELLING to each through the same orchestration as `setState` (so the
 * rules run: a scheduled run without infrastructure ends CANCELLED at once), one transaction per
 * run so one refusal does not undo the others. Finished and already cancelling runs, and missing
 * ids, are `skipped`.
 */
export async function bulkCancelFlowRuns(
  resources: ServerResources,
  ids: readonly string[],
): Promise<BulkFlowRunResult> {
  const { db, clock, events } = resources;
  const results: Outcome[] = [];
  for (const id of unique(ids)) {
    const now = clock();
    const outcome = await db.transaction().execute(async (trx) => {
      const run = await trx
        .selectFrom('flow_run')
        .select('state_type')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!run) return { result: { id, outcome: 'skipped', reason: 'flow run not found' } as Outcome };
      if (isTerminalStateType(run.state_type as StateType | null)) {
        const reason = `already ${run.state_type}; nothing to cancel`;
        return { result: { id, outcome: 'skipped', reason } as Outcome };
      }
      if (run.state_type === 'CANCELLING') {
        const reason = 'already CANCELLING; its infrastructure is being stopped';
        return { result: { id, outcome: 'skipped', reason } as Outcome };
      }
      const proposal = await proposeFlowRunState(trx, {
        id,
        proposed: { type: 'CANCELLING', name: 'Cancelling', message: BULK_CANCEL_MESSAGE },
        force: false,
        now,
      });
      if (!proposal) return { result: { id, outcome: 'skipped', reason: 'flow run not found' } as Outcome };
      return { result: cancelOutcome(id, proposal.result), written: proposal.written };
    });
    if (outcome.written) events.emit('flowRunChanged', { id });
    results.push(outcome.result);
  }
  return { results };
}

/**
 * Delete runs with what a single delete removes with them (states, task runs and their states,
 * logs), all in ONE transaction: either every existing run goes or none does. Missing ids are
 * `skipped`.
 */
export async function bulkDeleteFlowRuns(
  resources: ServerResources,
  ids: readonly string[],
): Promise<BulkFlowRunResult> {
  const { db, events } = resources;
  const results = await db.transaction().execute(async (trx) => {
    const out: Outcome[] = [];
    for (const id of unique(ids)) {
      const deleted = await deleteFlowRun(trx, id);
      out.push(
        deleted
          ? { id, outcome: 'ok', reason: null }
          : { id, outcome: 'skipped', reason: 'flow run not found' },
      );
    }
    return out;
  });
  for (const result of results) {
    if (result.outcome === 'ok') events.emit('flowRunChanged', { id: result.id });
  }
  return { results };
}
