import { proposeFlowRunState } from '../domains/flow-runs/flow-run-state-writer';
import type { BackgroundService } from './background-service';

/** @default 120 seconds, or `WEFT_CANCELLING_TIMEOUT_SECONDS` */
export const DEFAULT_CANCELLING_TIMEOUT_SECONDS = 120;
/** The message of a run moved to Cancelled by the timeout. */
export const CANCELLING_TIMEOUT_MESSAGE =
  'Flow run cancellation timed out: nothing confirmed the cancellation, so the server marked it Cancelled.';
/** Runs handled per pass; the next pass takes the rest. */
const BATCH_SIZE = 200;

/** The timeout: `WEFT_CANCELLING_TIMEOUT_SECONDS` when it is a positive number, else 120. */
export function cancellingTimeoutSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.WEFT_CANCELLING_TIMEOUT_SECONDS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_CANCELLING_TIMEOUT_SECONDS;
}

/**
 * No run is left CANCELLING (reference §12.5): every 15 s, runs that entered CANCELLING longer
 * than the timeout ago (nothing alive killed their infrastructure and confirmed) are set
 * Cancelled, forced, with a message saying why. Oldest first, {@link BATCH_SIZE} per pass.
 */
export const cancellingTimeoutService: BackgroundService = {
  name: 'cancelling-timeout',
  intervalSeconds: 15,
  async run({ trx, now, resources, afterCommit }) {
    const deadline = new Date(now.getTime() - cancellingTimeoutSeconds() * 1000);
    const stuck = await trx
      .selectFrom('flow_run')
      .select('id')
      .where('state_type', '=', 'CANCELLING')
      .where('state_timestamp', '<=', deadline)
      .orderBy('state_timestamp', 'asc')
      .orderBy('id', 'asc')
      .limit(BATCH_SIZE)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const { id } of stuck) {
      const outcome = await proposeFlowRunState(trx, {
        id,
        proposed: { type: 'CANCELLED', message: CANCELLING_TIMEOUT_MESSAGE },
        force: true,
        now,
      });
      if (outcome?.written) afterCommit(() => resources.events.emit('flowRunChanged', { id }));
    }
  },
};
