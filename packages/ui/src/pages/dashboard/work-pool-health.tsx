import { Badge, Code, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import type { WorkPoolStatus } from '@weft/schemas';
import { useTRPC } from '../../app/trpc';
import { AnchorLink } from '../../components/links';
import { EmptyState, QueryState } from '../../components/query-state';
import { DASHBOARD_REFRESH_MS } from './dashboard-window';

const STATUS_COLORS: Record<WorkPoolStatus, string> = { READY: 'green', NOT_READY: 'orange', PAUSED: 'gray' };
const STATUS_LABELS: Record<WorkPoolStatus, string> = {
  READY: 'Ready',
  NOT_READY: 'Not ready',
  PAUSED: 'Paused',
};

/** The most pools the dashboard lists (each costs one request for its workers). */
const MAX_POOLS = 20;

/** Each work pool's status and how many of its workers are online. */
export function WorkPoolHealth() {
  const trpc = useTRPC();
  const live = { refetchInterval: DASHBOARD_REFRESH_MS };
  const pools = useQuery({ ...trpc.workPools.list.queryOptions({ limit: MAX_POOLS }), ...live });
  const workers = useQueries({
    queries: (pools.data ?? []).map((pool) => ({
      ...trpc.workers.list.queryOptions({ workPoolName: pool.name }),
      ...live,
    })),
  });
  return (
    <Paper withBorder p="md" data-testid="work-pool-health">
      <Group justify="space-between" mb="xs">
        <Title order={4} size="h5">
          Work pools
        </Title>
        <AnchorLink to="/work-pools" size="sm">
          All
        </AnchorLink>
      </Group>
      <QueryState query={pools}>
        {(rows) =>
          rows.length === 0 ? (
            <EmptyState title="No work pools yet">
              Create one with <Code>weft work-pool create</Code>, then start a worker with{' '}
              <Code>weft worker start</Code>.
            </EmptyState>
          ) : (
            <Table verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Pool</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Workers</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((pool, i) => {
                  const list = workers[i]?.data;
                  const online = list?.filter((w) => w.status === 'ONLINE').length ?? 0;
                  return (
                    <Table.Tr key={pool.id} data-testid="work-pool-row">
                      <Table.Td>
                        <AnchorLink
                          to="/work-pools/$name"
                          params={{ name: pool.name }}
                          size="sm"
                          title={pool.type}
                        >
                          {pool.name}
                        </AnchorLink>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Badge
                          color={STATUS_COLORS[pool.status]}
                          variant="light"
                          style={{ overflow: 'visible' }}
                        >
                          {STATUS_LABELS[pool.status]}
                        </Badge>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text
                          size="sm"
                          c={online > 0 ? 'green' : 'dimmed'}
                          fw={600}
                          data-testid="worker-counts"
                        >
                          {list === undefined
                            ? '…'
                            : list.length === 0
                              ? 'No workers'
                              : `${online} of ${list.length} online`}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
    </Paper>
  );
}
