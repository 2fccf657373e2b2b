import type { CronSchedule, Schedule } from '@weft/schemas';
import { ValidationError } from '../errors';
import { toCronJob } from './cron-times';
import { parseRRule } from './parse-rrule';
import { isTimeZone } from './wall-clock';

/**
 * Check what the schedule's zod schema cannot: the cron expression, the RRULE text (parts and
 * ranges, COUNT with UNTIL, DTSTART's zone) and the time zone. Throws ValidationError whose
 * message starts with the field's path (`schedules.0.schedule.cron: …`).
 * @param path where the schedule sits in the input @default 'schedule'
 */
export function validateSchedule(schedule: Schedule, path = 'schedule'): void {
  if (schedule.timezone && !isTimeZone(schedule.timezone)) {
    throw new ValidationError(`unknown time zone "${schedule.timezone}"`, { path: `${path}.timezone` });
  }
  if ('cron' in schedule) {
    validateCron(schedule, `${path}.cron`);
  } else if ('interval' in schedule) {
    if (!Number.isFinite(schedule.interval) || schedule.interval <= 0) {
      throw new ValidationError('must be a positive number of seconds', { path: `${path}.interval` });
    }
    if (schedule.anchorDate && Number.isNaN(schedule.anchorDate.getTime())) {
      throw new ValidationError('is not a valid date', { path: `${path}.anchorDate` });
    }
  } else {
    parseRRule(schedule.rrule, schedule.timezone, `${path}.rrule`);
  }
}

function validateCron(schedule: CronSchedule, path: string): void {
  const { cron } = schedule;
  let next: Date | null;
  try {
    next = toCronJob(schedule).nextRun(new Date());
  } catch (error) {
    const why = error instanceof Error ? error.message.replace(/^CronPattern: /, '') : String(error);
    throw new ValidationError(`"${cron}" is not a valid cron expression (${why})`, { path, cause: error });
  }
  if (!next) throw new ValidationError(`"${cron}" never fires`, { path });
}
