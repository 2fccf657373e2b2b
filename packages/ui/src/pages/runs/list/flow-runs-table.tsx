import { Checkbox, Code, Group, Pagination, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FlowRunFilter, FlowRunSort } from '@weft/schemas';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTRPC } from '../../../app/trpc';
import { EmptyState, QueryState } from '../../../components/query-state';
import { BulkActions } from './bulk-actions';
import { FlowRunRow } from './flow-run-row';

/** How often the table polls for new runs and state changes. */
export const RUNS_REFRESH_MS = 5_000;

export interface FlowRunsTableProps {
  /** Which runs to show (`{ deploymentId: { any: [id] } }`, `{ workPoolName: { any: [name] } }`…). */
  filter: FlowRunFilter;
  /** Rows per page. @default 25 */
  pageSize?: number;
  /** A checkbox per row, and Cancel / Delete for the selected runs. @default false */
  selectable?: boolean;
  /** @default 'EXPECTED_START_TIME_DESC' */
  sort?: FlowRunSort;
  /** The 1-based page, when the caller keeps it (in the URL); else the table keeps its own. */
  page?: number;
  onPageChange?: (page: number) => void;
  /** Shown when no run matches the filter. */
  empty?: ReactNode;
}

const DEFAULT_EMPTY = (
  <EmptyState title="No flow runs yet">
    Run a flow with <Code>weft run</Code>, or trigger a deployment.
  </EmptyState>
);

/**
 * Flow runs matching a filter, newest first, a page at a time, refreshed every 5 s.
 * @example <FlowRunsTable filter={{ deploymentId: { any: [deployment.id] } }} pageSize={10} />
 */
export function FlowRunsTable({
  filter,
  pageSize = 25,
  selectable = false,
  sort = 'EXPECTED_START_TIME_DESC',
  page: controlledPage,
  onPageChange,
  empty = DEFAULT_EMPTY,
}: FlowRunsTableProps) {
  const trpc = useTRPC();
  const filterKey = JSON.stringify(filter);
  const [ownPage, setOwnPage] = useState(1);
  const page = controlledPage ?? ownPage;
  const setPage = onPageChange ?? setOwnPage;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  // A new filter starts again at the first page. The selection is kept: only the runs of the
  // page shown count as selected.
  // biome-ignore lint/correctness/useExhaustiveDependencies: filterKey stands for the filter
  useEffect(() => setOwnPage(1), [filterKey]);

  const live = { refetchInterval: RUNS_REFRESH_MS, placeholderData: keepPreviousData };
  const runs = useQuery({
    ...trpc.flowRuns.list.queryOptions({ filter, sort, limit: pageSize, offset: (page - 1) * pageSize }),
    ...live,
  });
  const count = useQuery({ ...trpc.flowRuns.count.queryOptions({ filter }), ...live });

  // Deployment names for the page's runs, in one request.
  const deploymentIds = useMemo(
    () =>
      [...new Set((runs.data ?? []).flatMap((run) => (run.deploymentId ? [run.deploymentId] : [])))].sort(),
    [runs.data],
  );
  const deployments = useQuery({
    ...trpc.deployments.list.queryOptions({
      filter: { id: { any: deploymentIds } },
      limit: deploymentIds.length,
    }),
    enabled: deploymentIds.length > 0,
    staleTime: 60_000,
  });
  const deploymentNames = useMemo(
    () => new Map((deployments.data ?? []).map((d) => [d.id, d.name])),
    [deployments.data],
  );

  const total = count.data ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  // Runs deleted elsewhere can leave the page past the end.
  useEffect(() => {
    if (count.data !== undefined && page > pages) setPage(pages);
  }, [count.data, page, pages, setPage]);

  return (
    <QueryState query={runs}>
      {(rows) => {
        if (rows.length === 0 && page === 1) return empty;
        const pageIds = rows.map((run) => run.id);
        const chosen = pageIds.filter((id) => selected.has(id));
        const toggle = (id: string, on: boolean) =>
          setSelected((prev) => {
            const next = new Set(prev);
            if (on) next.add(id);
            else next.delete(id);
            return next;
          });
        return (
          <>
            {selectable && chosen.length > 0 && (
              <Group mb="xs">
                <BulkActions ids={chosen} onDone={() => setSelected(new Set())} />
              </Group>
            )}
            <Table.ScrollContainer minWidth={760}>
              <Table highlightOnHover verticalSpacing="xs" data-testid="flow-runs-table">
                <Table.Thead>
                  <Table.Tr>
                    {selectable && (
                      <Table.Th w={36}>
                        <Checkbox
                          aria-label="Select every run on this page"
                          checked={chosen.length > 0 && chosen.length === pageIds.length}
                          indeterminate={chosen.length > 0 && chosen.length < pageIds.length}
                          onChange={(e) => setSelected(new Set(e.currentTarget.checked ? pageIds : []))}
                        />
                      </Table.Th>
                    )}
                    <Table.Th>State</Table.Th>
                    <Table.Th>Run</Table.Th>
                    <Table.Th>Flow</Table.Th>
                    <Table.Th>Deployment</Table.Th>
                    <Table.Th>Start</Table.Th>
                    <Table.Th>Duration</Table.Th>
                    <Table.Th>Tags</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((run) => (
                    <FlowRunRow
                      key={run.id}
                      run={run}
                      deploymentName={run.deploymentId ? deploymentNames.get(run.deploymentId) : undefined}
                      selected={selectable ? selected.has(run.id) : undefined}
                      onSelect={(on) => toggle(run.id, on)}
                    />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="space-between" mt="sm">
              <Text size="sm" c="dimmed" data-testid="runs-total">
                {total === 0
                  ? 'No runs'
                  : `${(page - 1) * pageSize + 1}–${Math.min(page * pageSize, total)} of ${total}`}
              </Text>
              {pages > 1 && <Pagination size="sm" total={pages} value={page} onChange={setPage} />}
            </Group>
          </>
        );
      }}
    </QueryState>
  );
}
