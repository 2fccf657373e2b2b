import { Box, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FlowRunFilter } from '@weft/schemas';
import type { ReactNode } from 'react';
import { useTRPC } from '../../app/trpc';
import { AnchorLink } from '../../components/links';
import { QueryState } from '../../components/query-state';
import { StateBadge } from '../../components/state-badge';
import { formatDateTime, formatRelative } from '../../lib/format';
import type { RunsSearchInput } from '../runs/list/runs-search';
import { DASHBOARD_REFRESH_MS } from './dashboard-window';

/** The latest 10 flow runs of a filter (late runs, failed runs), each a link to its page. */
export function RecentRuns({
  title,
  filter,
  search,
  empty,
  testId,
}: {
  title: string;
  filter: FlowRunFilter;
  /** The runs list showing all of them. */
  search: RunsSearchInput;
  empty: ReactNode;
  testId: string;
}) {
  const trpc = useTRPC();
  const runs = useQuery({
    ...trpc.flowRuns.list.queryOptions({ filter, sort: 'EXPECTED_START_TIME_DESC', limit: 10 }),
    refetchInterval: DASHBOARD_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Group justify="space-between" mb="xs">
        <Title order={4} size="h5">
          {title}
        </Title>
        <AnchorLink to="/runs" search={search} size="sm">
          All
        </AnchorLink>
      </Group>
      <QueryState query={runs}>
        {(rows) =>
          rows.length === 0 ? (
            <Text size="sm" c="dimmed" py="sm">
              {empty}
            </Text>
          ) : (
            <Stack gap={10}>
              {rows.map((run) => (
                // Two lines, so the state, the run's name and its flow stay readable in a third of the page.
                <Stack key={run.id} gap={0} data-testid="recent-run">
                  <Group gap="xs" wrap="nowrap" miw={0}>
                    <Box style={{ flexShrink: 0 }}>
                      <StateBadge type={run.stateType} name={run.stateName} />
                    </Box>
                    <AnchorLink to="/runs/flow-run/$id" params={{ id: run.id }} size="sm" truncate>
                      {run.name}
                    </AnchorLink>
                  </Group>
                  <Group gap={6} wrap="nowrap" miw={0}>
                    <Text size="xs" c="dimmed" truncate>
                      {run.flowName}
                    </Text>
                    <Tooltip label={formatDateTime(run.expectedStartTime)}>
                      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        · {formatRelative(run.startTime ?? run.expectedStartTime)}
                      </Text>
                    </Tooltip>
                  </Group>
                </Stack>
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Paper>
  );
}
