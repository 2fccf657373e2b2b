import { z } from 'zod';
import { useNow } from '../../components/use-now';

/** How far back the dashboard looks, and how it cuts that time into chart buckets. */
export const WINDOWS = {
  '1h': { label: 'Last hour', phrase: 'the last hour', buckets: 60, intervalSeconds: 60 },
  '24h': { label: 'Last 24 hours', phrase: 'the last 24 hours', buckets: 48, intervalSeconds: 1_800 },
  '7d': { label: 'Last 7 days', phrase: 'the last 7 days', buckets: 56, intervalSeconds: 10_800 },
  '30d': { label: 'Last 30 days', phrase: 'the last 30 days', buckets: 60, intervalSeconds: 43_200 },
} as const;
export type WindowKey = keyof typeof WINDOWS;

/** `/?window=7d`; an unknown window shows the last 24 hours. */
export const DashboardSearch = z.object({
  window: z.enum(['1h', '24h', '7d', '30d']).optional().catch(undefined),
});

/** How often the dashboard asks the server again. */
export const DASHBOARD_REFRESH_MS = 5_000;

export interface DashboardWindow {
  key: WindowKey;
  start: Date;
  end: Date;
  intervalSeconds: number;
}

/**
 * The window's bounds, aligned to its buckets: they move only when a bucket boundary passes, so
 * the queries keep their keys between refreshes (and poll instead of starting over).
 */
export function useDashboardWindow(key: WindowKey): DashboardWindow {
  const now = useNow(DASHBOARD_REFRESH_MS);
  const { buckets, intervalSeconds } = WINDOWS[key];
  const step = intervalSeconds * 1000;
  const endMs = Math.ceil(now / step) * step;
  return {
    key,
    start: new Date(endMs - buckets * step),
    end: new Date(endMs),
    intervalSeconds,
  };
}
