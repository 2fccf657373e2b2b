import { useEffect, useState } from 'react';

/**
 * The current time, updated every `everyMs`: a filter counted back from now ("the last 24 hours")
 * stays the same between ticks, so its query is not a new one at every render.
 */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
