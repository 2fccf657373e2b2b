import { ALL_TO_STATES, defineRule } from '../rule';

/** A CANCELLING run is tearing its infrastructure down: the only way out is CANCELLED. */
export const enforceCancellingToCancelledTransition = defineRule({
  name: 'EnforceCancellingToCancelledTransition',
  fromStates: ['CANCELLING'],
  toStates: ALL_TO_STATES.filter((type) => type !== 'CANCELLED'),
  before() {
    return {
      type: 'reject',
      state: null,
      reason: 'Cannot transition flows that are cancelling to a state other than Cancelled.',
    };
  },
});
