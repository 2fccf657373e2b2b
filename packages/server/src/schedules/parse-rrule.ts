import { ValidationError } from '../errors';
import { isTimeZone } from './wall-clock';

/** An RRULE schedule's text, read and checked. */
export interface ParsedRRule {
  /** The RRULE line without its `RRULE:` prefix. */
  rule: string;
  /** The zone the rule runs in: DTSTART's TZID, else the schedule's timezone, else UTC. */
  zone: string;
  /** DTSTART, when given: a UTC instant (`Z`) or a wall-clock time of `zone` (floating ms). */
  dtstart: { kind: 'utc' | 'floating'; ms: number } | null;
  /** UNTIL, when given, read the same way. */
  until: { kind: 'utc' | 'floating'; ms: number } | null;
  /** Whether the rule has COUNT (its times are counted from DTSTART). */
  hasCount: boolean;
}

const FREQS = new Set(['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY', 'SECONDLY']);
const DAYS = new Set(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']);
/** BYxxx parts that are lists of integers, with the range of their absolute values. */
const INTEGER_LISTS: Record<string, { min: number; max: number; signed: boolean }> = {
  BYSECOND: { min: 0, max: 60, signed: false },
  BYMINUTE: { min: 0, max: 59, signed: false },
  BYHOUR: { min: 0, max: 23, signed: false },
  BYMONTHDAY: { min: 1, max: 31, signed: true },
  BYYEARDAY: { min: 1, max: 366, signed: true },
  BYWEEKNO: { min: 1, max: 53, signed: true },
  BYMONTH: { min: 1, max: 12, signed: false },
  BYSETPOS: { min: 1, max: 366, signed: true },
};
const DATE_TIME = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/;

/**
 * Read an RRULE schedule's text: an optional `DTSTART[;TZID=zone]:…` line and one
 * `RRULE:…` line (or the bare rule). Throws ValidationError naming `path` for anything else:
 * unknown parts, values out of range, COUNT with UNTIL, a zone that contradicts `timezone`.
 */
export function parseRRule(text: string, timezone: string | null | undefined, path: string): ParsedRRule {
  let rule: string | undefined;
  let dtstartLine: string | undefined;
  for (const line of text.trim().split(/\s+/)) {
    const upper = line.toUpperCase();
    if (upper.startsWith('DTSTART')) {
      if (dtstartLine) throw new ValidationError('more than one DTSTART', { path });
      dtstartLine = line;
    } else if (upper.startsWith('RRULE:') || !upper.includes(':')) {
      if (rule) throw new ValidationError('more than one RRULE; give one rule per schedule', { path });
      rule = upper.startsWith('RRULE:') ? line.slice('RRULE:'.length) : line;
    } else {
      throw new ValidationError(`unsupported line "${line}"; only DTSTART and RRULE are allowed`, { path });
    }
  }
  if (!rule) throw new ValidationError('no RRULE (such as FREQ=DAILY;BYHOUR=9)', { path });
  const start = dtstartLine ? parseDtstart(dtstartLine, path) : null;
  const zone = resolveZone(start?.tzid ?? null, timezone, path);
  const { until, hasCount } = checkRuleParts(rule, path);
  if (start?.tzid && until && until.kind !== 'utc') {
    throw new ValidationError('UNTIL must be a UTC time (ending in Z) when DTSTART has a TZID', { path });
  }
  if (start && until && until.kind === start.value.kind && until.ms < start.value.ms) {
    throw new ValidationError('UNTIL is before DTSTART', { path });
  }
  return { rule: rule.toUpperCase(), zone, dtstart: start?.value ?? null, until, hasCount };
}

function resolveZone(tzid: string | null, timezone: string | null | undefined, path: string): string {
  if (tzid && !isTimeZone(tzid))
    throw new ValidationError(`unknown time zone "${tzid}" in DTSTART`, { path });
  if (tzid && timezone && tzid !== timezone) {
    throw new ValidationError(`DTSTART's TZID ${tzid} differs from timezone ${timezone}`, { path });
  }
  return tzid ?? timezone ?? 'UTC';
}

function parseDtstart(line: string, path: string) {
  const match = /^DTSTART((?:;[A-Z-]+=[^;:]+)*):(.+)$/i.exec(line);
  if (!match) throw new ValidationError(`bad DTSTART "${line}"`, { path });
  let tzid: string | null = null;
  for (const param of (match[1] ?? '').split(';').filter(Boolean)) {
    const [key, value = ''] = param.split('=');
    if (key?.toUpperCase() === 'TZID') tzid = value;
    else if (key?.toUpperCase() !== 'VALUE')
      throw new ValidationError(`bad DTSTART parameter "${param}"`, { path });
  }
  const value = parseDateTime(match[2] ?? '', `${path} DTSTART`);
  if (tzid && value.kind === 'utc') {
    throw new ValidationError('DTSTART with a TZID must be a local time (no Z)', { path });
  }
  return { tzid, value };
}

function parseDateTime(text: string, what: string): { kind: 'utc' | 'floating'; ms: number } {
  const match = DATE_TIME.exec(text);
  const [year, month, day, hour = 0, minute = 0, second = 0] = (match?.slice(1, 7) ?? []).map(Number);
  const ms = Date.UTC(year ?? Number.NaN, (month ?? 1) - 1, day, hour, minute, second);
  const date = new Date(ms);
  if (!match || Number.isNaN(ms) || date.getUTCDate() !== day || date.getUTCHours() !== hour) {
    throw new ValidationError(
      `${what}: "${text}" is not a date-time like 20260101T090000 or 20260101T090000Z`,
    );
  }
  return { kind: match[7] ? 'utc' : 'floating', ms };
}

function checkRuleParts(rule: string, path: string) {
  const seen = new Map<string, string>();
  for (const part of rule.split(';').filter(Boolean)) {
    const [rawKey, value, extra] = part.split('=');
    const key = rawKey?.toUpperCase() ?? '';
    if (value === undefined || value === '' || extra !== undefined) {
      throw new ValidationError(`bad rule part "${part}"`, { path });
    }
    if (seen.has(key)) throw new ValidationError(`${key} is given twice`, { path });
    seen.set(key, value.toUpperCase());
    checkPart(key, value.toUpperCase(), path);
  }
  if (!seen.has('FREQ')) throw new ValidationError('FREQ is required (such as FREQ=DAILY)', { path });
  if (seen.has('COUNT') && seen.has('UNTIL')) {
    throw new ValidationError('COUNT and UNTIL cannot both be given (RFC 5545)', { path });
  }
  const untilText = seen.get('UNTIL');
  return {
    until: untilText === undefined ? null : parseDateTime(untilText, `${path} UNTIL`),
    hasCount: seen.has('COUNT'),
  };
}

function checkPart(key: string, value: string, path: string): void {
  const fail = (why: string) => new ValidationError(`${key}=${value}: ${why}`, { path });
  if (key === 'FREQ') {
    if (!FREQS.has(value)) throw fail(`must be one of ${[...FREQS].join(', ')}`);
  } else if (key === 'INTERVAL' || key === 'COUNT') {
    if (!/^\d+$/.test(value) || Number(value) < 1) throw fail('must be a whole number of at least 1');
  } else if (key === 'UNTIL') {
    parseDateTime(value, `${path} UNTIL`);
  } else if (key === 'WKST') {
    if (!DAYS.has(value)) throw fail('must be a weekday (MO, TU, ...)');
  } else if (key === 'BYDAY') {
    for (const day of value.split(',')) {
      const match = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(day);
      if (
        !match ||
        !DAYS.has(match[2] ?? '') ||
        (match[1] !== undefined && !inRange(match[1], 1, 53, true))
      ) {
        throw fail(`"${day}" is not a weekday like MO, -1FR or 2TU`);
      }
    }
  } else if (key in INTEGER_LISTS) {
    const { min, max, signed } = INTEGER_LISTS[key]!;
    for (const item of value.split(',')) {
      if (!inRange(item, min, max, signed))
        throw fail(`"${item}" is out of range ${signed ? '±' : ''}${min}..${max}`);
    }
  } else {
    throw new ValidationError(`unknown rule part ${key}`, { path });
  }
}

function inRange(text: string, min: number, max: number, signed: boolean): boolean {
  if (!(signed ? /^[+-]?\d+$/ : /^\d+$/).test(text)) return false;
  const abs = Math.abs(Number(text));
  return abs >= min && abs <= max;
}
