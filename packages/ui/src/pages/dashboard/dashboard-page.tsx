import { Code, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTRPC } from '../../app/trpc';
import { PageHeader } from '../../components/page-header';
import { EmptyState, QueryState } from '../../components/query-state';
import { countRuns } from './count-runs';
import { DASHBOARD_REFRESH_MS, useDashboardWindow, WINDOWS, type WindowKey } from './dashboard-window';
import { RecentRuns } from './recent-runs';
import { RunHistoryChart } from './run-history-chart';
import { StateCounts } from './state-counts';
import { WorkPoolHealth } from './work-pool-health';

const route = getRouteApi('/');

/**
 * What happened lately: flow runs over time by state, counts of flow and task runs, the latest late
 * and failed runs, and the work pools' health. Refreshes every 5 s.
 */
export function DashboardPage() {
  const trpc = useTRPC();
  const { window: key = '24h' } = route.useSearch();
  const navigate = route.useNavigate();
  const window = useDashboardWindow(key);
  const { start, end, intervalSeconds } = window;
  const live = { refetchInterval: DASHBOARD_REFRESH_MS, placeholderData: keepPreviousData };
  const flowHistory = useQuery({
    ...trpc.flowRuns.history.queryOptions({ start, end, intervalSeconds }),
    ...live,
  });
  const taskHistory = useQuery({
    ...trpc.taskRuns.history.queryOptions({ start, end, intervalSeconds }),
    ...live,
  });
  const inWindow = useMemo(() => ({ expectedStartTime: { after: start } }), [start]);
  const phrase = WINDOWS[key].phrase;

  return (
    <>
      <PageHeader
        title="Dashboard"
        actions={
          <SegmentedControl
            size="xs"
            aria-label="Time window"
            data-testid="dashboard-window"
            value={key}
            data={Object.entries(WINDOWS).map(([value, { label }]) => ({ value, label }))}
            onChange={(value) =>
              navigate({
                search: { window: value === '24h' ? undefined : (value as WindowKey) },
                replace: true,
              })
            }
          />
        }
      />
      <QueryState query={flowHistory}>
        {(buckets) => (
          <Stack gap="md">
            {countRuns(buckets, {}) === 0 ? (
              <EmptyState title={`No flow runs in ${phrase}`}>
                Run a flow with <Code>weft run</Code> or trigger a deployment, and its runs show up here.
              </EmptyState>
            ) : (
              <RunHistoryChart buckets={buckets} intervalSeconds={intervalSeconds} />
            )}
            <StateCounts flowRuns={buckets} taskRuns={taskHistory.data} window={key} />
          </Stack>
        )}
      </QueryState>
      <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="md" mt="md">
        <RecentRuns
          title="Failed runs"
          testId="dashboard-failed-runs"
          filter={{ ...inWindow, stateType: { any: ['FAILED', 'CRASHED'] } }}
          search={{ state: ['FAILED', 'CRASHED'], from: key }}
          empty={`No failed runs in ${phrase}.`}
        />
        <RecentRuns
          title="Late runs"
          testId="dashboard-late-runs"
          filter={{ ...inWindow, stateName: { any: ['Late'] } }}
          search={{ stateName: ['Late'], from: key }}
          empty={`No late runs in ${phrase}: every scheduled run started on time.`}
        />
        <WorkPoolHealth />
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="md">
        Refreshes every {DASHBOARD_REFRESH_MS / 1000} s · {window.start.toLocaleString()} to now
      </Text>
    </>
  );
}
