import type { Schedule } from '@weft/schemas';
import { cronTimes } from './cron-times';
import { intervalTimes } from './interval-times';
import { rruleTimes } from './rrule-times';
import type { ScheduleWindow } from './schedule-window';

/** Which of the three kinds a schedule is. */
export type ScheduleKind = 'cron' | 'interval' | 'rrule';

/** The kind of a schedule, told by its key field. */
export function scheduleKind(schedule: Schedule): ScheduleKind {
  if ('cron' in schedule) return 'cron';
  if ('interval' in schedule) return 'interval';
  return 'rrule';
}

/**
 * The times a schedule fires in a window: ascending, no duplicates, at most `maxCount`, from
 * `start` (a time exactly at `start` is included) to `end` (inclusive). At most
 * {@link MAX_ITERATIONS} candidates are examined. Times follow the wall clock of the schedule's
 * zone across DST (see docs/schedules.md for gaps and overlaps). Expects a valid schedule
 * (`validateSchedule`).
 * @example scheduleTimes({ cron: '0 9 * * 1-5', timezone: 'Europe/Berlin', dayOr: true }, { start: new Date(), maxCount: 5 })
 */
export function scheduleTimes(schedule: Schedule, window: ScheduleWindow): Date[] {
  if (window.maxCount <= 0 || (window.end && window.end < window.start)) return [];
  if ('cron' in schedule) return cronTimes(schedule, window);
  if ('interval' in schedule) return intervalTimes(schedule, window);
  return rruleTimes(schedule, window);
}
