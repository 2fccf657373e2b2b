import { newState, STATE_TYPES, type State, type StateType } from '@weft/schemas';

/** How {@link returnValueToState} recognises states (or things that have one, like futures). */
export interface ReturnValueToStateOptions<TItem> {
  /** Whether a value is a state or holds one. @default a structural check for a Weft `State` */
  isState?: (value: unknown) => value is TItem;
  /** The state of such a value. @default the value itself */
  stateOf?: (item: TItem) => State;
  /** The time of the new state. @default new Date() */
  now?: Date;
}

/** Whether a value looks like a Weft {@link State} (type, name and details present). */
export function isStateLike(value: unknown): value is State {
  if (value === null || typeof value !== 'object') return false;
  const { type, name, stateDetails } = value as Partial<State>;
  return (
    typeof type === 'string' &&
    (STATE_TYPES as readonly string[]).includes(type) &&
    typeof name === 'string' &&
    stateDetails !== null &&
    typeof stateDetails === 'object'
  );
}

/** A state the user built by hand (not one recorded for a run): used verbatim as the final state. */
function isManualState(state: State): boolean {
  return !state.stateDetails.flowRunId && !state.stateDetails.taskRunId;
}

function collectionOf(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (value instanceof Set) return [...value];
  return null;
}

/**
 * The aggregate state of several run states (reference §1.3): all COMPLETED → COMPLETED
 * "All states completed."; else any CANCELLED → CANCELLED "k/n states cancelled."; else any PAUSED →
 * PAUSED "k/n states paused."; else FAILED "k/n states failed." (FAILED and CRASHED count as failed).
 */
export function aggregateStates(states: readonly State[], now: Date = new Date()): State {
  const total = states.length;
  const count = (...types: StateType[]) => states.filter((s) => types.includes(s.type)).length;
  const make = (type: StateType, message: string) => newState(type, { message, timestamp: now });
  if (count('COMPLETED') === total) return make('COMPLETED', 'All states completed.');
  const cancelled = count('CANCELLED');
  if (cancelled > 0) return make('CANCELLED', `${cancelled}/${total} states cancelled.`);
  const paused = count('PAUSED');
  if (paused > 0) return make('PAUSED', `${paused}/${total} states paused.`);
  return make('FAILED', `${count('FAILED', 'CRASHED')}/${total} states failed.`);
}

/**
 * The final state of a run from what its function returned (Prefect's `return_value_to_state`):
 *
 * - a single state built by hand (no flow or task run id in its details) is used verbatim;
 * - a state of a run, or a non-empty array/Set whose items are all states (or futures, through
 *   `isState`/`stateOf`), is aggregated by {@link aggregateStates};
 * - anything else, including an empty array, gives COMPLETED.
 *
 * It never looks at futures itself: callers resolve them and pass accessors, so this stays pure.
 * The returned state has `data: null`; the caller attaches the persisted result.
 * @example returnValueToState([completedState, failedState]) // FAILED "1/2 states failed."
 * @example returnValueToState(futures, { isState: isWeftFuture, stateOf: (f) => f.state })
 */
export function returnValueToState<TItem = State>(
  value: unknown,
  options: ReturnValueToStateOptions<TItem> = {},
): State {
  const isState = options.isState ?? (isStateLike as (v: unknown) => v is TItem);
  const stateOf = options.stateOf ?? ((item: TItem) => item as unknown as State);
  const now = options.now ?? new Date();
  if (isState(value)) {
    const state = stateOf(value);
    return isManualState(state) ? state : aggregateStates([state], now);
  }
  const items = collectionOf(value);
  if (items && items.length > 0 && items.every((item) => isState(item))) {
    return aggregateStates(
      items.map((item) => stateOf(item as TItem)),
      now,
    );
  }
  return newState('COMPLETED', { timestamp: now });
}
