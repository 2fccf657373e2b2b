import { newState, type State, type StateDetails } from '@weft/schemas';
import { isWeftFuture, outcomeError, type RunOutcome } from '../futures/future';
import { returnValueToState } from '../states/return-value-to-state';

/** A flow's final state and value, computed from what its function returned. @internal */
export interface FinalState {
  state: State;
  value: unknown;
  error?: unknown;
}

async function resolveReturned(
  value: unknown,
): Promise<{ value: unknown; outcomes: RunOutcome<unknown>[] | null }> {
  if (isWeftFuture(value)) {
    const outcome = await value.outcome();
    return { value: outcome.value, outcomes: [outcome] };
  }
  if (Array.isArray(value) && value.length > 0 && value.every(isWeftFuture)) {
    const outcomes = await Promise.all(value.map((f) => f.outcome()));
    return { value: outcomes.map((o) => o.value), outcomes };
  }
  return { value, outcomes: null };
}

/**
 * The final state of a flow from its return value (reference §1.3 `return_value_to_state`):
 * returned futures are waited for and their states aggregated (all completed → Completed; any
 * cancelled → Cancelled; else Failed "k/n states failed."); a manually created state is used as
 * is; anything else completes the run. @internal
 */
export async function finalStateFor(returned: unknown, details: StateDetails): Promise<FinalState> {
  const { value, outcomes } = await resolveReturned(returned);
  const state = returnValueToState(outcomes ? outcomes.map((o) => o.state) : value);
  const final = { ...state, stateDetails: { ...state.stateDetails, ...details } };
  if (final.type === 'COMPLETED') return { state: final, value };
  const failed = outcomes?.find((o) => o.state.type !== 'COMPLETED');
  return { state: final, value, error: failed ? outcomeError(failed) : undefined };
}

export { newState };
