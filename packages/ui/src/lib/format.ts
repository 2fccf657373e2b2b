/** `2026-11-21 07:35:12` in the browser's time zone; `—` for no date. */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return '—';
  const date = typeof value === 'string' ? new Date(value) : value;
  return date.toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

const RELATIVE = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
/** Each unit with its length, and the count at which the next unit takes over (60 s → 1 min). */
const UNITS: [Intl.RelativeTimeFormatUnit, number, number][] = [
  ['second', 1_000, 60],
  ['minute', 60_000, 60],
  ['hour', 3_600_000, 24],
  ['day', 86_400_000, Number.POSITIVE_INFINITY],
];

/**
 * `3 minutes ago`, `in 2 hours`: the smallest unit whose rounded count stays under the next unit
 * (59.7 s is `1 minute ago`, not `60 seconds ago`), rounded alike into the past and the future.
 */
export function formatRelative(value: Date | string | null | undefined, now = Date.now()): string {
  if (!value) return '—';
  const ms = (typeof value === 'string' ? new Date(value) : value).getTime() - now;
  const sign = ms < 0 ? -1 : 1;
  for (const [unit, size, next] of UNITS) {
    const count = Math.round(Math.abs(ms) / size);
    if (count < next) return RELATIVE.format(sign * count, unit);
  }
  return '—'; // an invalid date
}

/**
 * `1h 2m`, `3.4s`, `120ms`: the length of a run. Rounding never leaves a value at the top of its unit
 * (`1.0s`, not `1000ms`; `1m 0s`, not `60s`); a negative length (clocks that disagree) shows as `0ms`.
 */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '—';
  const value = Math.max(0, seconds);
  if (value < 0.9995) return `${Math.round(value * 1000)}ms`;
  if (value < 9.95) return `${value.toFixed(1)}s`;
  if (value < 59.5) return `${Math.round(value)}s`;
  const whole = Math.max(60, Math.floor(value));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return h > 0 ? `${h}h ${m}m` : `${m}m ${s}s`;
}

/** The seconds between two dates, or from `start` until now when the run has not ended. */
export function secondsBetween(start: Date | null | undefined, end: Date | null | undefined): number | null {
  if (!start) return null;
  return ((end ?? new Date()).getTime() - start.getTime()) / 1000;
}

/** Log level names, as Python's logging (and Prefect) number them. */
export function levelName(level: number): string {
  if (level >= 50) return 'CRITICAL';
  if (level >= 40) return 'ERROR';
  if (level >= 30) return 'WARNING';
  if (level >= 20) return 'INFO';
  return 'DEBUG';
}
