import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { ConfigError } from '../errors';
import type { ServerResources } from '../resources';
import { scheduleDueRuns } from '../schedules/schedule-due-runs';
import type { BackgroundService } from './background-service';

/** Seconds between scheduler passes, unless `WEFT_SCHEDULER_INTERVAL_SECONDS` says otherwise. */
export const SCHEDULER_INTERVAL_SECONDS = 60;

/** The scheduler's interval: `WEFT_SCHEDULER_INTERVAL_SECONDS` when set, else 60. */
export function schedulerIntervalSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.WEFT_SCHEDULER_INTERVAL_SECONDS;
  if (text === undefined || text === '') return SCHEDULER_INTERVAL_SECONDS;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new ConfigError(
      `WEFT_SCHEDULER_INTERVAL_SECONDS must be a positive number of seconds (got "${text}")`,
    );
  }
  return seconds;
}

/**
 * The scheduler (reference §4.4): each pass inserts the runs of every active schedule of every
 * non-paused deployment, from now up to 100 runs or 100 days ahead, stopping once a schedule has
 * 3 future runs and the latest is an hour ahead. Runs are idempotent per (deployment, schedule,
 * time), and the pass holds the service's advisory lock, so replicas never duplicate a run.
 * Announces `flowRunsScheduled` for the runs inserted, once the pass has committed.
 */
export const schedulerService: BackgroundService = {
  name: 'scheduler',
  // Read when the runner starts its timers, so the variable can be set after this module loads.
  get intervalSeconds() {
    return schedulerIntervalSeconds();
  },
  async run({ trx, now, resources, afterCommit }) {
    const ids = await scheduleDueRuns(trx, { now, logger: resources.logger });
    if (ids.length > 0) afterCommit(() => resources.events.emit('flowRunsScheduled', { ids }));
  },
};

/**
 * Insert the missing scheduled runs of one deployment now, in the caller's transaction (call it
 * after a deployment or its schedules are created, updated or resumed, so runs appear without
 * waiting for the next pass). Returns the ids inserted: emit `flowRunsScheduled` with them once
 * the transaction commits. Safe alongside a scheduler pass (idempotency keys).
 */
export function scheduleDeploymentRuns(
  trx: Kysely<Database>,
  input: { deploymentId: string; now: Date; resources: ServerResources },
): Promise<string[]> {
  return scheduleDueRuns(trx, {
    now: input.now,
    logger: input.resources.logger,
    deploymentId: input.deploymentId,
  });
}
