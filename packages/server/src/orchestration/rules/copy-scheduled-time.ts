import { defineRule } from '../rule';

/** SCHEDULED → PENDING keeps the scheduled time unless the proposal sets its own. */
export const copyScheduledTime = defineRule({
  name: 'CopyScheduledTime',
  fromStates: ['SCHEDULED'],
  toStates: ['PENDING'],
  before({ initial, proposed }) {
    if (!initial || proposed.stateDetails.scheduledTime) return undefined;
    return { type: 'amend', stateDetails: { scheduledTime: initial.stateDetails.scheduledTime ?? null } };
  },
});
