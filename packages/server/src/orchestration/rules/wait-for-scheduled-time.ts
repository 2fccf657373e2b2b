import { defineRule } from '../rule';

/**
 * Whole seconds until a scheduled time, as Prefect computes them: the floor of the seconds, plus 1
 * if the fractional part exceeds one half (Python's `round` takes 0.5 to 0).
 */
export function secondsUntil(scheduled: Date, now: Date): number {
  const ms = scheduled.getTime() - now.getTime();
  const whole = Math.floor(ms / 1000);
  return whole + (ms - whole * 1000 > 500 ? 1 : 0);
}

/** A run cannot start before its scheduled time, on the server's clock: WAIT until then. */
export const waitForScheduledTime = defineRule({
  name: 'WaitForScheduledTime',
  fromStates: ['SCHEDULED', 'PENDING'],
  toStates: ['RUNNING'],
  before({ initial, now }) {
    const scheduled = initial?.stateDetails.scheduledTime;
    if (!scheduled) return undefined;
    const delaySeconds = secondsUntil(scheduled, now);
    if (delaySeconds <= 0) return undefined;
    return { type: 'wait', delaySeconds, reason: 'Scheduled time is in the future' };
  },
});
