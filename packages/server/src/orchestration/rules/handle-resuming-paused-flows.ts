import { isTerminalStateType, namedState } from '@weft/schemas';
import { ALL_TO_STATES, defineRule } from '../rule';

/**
 * Governs leaving PAUSED: only to RUNNING, SCHEDULED or a terminal state; a suspended run resumes
 * through its deployment only; past `pauseTimeout` the run fails instead. After the transition
 * `resuming` is set, so the next RUNNING continues the attempt instead of counting a new one.
 */
export const handleResumingPausedFlows = defineRule({
  name: 'HandleResumingPausedFlows',
  fromStates: ['PAUSED'],
  toStates: ALL_TO_STATES,
  before({ initial, proposed, run, now }) {
    if (!initial) return undefined;
    const allowed = proposed.type === 'RUNNING' || proposed.type === 'SCHEDULED';
    if (!allowed && !isTerminalStateType(proposed.type)) {
      const reason = `This run cannot transition to the ${proposed.type} state from the ${initial.type} state.`;
      return { type: 'reject', state: null, reason };
    }
    // Prefect words these after the proposed state's name ("was running"); Weft names the pause.
    const pausedName = initial.name.toLowerCase();
    const verb = initial.name === 'Suspended' ? 'suspend' : 'pause';
    if (initial.stateDetails.pauseReschedule && run.deploymentId === null) {
      const reason = `Cannot reschedule a ${pausedName} flow run without a deployment.`;
      return { type: 'reject', state: null, reason };
    }
    const timeout = initial.stateDetails.pauseTimeout;
    if (timeout && timeout.getTime() < now.getTime()) {
      const message = `The flow was ${pausedName} and never resumed.`;
      const reason = `The flow run ${verb} has timed out and can no longer resume.`;
      return { type: 'reject', state: namedState('Failed', { timestamp: now, message }), reason };
    }
    return undefined;
  },
  after() {
    return { policy: { resuming: true } };
  },
});
