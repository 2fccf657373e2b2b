import { sql } from 'kysely';
import type { BackgroundService } from './background-service';

/** A worker that has not beaten for this many of its intervals is OFFLINE. */
export const MISSED_HEARTBEATS_BEFORE_OFFLINE = 3;
/** The heartbeat interval assumed for a worker that did not say. */
export const DEFAULT_HEARTBEAT_INTERVAL_SECONDS = 30;
/** A queue or deployment not polled for this long is NOT_READY. */
export const POLL_STALE_SECONDS = 60;

/**
 * Keeps worker, pool, queue and deployment health true (reference §5.4), every 15 s: workers
 * whose last heartbeat is older than 3 × their interval (30 s when unset) go OFFLINE; READY pools
 * with no ONLINE worker go NOT_READY; READY queues and deployments not polled for 60 s go
 * NOT_READY. Paused pools and queues keep PAUSED.
 */
export const foremanService: BackgroundService = {
  name: 'foreman',
  intervalSeconds: 15,
  async run({ trx, now }) {
    await trx
      .updateTable('worker')
      .set({ status: 'OFFLINE', updated_at: now })
      .where('status', '=', 'ONLINE')
      .where(
        sql<boolean>`worker.last_heartbeat_time + make_interval(secs => coalesce(worker.heartbeat_interval_seconds, ${DEFAULT_HEARTBEAT_INTERVAL_SECONDS}) * ${MISSED_HEARTBEATS_BEFORE_OFFLINE}) < ${now}`,
      )
      .execute();
    await trx
      .updateTable('work_pool')
      .set({ status: 'NOT_READY', updated_at: now })
      .where('status', '=', 'READY')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('worker')
              .select('worker.id')
              .whereRef('worker.work_pool_id', '=', 'work_pool.id')
              .where('worker.status', '=', 'ONLINE'),
          ),
        ),
      )
      .execute();
    const stale = new Date(now.getTime() - POLL_STALE_SECONDS * 1000);
    await trx
      .updateTable('work_queue')
      .set({ status: 'NOT_READY', updated_at: now })
      .where('status', '=', 'READY')
      .where((eb) => eb.or([eb('last_polled', 'is', null), eb('last_polled', '<', stale)]))
      .execute();
    await trx
      .updateTable('deployment')
      .set({ status: 'NOT_READY', updated_at: now })
      .where('status', '=', 'READY')
      .where((eb) => eb.or([eb('last_polled', 'is', null), eb('last_polled', '<', stale)]))
      .execute();
  },
};
