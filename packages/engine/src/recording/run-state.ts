import { defaultStateName, type NewStateOptions, type State, type StateType, uuid7 } from '@weft/schemas';

/**
 * A new state, as `newState()` from `@weft/schemas` builds it, without its copies: the
 * engine makes three or four per task run. `stateDetails` is taken over, not copied. @internal
 */
export function runState(type: StateType, options: NewStateOptions = {}): State {
  const timestamp = options.timestamp ?? new Date();
  // The engine always passes fresh details, so they are used as given (no copy per state).
  const stateDetails = options.stateDetails ?? {};
  if (options.scheduledTime) stateDetails.scheduledTime = options.scheduledTime;
  if (type === 'SCHEDULED' && stateDetails.scheduledTime == null) stateDetails.scheduledTime = timestamp;
  return {
    id: uuid7(timestamp.getTime()),
    type,
    name: options.name ?? defaultStateName(type),
    timestamp,
    message: options.message ?? null,
    stateDetails,
    data: options.data ?? null,
  };
}
