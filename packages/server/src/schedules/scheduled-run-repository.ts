import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';

// Queries of the scheduler. The lateral count and the `jsonb_to_recordset` batch insert are
// beyond kysely's builder, hence `sql`.

type Db = Kysely<Database>;

/** An active schedule of a non-paused deployment that needs runs, with what its runs copy. */
export interface DueScheduleRow {
  id: string;
  deployment_id: string;
  schedule: unknown;
  parameters: Record<string, unknown>;
  slug: string | null;
  flow_id: string;
  deployment_version: string | null;
  deployment_tags: string[];
  deployment_parameters: Record<string, unknown>;
  work_queue_id: string | null;
  work_queue_name: string | null;
  work_pool_name: string | null;
}

/**
 * Active schedules of non-paused deployments with fewer than `minRuns` future auto-scheduled
 * SCHEDULED runs of their own (matched by `created_by.id`), or whose latest such run is before
 * `minTime` (reference §4.4). Ordered by schedule id, after `afterId`, at most `limit`.
 */
export async function findDueSchedules(
  db: Db,
  input: {
    now: Date;
    minRuns: number;
    minTime: Date;
    afterId: string | null;
    limit: number;
    deploymentId?: string;
  },
): Promise<DueScheduleRow[]> {
  const { now, minRuns, minTime, afterId, limit, deploymentId } = input;
  const result = await sql<DueScheduleRow>`
    select s.id, s.deployment_id, s.schedule, s.parameters, s.slug, d.flow_id,
      d.version as deployment_version, d.tags as deployment_tags,
      d.parameters as deployment_parameters, d.work_queue_id, d.work_queue_name, d.work_pool_name
    from deployment_schedule s
    join deployment d on d.id = s.deployment_id
    cross join lateral (
      select count(*) as runs, max(r.next_scheduled_start_time) as latest
      from flow_run r
      where r.deployment_id = s.deployment_id and r.state_type = 'SCHEDULED' and r.auto_scheduled
        and r.next_scheduled_start_time >= ${now} and r.created_by->>'id' = s.id::text
    ) future
    where s.active and not d.paused
      ${afterId === null ? sql`` : sql`and s.id > ${afterId}`}
      ${deploymentId === undefined ? sql`` : sql`and s.deployment_id = ${deploymentId}`}
      and (future.runs < ${minRuns} or future.latest < ${minTime})
    order by s.id
    limit ${limit}`.execute(db);
  return result.rows;
}

/** A scheduled run to insert, with its first state. Times are epoch milliseconds. */
export interface ScheduledRunRecord {
  id: string;
  name: string;
  flow_id: string;
  deployment_id: string;
  deployment_version: string | null;
  work_queue_id: string | null;
  work_queue_name: string | null;
  work_pool_name: string | null;
  idempotency_key: string;
  parameters: Record<string, unknown>;
  tags: string[];
  empirical_policy: Record<string, unknown>;
  created_by: { id: string; type: 'SCHEDULE'; displayValue: string };
  scheduled_time: number;
  state_id: string;
  state_name: string;
  state_message: string;
  state_timestamp: number;
  state_details: Record<string, unknown>;
}

/**
 * Insert scheduled runs and their first states in one statement; a run whose id or
 * (flow, idempotency key) exists is skipped with its state. Returns the ids inserted.
 */
export async function insertScheduledRuns(
  db: Db,
  records: ScheduledRunRecord[],
  now: Date,
): Promise<string[]> {
  if (records.length === 0) return [];
  const result = await sql<{ id: string }>`
    with x as (
      select * from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(id uuid, name text,
        flow_id uuid, deployment_id uuid, deployment_version text, work_queue_id uuid,
        work_queue_name text, work_pool_name text, idempotency_key text, parameters jsonb, tags text[],
        empirical_policy jsonb, created_by jsonb, scheduled_time double precision, state_id uuid,
        state_name text, state_message text, state_timestamp double precision, state_details jsonb)
    ), run as (
      insert into flow_run (id, name, flow_id, deployment_id, deployment_version, work_queue_id,
        work_queue_name, work_pool_name, idempotency_key, parameters, tags, empirical_policy,
        created_by, auto_scheduled, run_count, total_run_time, expected_start_time,
        next_scheduled_start_time, state_id, state_type, state_name, state_timestamp, created_at,
        updated_at)
      select id, name, flow_id, deployment_id, deployment_version, work_queue_id, work_queue_name,
        work_pool_name, idempotency_key, parameters, tags, empirical_policy, created_by, true, 0, 0,
        to_timestamp(scheduled_time / 1000), to_timestamp(scheduled_time / 1000), state_id,
        'SCHEDULED', state_name, to_timestamp(state_timestamp / 1000), ${now}::timestamptz,
        ${now}::timestamptz
      from x
      on conflict do nothing
      returning id
    ), state as (
      insert into flow_run_state (id, flow_run_id, type, name, timestamp, message, state_details)
      select x.state_id, x.id, 'SCHEDULED', x.state_name, to_timestamp(x.state_timestamp / 1000),
        x.state_message, x.state_details
      from x where x.id in (select id from run)
    )
    select id from run`.execute(db);
  return result.rows.map((row) => row.id);
}
