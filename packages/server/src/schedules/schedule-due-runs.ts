import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { ServerLogger } from '../logger';
import { planScheduledRuns, SCHEDULER_LIMITS } from './plan-scheduled-runs';
import {
  type DueScheduleRow,
  findDueSchedules,
  insertScheduledRuns,
  type ScheduledRunRecord,
} from './scheduled-run-repository';

/** Schedules read per query (reference §4.4 batches of 100). */
const SCHEDULE_BATCH = 100;
/** Runs per insert statement (reference §4.4 inserts of 500). */
const INSERT_BATCH = 500;

/**
 * Insert the missing runs of every due schedule (of one deployment, with `deploymentId`), in
 * the caller's transaction, and return the ids inserted. Idempotent: a run already stored for a
 * (deployment, schedule, time) is skipped by its idempotency key, so concurrent callers never
 * duplicate a run. A stored schedule that is no longer valid is skipped with a warning.
 */
export async function scheduleDueRuns(
  trx: Kysely<Database>,
  input: { now: Date; logger: ServerLogger; deploymentId?: string },
): Promise<string[]> {
  const { now, logger, deploymentId } = input;
  const minTime = new Date(now.getTime() + SCHEDULER_LIMITS.minTimeMs);
  const inserted: string[] = [];
  let afterId: string | null = null;
  for (;;) {
    const due: DueScheduleRow[] = await findDueSchedules(trx, {
      now,
      minRuns: SCHEDULER_LIMITS.minRuns,
      minTime,
      afterId,
      limit: SCHEDULE_BATCH,
      ...(deploymentId ? { deploymentId } : {}),
    });
    const records = due.flatMap((row) => planOrWarn(row, now, logger));
    for (let i = 0; i < records.length; i += INSERT_BATCH) {
      inserted.push(...(await insertScheduledRuns(trx, records.slice(i, i + INSERT_BATCH), now)));
    }
    if (due.length < SCHEDULE_BATCH) return inserted;
    afterId = due[due.length - 1]!.id;
  }
}

function planOrWarn(row: DueScheduleRow, now: Date, logger: ServerLogger): ScheduledRunRecord[] {
  try {
    return planScheduledRuns(row, now);
  } catch (error) {
    logger.warn('Skipped a schedule that is not valid', {
      scheduleId: row.id,
      deploymentId: row.deployment_id,
      message: error instanceof Error ? error.message : String(error),
    });
    return [];
  }
}
