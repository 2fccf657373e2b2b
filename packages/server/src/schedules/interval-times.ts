import type { IntervalSchedule } from '@weft/schemas';
import { LEGACY_ANCHOR, MAX_ITERATIONS, type ScheduleWindow } from './schedule-window';
import { fromFloating, toFloating } from './wall-clock';

const DAY_MS = 86_400_000;

/**
 * The times of an interval schedule in a window, ascending: `anchorDate + k·interval` for whole
 * numbers k (negative too), the first at or after the start. The whole days of the interval are
 * added on the wall clock of the zone (09:00 stays 09:00 across DST; a wall time that does not
 * exist moves forward by the gap, one that occurs twice is its first occurrence) and the rest in
 * absolute time (an hourly interval fires every real hour). Each time is computed from the anchor,
 * so a DST adjustment never carries over to the next day.
 */
export function intervalTimes(schedule: IntervalSchedule, window: ScheduleWindow): Date[] {
  const at = intervalTimeAt(schedule);
  const startMs = window.start.getTime();
  const endMs = window.end?.getTime() ?? Number.POSITIVE_INFINITY;
  const anchorMs = (schedule.anchorDate ?? LEGACY_ANCHOR).getTime();
  // Absolute steps land within a DST offset of the real k; walk the last few steps exactly.
  let k = Math.floor((startMs - anchorMs) / (schedule.interval * 1000)) - 1;
  while (at(k) >= startMs) k--;
  while (at(k) < startMs) k++;
  const times: Date[] = [];
  for (let examined = 0; examined < MAX_ITERATIONS && times.length < window.maxCount; examined++, k++) {
    const ms = at(k);
    if (ms > endMs) break;
    if (times.length === 0 || ms > times[times.length - 1]!.getTime()) times.push(new Date(ms));
  }
  return times;
}

/** The k-th time of an interval schedule, in epoch milliseconds. */
function intervalTimeAt(schedule: IntervalSchedule): (k: number) => number {
  const zone = schedule.timezone ?? 'UTC';
  const anchorMs = (schedule.anchorDate ?? LEGACY_ANCHOR).getTime();
  const totalMs = Math.round(schedule.interval * 1000);
  const days = Math.floor(totalMs / DAY_MS);
  const restMs = totalMs - days * DAY_MS;
  if (days === 0) return (k) => anchorMs + k * totalMs;
  const anchorFloating = toFloating(anchorMs, zone);
  return (k) => (k === 0 ? anchorMs : fromFloating(anchorFloating + k * days * DAY_MS, zone) + k * restMs);
}
