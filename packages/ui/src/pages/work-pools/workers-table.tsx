import { Code, Table, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc';
import { EmptyState, QueryState } from '../../components/query-state';
import { formatDateTime, formatRelative } from '../../lib/format';
import { WorkerStatusBadge } from './status-badges';

/** The workers of a pool, as their heartbeats describe them. */
export function WorkersTable({ workPoolName }: { workPoolName: string }) {
  const trpc = useTRPC();
  const workers = useQuery({ ...trpc.workers.list.queryOptions({ workPoolName }), refetchInterval: 10_000 });
  return (
    <QueryState query={workers}>
      {(data) =>
        data.length === 0 ? (
          <EmptyState title="No workers yet">
            Start one with <Code>weft worker start --pool {workPoolName}</Code>.
          </EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table data-testid="workers-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Last heartbeat</Table.Th>
                  <Table.Th>Heartbeat every</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.map((worker) => (
                  <Table.Tr key={worker.id}>
                    <Table.Td>
                      <Code>{worker.name}</Code>
                    </Table.Td>
                    <Table.Td>
                      <WorkerStatusBadge status={worker.status} />
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label={formatDateTime(worker.lastHeartbeatTime)}>
                        <Text size="sm">{formatRelative(worker.lastHeartbeatTime)}</Text>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td>
                      {worker.heartbeatIntervalSeconds ? `${worker.heartbeatIntervalSeconds} s` : '—'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      }
    </QueryState>
  );
}
