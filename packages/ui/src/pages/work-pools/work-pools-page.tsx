import { Badge, Code, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { WorkPool } from '@weft/schemas';
import { useTRPC } from '../../app/trpc';
import { AnchorLink } from '../../components/links';
import { PageHeader } from '../../components/page-header';
import { EmptyState, QueryState } from '../../components/query-state';
import { PoolStatusBadge } from './status-badges';
import { WorkersOnline } from './workers-online';

function WorkPoolsTable({ pools }: { pools: WorkPool[] }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table highlightOnHover data-testid="work-pools-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Concurrency limit</Table.Th>
            <Table.Th>Workers online</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {pools.map((pool) => (
            <Table.Tr key={pool.id}>
              <Table.Td>
                <AnchorLink to="/work-pools/$name" params={{ name: pool.name }} fw={500}>
                  {pool.name}
                </AnchorLink>
                {pool.description && (
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {pool.description}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge variant="default">{pool.type}</Badge>
              </Table.Td>
              <Table.Td>
                <PoolStatusBadge status={pool.status} />
              </Table.Td>
              <Table.Td>
                {pool.concurrencyLimit ?? (
                  <Text size="sm" c="dimmed">
                    unlimited
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <WorkersOnline workPoolName={pool.name} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** `/work-pools`: the pools workers take runs from. */
export function WorkPoolsPage() {
  const trpc = useTRPC();
  const pools = useQuery({ ...trpc.workPools.list.queryOptions({}), refetchInterval: 15_000 });
  return (
    <Stack gap="md">
      <PageHeader
        title="Work pools"
        badge={pools.data && <Badge variant="light">{pools.data.length}</Badge>}
      />
      <QueryState query={pools}>
        {(data) =>
          data.length > 0 ? (
            <WorkPoolsTable pools={data} />
          ) : (
            <EmptyState title="No work pools yet">
              Create one with <Code>weft work-pool create &lt;name&gt;</Code>, then start a worker with{' '}
              <Code>weft worker start --pool &lt;name&gt;</Code> (see docs/work-pools.md).
            </EmptyState>
          )
        }
      </QueryState>
    </Stack>
  );
}
