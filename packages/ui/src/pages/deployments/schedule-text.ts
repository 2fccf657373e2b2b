import type { Schedule } from '@weft/schemas';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const RRULE_DAYS: Record<string, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
const UNITS: [string, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

const isNumber = (field: string) => /^\d+$/.test(field);
const inRange = (field: string, max: number, min = 0) => isNumber(field) && +field >= min && +field <= max;
const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
const clock = (hour: string | number, minute: string | number) =>
  `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;

/** `1 hour`, `1 day 2 hours`, `90 seconds` → `1 minute 30 seconds`. */
export function formatInterval(seconds: number): string {
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(plural(n, unit));
    rest -= n * size;
  }
  if (rest > 0) parts.push(`${Number(rest.toFixed(3))} seconds`);
  return parts.length > 0 ? parts.join(' ') : `${seconds} seconds`;
}

function weekdays(field: string): string | undefined {
  const range = /^([0-7])-([0-7])$/.exec(field);
  if (range) return `${WEEKDAYS[Number(range[1]) % 7]} to ${WEEKDAYS[Number(range[2]) % 7]}`;
  const days = field.split(',');
  if (!days.every((day) => inRange(day, 7))) return undefined;
  return days.map((day) => WEEKDAYS[Number(day) % 7]).join(', ');
}

/** Common cron shapes in words (`Every day at 02:00`); `undefined` for the rest. */
export function describeCron(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length === 6) fields.shift(); // a leading seconds field
  if (fields.length !== 5) return undefined;
  const [minute = '', hour = '', dom = '', month = '', dow = ''] = fields;
  if (month !== '*') return undefined;
  const step = /^\*\/(\d+)$/.exec(minute);
  if (hour === '*' && dom === '*' && dow === '*') {
    if (minute === '*') return 'Every minute';
    if (step) return `Every ${plural(Number(step[1]), 'minute')}`;
    if (inRange(minute, 59)) return `Every hour at minute ${minute}`;
    return undefined;
  }
  if (!inRange(minute, 59) || !inRange(hour, 23)) return undefined;
  const at = `at ${clock(hour, minute)}`;
  if (dom === '*' && dow === '*') return `Every day ${at}`;
  if (dom === '*') {
    const days = weekdays(dow);
    return days ? `Every ${days} ${at}` : undefined;
  }
  if (dow === '*' && inRange(dom, 31, 1)) return `Monthly on day ${dom} ${at}`;
  return undefined;
}

/** The main shapes of an RFC 5545 rule in words (`Weekly on Monday at 09:00`). */
export function describeRRule(rule: string): string | undefined {
  const line = rule
    .split(/\r?\n/)
    .map((l) => l.replace(/^RRULE:/, ''))
    .find((l) => l.includes('FREQ='));
  if (!line) return undefined;
  const parts = new Map(line.split(';').map((part) => part.split('=') as [string, string]));
  const freq = parts.get('FREQ')?.toLowerCase();
  if (!freq) return undefined;
  const interval = Number(parts.get('INTERVAL') ?? 1);
  const unit = {
    yearly: 'year',
    monthly: 'month',
    weekly: 'week',
    daily: 'day',
    hourly: 'hour',
    minutely: 'minute',
    secondly: 'second',
  }[freq];
  if (!unit) return undefined;
  let text = interval > 1 ? `Every ${plural(interval, unit)}` : freq.charAt(0).toUpperCase() + freq.slice(1);
  const days = parts.get('BYDAY');
  if (days)
    text += ` on ${days
      .split(',')
      .map((d) => RRULE_DAYS[d.slice(-2)] ?? d)
      .join(', ')}`;
  const hour = parts.get('BYHOUR');
  if (hour && isNumber(hour)) text += ` at ${clock(hour, parts.get('BYMINUTE') ?? 0)}`;
  const count = parts.get('COUNT');
  if (count) text += `, ${count} times`;
  return text;
}

/** The schedule's own value: the cron expression, the interval, the rule. */
export function scheduleValue(schedule: Schedule): string {
  if ('cron' in schedule) return schedule.cron;
  if ('interval' in schedule) return `${schedule.interval} s`;
  return schedule.rrule;
}

/** What kind of schedule it is. */
export function scheduleKind(schedule: Schedule): 'cron' | 'interval' | 'rrule' {
  if ('cron' in schedule) return 'cron';
  if ('interval' in schedule) return 'interval';
  return 'rrule';
}

/** A schedule in words where it has a common shape, else its kind and value. */
export function describeSchedule(schedule: Schedule): string {
  if ('interval' in schedule) return `Every ${formatInterval(schedule.interval)}`;
  const words = 'cron' in schedule ? describeCron(schedule.cron) : describeRRule(schedule.rrule);
  return words ?? `${scheduleKind(schedule)} ${scheduleValue(schedule)}`;
}
