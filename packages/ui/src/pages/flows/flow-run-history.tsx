import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../app/trpc';
import { QueryState } from '../../components/query-state';
import { RunHistoryChart } from '../dashboard/run-history-chart';

const DAY = 86_400_000;
/** A week in 6-hour buckets. */
const WINDOW_DAYS = 7;
const INTERVAL_SECONDS = 6 * 3_600;

/** A flow's runs over the last week, by state. */
export function FlowRunHistory({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  // Fixed when the page opens, so the query key stays the same between renders.
  const [window] = useState(() => {
    const end = new Date(Math.ceil(Date.now() / (INTERVAL_SECONDS * 1000)) * INTERVAL_SECONDS * 1000);
    return { start: new Date(end.getTime() - WINDOW_DAYS * DAY), end };
  });
  const history = useQuery({
    ...trpc.flowRuns.history.queryOptions({
      ...window,
      intervalSeconds: INTERVAL_SECONDS,
      filter: { flowId: { any: [flowId] } },
    }),
    refetchInterval: 30_000,
  });
  return (
    <QueryState query={history}>
      {(buckets) => <RunHistoryChart buckets={buckets} intervalSeconds={INTERVAL_SECONDS} />}
    </QueryState>
  );
}
