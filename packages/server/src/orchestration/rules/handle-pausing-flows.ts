import { uuid7 } from '@weft/schemas';
import { ALL_FROM_STATES, defineRule } from '../rule';

/**
 * Governs entering PAUSED: only a RUNNING run pauses, each pause key fires once, and a suspend
 * (`pauseReschedule`, the run leaves its infrastructure) needs a deployment to come back through
 * and is not allowed for subflows. After the transition the key joins `pauseKeys`.
 */
export const handlePausingFlows = defineRule({
  name: 'HandlePausingFlows',
  fromStates: ALL_FROM_STATES,
  toStates: ['PAUSED'],
  before({ initial, proposed, policy, run }) {
    const verb = proposed.name === 'Suspended' ? 'suspend' : 'pause';
    if (!initial) return { type: 'abort', reason: `Cannot ${verb} flows with no state.` };
    if (initial.type !== 'RUNNING') {
      return { type: 'reject', state: null, reason: `Cannot ${verb} flows that are not currently running.` };
    }
    const key = proposed.stateDetails.pauseKey;
    if (key != null && policy.pauseKeys.includes(key)) {
      return { type: 'reject', state: null, reason: `This ${verb} has already fired.` };
    }
    if (!proposed.stateDetails.pauseReschedule) return undefined;
    if (run.parentTaskRunId !== null) return { type: 'abort', reason: `Cannot ${verb} subflows.` };
    if (run.deploymentId === null) {
      return { type: 'abort', reason: `Cannot ${verb} flows without a deployment.` };
    }
    return undefined;
  },
  after({ proposed, policy }) {
    // Like Prefect, a pause without a key records a random one: it can never match again.
    const key = proposed.stateDetails.pauseKey ?? uuid7();
    return { policy: { pauseKeys: [...policy.pauseKeys, key] } };
  },
});
