import type { RRuleSchedule } from '@weft/schemas';
import * as rruleModule from 'rrule';
import { type ParsedRRule, parseRRule } from './parse-rrule';
import { LEGACY_ANCHOR, MAX_ITERATIONS, type ScheduleWindow } from './schedule-window';
import { fromFloating, toFloating } from './wall-clock';

// rrule ships its ESM build in a package without "type": "module", so Node loads the CommonJS
// bundle, whose named exports it cannot detect: they are on the default export there.
const { RRule } = ((rruleModule as { default?: typeof rruleModule }).default ??
  rruleModule) as typeof rruleModule;

const DAY_MS = 86_400_000;
/** The longest DST jump of any zone (2 h, historical double summer time): how far a gap moves a time. */
const MAX_DST_JUMP_MS = 2 * 3_600_000;
/** Candidates before the window looked at, at most (a COUNT rule must be walked from DTSTART). */
const MAX_WALK = 100_000;
const PERIOD_MS: Partial<Record<number, number>> = {
  [RRule.WEEKLY]: 7 * DAY_MS,
  [RRule.DAILY]: DAY_MS,
  [RRule.HOURLY]: 3_600_000,
  [RRule.MINUTELY]: 60_000,
  [RRule.SECONDLY]: 1000,
};

/**
 * The times of an RRULE schedule in a window, ascending. The rule runs on the wall clock of its
 * zone (DTSTART's TZID, else `timezone`, else UTC): it is expanded in floating time and each time
 * is then placed by RFC 5545 — a wall time that occurs twice is its first occurrence, one that
 * does not exist is read with the offset before the gap — with duplicates removed. Without
 * DTSTART the rule starts at 2020-01-01T00:00 in its zone (write paths inject one:
 * `normalizeSchedule`); a DTSTART far in the past is moved forward by whole periods of the rule
 * when that keeps its times (no COUNT), so the walk never starts years back.
 */
export function rruleTimes(schedule: RRuleSchedule, window: ScheduleWindow): Date[] {
  const parsed = parseRRule(schedule.rrule, schedule.timezone, 'rrule');
  const startMs = window.start.getTime();
  const endMs = window.end?.getTime() ?? Number.POSITIVE_INFINITY;
  const rule = toRule(parsed, toFloating(startMs, parsed.zone));
  const found: number[] = [];
  let lastFloating = Number.POSITIVE_INFINITY;
  let walked = 0;
  rule.all((date) => {
    const floating = date.getTime();
    // A gap can move a time before one expanded earlier: collect a little past the last needed.
    if (floating > lastFloating + MAX_DST_JUMP_MS) return false;
    const instant = fromFloating(floating, parsed.zone);
    if (instant > endMs + MAX_DST_JUMP_MS) return false;
    if (instant < startMs) return ++walked < MAX_WALK;
    found.push(instant);
    if (
      found.length >= Math.min(window.maxCount, MAX_ITERATIONS) &&
      lastFloating === Number.POSITIVE_INFINITY
    ) {
      lastFloating = floating;
    }
    return found.length < MAX_ITERATIONS;
  });
  const unique = [...new Set(found.filter((ms) => ms <= endMs))].sort((a, b) => a - b);
  return unique.slice(0, window.maxCount).map((ms) => new Date(ms));
}

/** The rrule of a parsed schedule in floating time, its DTSTART moved near `startFloating`. */
function toRule(parsed: ParsedRRule, startFloating: number) {
  const options = RRule.parseString(parsed.rule);
  const floatingOf = (value: { kind: 'utc' | 'floating'; ms: number }) =>
    value.kind === 'utc' ? toFloating(value.ms, parsed.zone) : value.ms;
  let dtstart = parsed.dtstart ? floatingOf(parsed.dtstart) : LEGACY_ANCHOR.getTime();
  const period = options.freq === undefined ? undefined : PERIOD_MS[options.freq];
  if (period && !parsed.hasCount) {
    // Whole periods of the rule (INTERVAL of them) keep every time of the rule's set.
    const step = period * (options.interval ?? 1);
    // A wall time up to a DST jump before the start can still land after it (a gap moves it on).
    const skip = Math.floor((startFloating - MAX_DST_JUMP_MS - dtstart) / step);
    if (skip > 0) dtstart += skip * step;
  }
  return new RRule({
    ...options,
    dtstart: new Date(dtstart),
    until: parsed.until ? new Date(floatingOf(parsed.until)) : null,
    tzid: null,
  });
}
