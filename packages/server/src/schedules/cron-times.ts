import type { CronSchedule } from '@weft/schemas';
import { Cron } from 'croner';
import { MAX_ITERATIONS, type ScheduleWindow } from './schedule-window';

/**
 * The croner job of a cron schedule. `dayOr` true is Vixie cron's OR of day-of-month and
 * day-of-week, false their AND. DST follows Vixie cron (croner's `no-wildcard` rule): a job whose
 * seconds, minutes and hours have no wildcard or step runs once at a time that occurs twice and,
 * for a time that does not exist, at the first instant after the gap; other jobs run on every
 * real instant that matches (an hourly job runs every UTC hour).
 */
export function toCronJob(schedule: CronSchedule): Cron {
  return new Cron(schedule.cron, {
    timezone: schedule.timezone ?? 'UTC',
    domAndDow: schedule.dayOr === false,
    mode: '5-or-6-parts',
    fixedTimeRule: 'no-wildcard',
    paused: true,
  });
}

/** The times of a cron schedule in a window, ascending. */
export function cronTimes(schedule: CronSchedule, window: ScheduleWindow): Date[] {
  const job = toCronJob(schedule);
  const startMs = window.start.getTime();
  const endMs = window.end?.getTime() ?? Number.POSITIVE_INFINITY;
  const times: Date[] = [];
  // croner finds runs strictly after a reference, in whole seconds: a second before the start
  // makes a run exactly at the start count.
  let previous = new Date(startMs - 1000);
  for (let examined = 0; examined < MAX_ITERATIONS && times.length < window.maxCount; examined++) {
    const next = job.nextRun(previous);
    if (!next || next.getTime() > endMs) break;
    if (next.getTime() >= startMs) times.push(next);
    previous = next;
  }
  return times;
}
