import { Button, Code, Text } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import { PageHeader } from '../../../components/page-header';
import { EmptyState } from '../../../components/query-state';
import { useNow } from '../../../components/use-now';
import { FlowRunsTable, RUNS_REFRESH_MS } from './flow-runs-table';
import { RunsFilters, type RunsSearchPatch } from './runs-filters';
import { hasFilters, runsFilter } from './runs-search';

const route = getRouteApi('/runs');

/**
 * Every flow run, filtered by the URL's search params (`/runs?state=FAILED&from=24h`). The list
 * polls the server every 5 s, so new runs and state changes show up on their own.
 */
export function RunsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  // Quick ranges ("the last 24 hours") move with the clock, a minute at a time.
  const now = useNow(60_000);
  const filter = useMemo(() => runsFilter(search, now), [search, now]);
  const update = (patch: RunsSearchPatch) =>
    navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }), replace: true });
  const clear = () => navigate({ search: (prev) => ({ sort: prev.sort, size: prev.size }) });
  return (
    <>
      <PageHeader
        title="Runs"
        actions={
          <Text size="xs" c="dimmed">
            Refreshes every {RUNS_REFRESH_MS / 1000} s
          </Text>
        }
      />
      <RunsFilters search={search} onChange={update} onClear={clear} />
      <FlowRunsTable
        filter={filter}
        selectable
        sort={search.sort}
        pageSize={search.size ?? 25}
        page={search.page ?? 1}
        onPageChange={(page) =>
          navigate({ search: (prev) => ({ ...prev, page: page > 1 ? page : undefined }) })
        }
        empty={
          hasFilters(search) ? (
            <EmptyState title="No runs match these filters">
              <Button size="xs" variant="light" mt="xs" onClick={clear}>
                Clear filters
              </Button>
            </EmptyState>
          ) : (
            <EmptyState title="No flow runs yet">
              Run a flow with <Code>weft run</Code>, or trigger a deployment from its page.
            </EmptyState>
          )
        }
      />
    </>
  );
}
