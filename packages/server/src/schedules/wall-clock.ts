import { IANAZone } from 'luxon';

// Wall-clock arithmetic without DST: a "floating" time is the wall clock of a zone written as if
// it were UTC (its epoch milliseconds), so adding days or hours to it never meets a DST change.
// Converting back to an instant is where gaps and overlaps are decided, in one place.

const DAY_MS = 86_400_000;
const zones = new Map<string, IANAZone>();

function zoneOf(name: string): IANAZone {
  let zone = zones.get(name);
  if (!zone) {
    zone = IANAZone.create(name);
    zones.set(name, zone);
  }
  return zone;
}

/** Whether `name` is an IANA time zone that luxon (and so the scheduler) knows. */
export function isTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/** The wall clock of `zone` at an instant, as floating epoch milliseconds. */
export function toFloating(instantMs: number, zone: string): number {
  return instantMs + zoneOf(zone).offset(instantMs) * 60_000;
}

/**
 * The instant a wall-clock time of `zone` names, by RFC 5545 §3.3.5: a time that occurs twice
 * (fall back) is its first occurrence; a time that does not exist (spring forward) is read with
 * the UTC offset before the gap, so 02:30 on a New York spring-forward day is 03:30 EDT.
 */
export function fromFloating(floatingMs: number, zone: string): number {
  const tz = zoneOf(zone);
  // Offsets are within ±14 h, so the offsets a day either side cover every reading of this time.
  const before = tz.offset(floatingMs - DAY_MS);
  const after = tz.offset(floatingMs + DAY_MS);
  let first: number | undefined;
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = floatingMs - offset * 60_000;
    if (tz.offset(instant) === offset && (first === undefined || instant < first)) first = instant;
  }
  return first ?? floatingMs - before * 60_000;
}
