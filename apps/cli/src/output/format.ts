import type { StateType } from '@weft/schemas';

/** The ANSI colours the CLI uses. */
export type Color = 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'gray' | 'bold';

const ANSI: Record<Color, [number, number]> = {
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  gray: [90, 39],
  bold: [1, 22],
};

/** Wrap text in an ANSI colour when `enabled`. */
export function paint(text: string, color: Color | undefined, enabled: boolean): string {
  if (!enabled || !color || text === '') return text;
  const [open, close] = ANSI[color];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}

/**
 * Whether to colour output: only on a TTY, never with `NO_COLOR` set (https://no-color.org),
 * always with `FORCE_COLOR` set to anything but `0`.
 */
export function shouldUseColor(
  stream: { isTTY?: boolean },
  env: Record<string, string | undefined>,
): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

const STATE_COLORS: Record<StateType, Color> = {
  SCHEDULED: 'yellow',
  PENDING: 'gray',
  RUNNING: 'blue',
  COMPLETED: 'green',
  FAILED: 'red',
  CANCELLED: 'gray',
  CRASHED: 'magenta',
  PAUSED: 'yellow',
  CANCELLING: 'gray',
};

/** The colour of a state type. */
export function stateColor(type: StateType | null | undefined): Color | undefined {
  return type ? STATE_COLORS[type] : undefined;
}

const UNITS: [limit: number, size: number, suffix: string][] = [
  [60, 1, 's'],
  [3600, 60, 'm'],
  [86_400, 3600, 'h'],
  [Number.POSITIVE_INFINITY, 86_400, 'd'],
];

/**
 * A time relative to now: `just now`, `42s ago`, `5m ago`, `3h ago`, `2d ago`, or `in 5m`.
 * Null prints as `-`.
 */
export function formatRelativeTime(date: Date | string | null | undefined, now: Date = new Date()): string {
  if (date == null) return '-';
  const seconds = Math.round((now.getTime() - new Date(date).getTime()) / 1000);
  const magnitude = Math.abs(seconds);
  if (magnitude < 2) return 'just now';
  const [, size, suffix] = UNITS.find(([limit]) => magnitude < limit)!;
  const amount = `${Math.floor(magnitude / size)}${suffix}`;
  return seconds >= 0 ? `${amount} ago` : `in ${amount}`;
}

/**
 * A duration in seconds, short: `350ms`, `4.2s`, `3m 04s`, `2h 05m`, `1d 3h`. Null prints as `-`.
 */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '-';
  const s = Math.max(0, seconds);
  if (s < 1) return `${Math.round(s * 1000)}ms`;
  if (s < 60) return `${(Math.floor(s * 10) / 10).toFixed(1)}s`;
  const pad = (n: number) => String(n).padStart(2, '0');
  const whole = Math.floor(s);
  if (whole < 3600) return `${Math.floor(whole / 60)}m ${pad(whole % 60)}s`;
  if (whole < 86_400) return `${Math.floor(whole / 3600)}h ${pad(Math.floor((whole % 3600) / 60))}m`;
  return `${Math.floor(whole / 86_400)}d ${Math.floor((whole % 86_400) / 3600)}h`;
}

/** An absolute time as `2026-01-10 14:03:22Z`, with the relative time after it. */
export function formatTimestamp(date: Date | string | null | undefined, now: Date = new Date()): string {
  if (date == null) return '-';
  const iso = new Date(date).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z (${formatRelativeTime(date, now)})`;
}

/** Machine output: pretty JSON with a trailing newline (dates as ISO strings). */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
