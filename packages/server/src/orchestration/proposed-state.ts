import type { State, StateCreate } from '@weft/schemas';
import { defaultStateName, uuid7 } from '@weft/schemas';

/**
 * Complete a proposal into the state that would be stored: the proposal's id or a fresh v7 id,
 * the default name of its type, the orchestration time, and copies of details.
 */
export function toProposedState(proposed: StateCreate, now: Date): State {
  const timestamp = proposed.timestamp ?? now;
  return {
    id: proposed.id ?? uuid7(now.getTime()),
    type: proposed.type,
    name: proposed.name ?? defaultStateName(proposed.type),
    timestamp,
    message: proposed.message ?? null,
    stateDetails: { ...proposed.stateDetails },
    data: proposed.data ?? null,
  };
}

/**
 * Whether a state carries a result worth protecting: any data except the `{ type: 'unpersisted' }`
 * marker. This is Prefect's test (`data and data.get("type") != "unpersisted"`), broader than "has
 * result record metadata" on purpose: it guards against losing a result, so unknown data counts.
 */
export function hasPersistedResult(state: State): boolean {
  const { data } = state;
  if (data === null || data === undefined) return false;
  const isObject = typeof data === 'object' && !Array.isArray(data);
  return !(isObject && data.type === 'unpersisted');
}
