import { namedState } from '@weft/schemas';
import { proposeFlowRunState } from '../domains/flow-runs/flow-run-state-writer';
import type { BackgroundService } from './background-service';

/** A Scheduled run this many seconds past its time is Late (reference §4.5 `AFTER_SECONDS`). */
export const LATE_AFTER_SECONDS = 15;
/** Runs marked per pass, at most; the rest wait for the next pass (every 5 s). */
const BATCH = 400;

/**
 * The late-runs service (reference §4.5): every 5 s, runs still in the state named `Scheduled`
 * 15 s after their scheduled time are proposed `Late` (a SCHEDULED state keeping the scheduled
 * time) through the core policy, which marks a run Late only from `Scheduled`, and only once.
 * Announces `flowRunChanged` for each, once the pass has committed.
 */
export const lateRunsService: BackgroundService = {
  name: 'late-runs',
  intervalSeconds: 5,
  async run({ trx, now, resources, afterCommit }) {
    const due = await trx
      .selectFrom('flow_run')
      .select(['id', 'next_scheduled_start_time'])
      .where('state_type', '=', 'SCHEDULED')
      .where('state_name', '=', 'Scheduled')
      .where('next_scheduled_start_time', '<=', new Date(now.getTime() - LATE_AFTER_SECONDS * 1000))
      .orderBy('next_scheduled_start_time')
      .limit(BATCH)
      .execute();
    const marked: string[] = [];
    for (const run of due) {
      const late = namedState('Late', {
        timestamp: now,
        scheduledTime: run.next_scheduled_start_time ?? now,
      });
      const outcome = await proposeFlowRunState(trx, { id: run.id, proposed: late, force: false, now });
      if (outcome?.written) marked.push(run.id);
    }
    afterCommit(() => {
      for (const id of marked) resources.events.emit('flowRunChanged', { id });
    });
  },
};
