import type { Schedule } from '@weft/schemas';
import { parseRRule } from './parse-rrule';
import { toFloating } from './wall-clock';

/**
 * A schedule as it should be stored (reference §4.3 NormalizedSchedule): an interval without
 * `anchorDate` is anchored at `now`, and an RRULE without DTSTART gets one at `now` (whole
 * seconds, on the wall clock of its zone), so its times stay put from one scheduler pass to the
 * next. Call it on every schedule a write path stores; other schedules come back unchanged.
 * Expects a valid schedule (`validateSchedule`).
 */
export function normalizeSchedule(schedule: Schedule, now: Date): Schedule {
  if ('interval' in schedule) return schedule.anchorDate ? schedule : { ...schedule, anchorDate: now };
  if ('cron' in schedule) return schedule;
  const parsed = parseRRule(schedule.rrule, schedule.timezone, 'rrule');
  if (parsed.dtstart) return schedule;
  const seconds = Math.floor(now.getTime() / 1000) * 1000;
  const dtstart =
    parsed.zone === 'UTC'
      ? `DTSTART:${format(seconds)}Z`
      : `DTSTART;TZID=${parsed.zone}:${format(toFloating(seconds, parsed.zone))}`;
  return { ...schedule, rrule: `${dtstart}\nRRULE:${parsed.rule}` };
}

/** Floating epoch milliseconds as an RFC 5545 local date-time (`20260101T090000`). */
function format(floatingMs: number): string {
  return new Date(floatingMs).toISOString().slice(0, 19).replace(/[-:]/g, '');
}
