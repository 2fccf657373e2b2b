import { ALL_FROM_STATES, ALL_TO_STATES, defineRule } from '../rule';

/**
 * A client that retries a request it never got an answer to sends the same `transitionId` again:
 * the transition already happened, so return the current state instead of writing it twice.
 */
export const preventDuplicateTransitions = defineRule({
  name: 'PreventDuplicateTransitions',
  fromStates: ALL_FROM_STATES,
  toStates: ALL_TO_STATES,
  before({ initial, proposed }) {
    const previous = initial?.stateDetails.transitionId;
    if (previous == null || previous !== proposed.stateDetails.transitionId) return undefined;
    return { type: 'reject', state: null, reason: 'This run has already made this state transition.' };
  },
});
