import { Paper, Skeleton, Title } from '@mantine/core';
import type { HistoryBucket } from '@weft/schemas';
import { lazy, Suspense } from 'react';

// The bars come with recharts (~400 kB): they load after the page, which shows at once.
const HistoryBars = lazy(() => import('./history-bars').then((module) => ({ default: module.HistoryBars })));

/**
 * Flow runs per time bucket, stacked by state type. A click on a bucket opens the runs list for
 * that bucket's time.
 */
export function RunHistoryChart({
  buckets,
  intervalSeconds,
}: {
  buckets: HistoryBucket[];
  intervalSeconds: number;
}) {
  return (
    <Paper withBorder p="md" data-testid="run-history-chart">
      <Title order={4} size="h5" mb="sm">
        Flow run history
      </Title>
      <Suspense fallback={<Skeleton h={220} />}>
        <HistoryBars buckets={buckets} intervalSeconds={intervalSeconds} />
      </Suspense>
    </Paper>
  );
}
