import { Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { FlowRun } from '@weft/schemas';
import { useTRPC } from '../../../app/trpc';
import { AnchorLink } from '../../../components/links';
import { EmptyState, QueryState } from '../../../components/query-state';
import { StateBadge } from '../../../components/state-badge';
import { formatDateTime, formatDuration } from '../../../lib/format';
import { LIVE_REFETCH_MS } from './use-flow-run';

/** The flow runs this flow run started as subflows. */
export function SubflowsTab({ run, live }: { run: FlowRun; live: boolean }) {
  const trpc = useTRPC();
  const subflows = useQuery({
    ...trpc.flowRuns.list.queryOptions({
      filter: { parentFlowRunId: { any: [run.id] } },
      sort: 'START_TIME_ASC',
      limit: 200,
    }),
    refetchInterval: live ? LIVE_REFETCH_MS : false,
  });
  return (
    <QueryState query={subflows}>
      {(rows) =>
        rows.length === 0 ? (
          <EmptyState title="No subflows">
            This flow run called no other flow{live ? ' yet' : ''}. A flow called inside a flow runs as a
            subflow.
          </EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table striped highlightOnHover data-testid="subflows-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>State</Table.Th>
                  <Table.Th>Flow run</Table.Th>
                  <Table.Th>Flow</Table.Th>
                  <Table.Th>Start</Table.Th>
                  <Table.Th>Duration</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((subflow) => (
                  <Table.Tr key={subflow.id} data-testid="subflow-row">
                    <Table.Td>
                      <StateBadge type={subflow.stateType} name={subflow.stateName} />
                    </Table.Td>
                    <Table.Td>
                      <AnchorLink to="/runs/flow-run/$id" params={{ id: subflow.id }} size="sm">
                        {subflow.name}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>
                      <AnchorLink to="/flows/$id" params={{ id: subflow.flowId }} size="sm" c="dimmed">
                        {subflow.flowName}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{formatDateTime(subflow.startTime)}</Table.Td>
                    <Table.Td>{subflow.startTime ? formatDuration(subflow.estimatedRunTime) : '—'}</Table.Td>
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
