import { namedState } from '@weft/schemas';
import { defineRule } from '../rule';

/**
 * A failing run with retries left is sent to `AwaitingRetry` at now + `retryDelaySeconds`,
 * keeping the failure's message and data, with fresh pause bookkeeping and `retryType`
 * `in_process`. Without retries left the failure stands and `retryType` is cleared, so a later
 * manual retry is not mistaken for an automatic one.
 */
export const retryFailedFlows = defineRule({
  name: 'RetryFailedFlows',
  fromStates: ['RUNNING'],
  toStates: ['FAILED'],
  before({ proposed, run, policy, now }) {
    if (policy.retries === null || run.runCount > policy.retries) {
      return { type: 'amend', policy: { retryType: null } };
    }
    const scheduledTime = new Date(now.getTime() + (policy.retryDelaySeconds ?? 0) * 1000);
    const state = namedState('AwaitingRetry', {
      timestamp: now,
      scheduledTime,
      message: proposed.message,
      data: proposed.data,
    });
    const retryPolicy = { resuming: false, pauseKeys: [], retryType: 'in_process' as const };
    return { type: 'reject', state, reason: 'Retrying', policy: retryPolicy };
  },
});
