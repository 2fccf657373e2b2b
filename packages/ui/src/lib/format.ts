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
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/** `3 minutes ago`, `in 2 hours`. */
export function formatRelative(value: Date | string | null | undefined, now = Date.now()): string {
  if (!value) return '—';
  const ms = (typeof value === 'string' ? new Date(value) : value).getTime() - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(ms) >= size || unit === 'second') return RELATIVE.format(Math.round(ms / size), unit);
  }
  return '';
}

/** `1h 2m`, `3.4s`, `120ms`: the length of a run. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || Number.isNaN(seconds)) return '—';
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)}s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
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
