import { FlowRunPolicy, generateRunName, namedState, Schedule, uuid7 } from '@weft/schemas';
import { scheduleKind, scheduleTimes } from './schedule-times';
import type { DueScheduleRow, ScheduledRunRecord } from './scheduled-run-repository';
import { validateSchedule } from './validate-schedule';

/** The scheduler's bounds (reference §4.4). */
export const SCHEDULER_LIMITS = {
  /** Keep at least this many future runs per schedule. */
  minRuns: 3,
  /** ...and the latest at least this far ahead (ms). */
  minTimeMs: 3_600_000,
  /** Never insert more than this many runs for a schedule in one go. */
  maxRuns: 100,
  /** ...nor further ahead than this (ms). */
  maxTimeMs: 100 * 86_400_000,
} as const;

/** The message of a scheduler run's first state. */
export const SCHEDULED_MESSAGE = 'Flow run scheduled';

const DEFAULT_POLICY = FlowRunPolicy.parse({});

/** The idempotency key of a scheduled run: one run per deployment, schedule and time. */
export function scheduledRunIdempotencyKey(deploymentId: string, scheduleId: string, date: Date): string {
  return `scheduled ${deploymentId} ${scheduleId} ${date.toISOString()}`;
}

/**
 * The times a schedule should have runs at: from `now`, up to 100 runs and 100 days ahead,
 * stopping once there are 3 and the latest is at least an hour ahead.
 */
export function plannedTimes(schedule: Schedule, now: Date): Date[] {
  const times = scheduleTimes(schedule, {
    start: now,
    end: new Date(now.getTime() + SCHEDULER_LIMITS.maxTimeMs),
    maxCount: SCHEDULER_LIMITS.maxRuns,
  });
  const minTime = now.getTime() + SCHEDULER_LIMITS.minTimeMs;
  const index = times.findIndex((date, i) => i + 1 >= SCHEDULER_LIMITS.minRuns && date.getTime() >= minTime);
  return index === -1 ? times : times.slice(0, index + 1);
}

/**
 * The runs a due schedule should have, as records to insert. Throws ValidationError when the
 * stored schedule is not valid.
 */
export function planScheduledRuns(row: DueScheduleRow, now: Date): ScheduledRunRecord[] {
  const schedule = Schedule.parse(row.schedule);
  validateSchedule(schedule);
  const parameters = { ...row.deployment_parameters, ...row.parameters };
  const tags = [...new Set(['auto-scheduled', ...row.deployment_tags])];
  const createdBy = {
    id: row.id,
    type: 'SCHEDULE' as const,
    displayValue: row.slug ?? scheduleKind(schedule),
  };
  return plannedTimes(schedule, now).map((date) => {
    const state = namedState('Scheduled', {
      scheduledTime: date,
      message: SCHEDULED_MESSAGE,
      timestamp: now,
    });
    return {
      id: uuid7(now.getTime()),
      name: generateRunName(),
      flow_id: row.flow_id,
      deployment_id: row.deployment_id,
      deployment_version: row.deployment_version,
      work_queue_id: row.work_queue_id,
      work_queue_name: row.work_queue_name,
      work_pool_name: row.work_pool_name,
      idempotency_key: scheduledRunIdempotencyKey(row.deployment_id, row.id, date),
      parameters,
      tags,
      empirical_policy: DEFAULT_POLICY,
      created_by: createdBy,
      scheduled_time: date.getTime(),
      state_id: state.id,
      state_name: state.name,
      state_message: SCHEDULED_MESSAGE,
      state_timestamp: state.timestamp.getTime(),
      state_details: state.stateDetails,
    };
  });
}
