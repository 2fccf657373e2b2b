import { Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { FlowRun } from '@weft/schemas';
import { useTRPC } from '../../../app/trpc';
import { AnchorLink } from '../../../components/links';
import { EmptyState, QueryState } from '../../../components/query-state';
import { StateBadge } from '../../../components/state-badge';
import { formatDateTime, formatDuration } from '../../../lib/format';
import { LIVE_REFETCH_MS } from './use-flow-run';

const LIMIT = 200;

/** The flow run's task runs in the order they were expected to start. */
export function TaskRunsTab({ run, live }: { run: FlowRun; live: boolean }) {
  const trpc = useTRPC();
  const taskRuns = useQuery({
    ...trpc.taskRuns.list.queryOptions({
      filter: { flowRunId: { any: [run.id] } },
      sort: 'EXPECTED_START_TIME_ASC',
      limit: LIMIT,
    }),
    refetchInterval: live ? LIVE_REFETCH_MS : false,
  });
  return (
    <QueryState query={taskRuns}>
      {(rows) =>
        rows.length === 0 ? (
          <EmptyState title="No task runs">This flow run ran no tasks{live ? ' yet' : ''}.</EmptyState>
        ) : (
          <>
            <Table.ScrollContainer minWidth={600}>
              <Table striped highlightOnHover data-testid="task-runs-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>State</Table.Th>
                    <Table.Th>Task run</Table.Th>
                    <Table.Th>Start</Table.Th>
                    <Table.Th>Duration</Table.Th>
                    <Table.Th>Runs</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((taskRun) => (
                    <Table.Tr key={taskRun.id} data-testid="task-run-row">
                      <Table.Td>
                        <StateBadge type={taskRun.stateType} name={taskRun.stateName} />
                      </Table.Td>
                      <Table.Td>
                        <AnchorLink to="/runs/task-run/$id" params={{ id: taskRun.id }} size="sm">
                          {taskRun.name}
                        </AnchorLink>
                        {taskRun.subflowRunId && (
                          <AnchorLink
                            to="/runs/flow-run/$id"
                            params={{ id: taskRun.subflowRunId }}
                            size="xs"
                            c="dimmed"
                            ml="xs"
                          >
                            (subflow run)
                          </AnchorLink>
                        )}
                      </Table.Td>
                      <Table.Td>{formatDateTime(taskRun.startTime)}</Table.Td>
                      <Table.Td>
                        {taskRun.startTime ? formatDuration(taskRun.estimatedRunTime) : '—'}
                      </Table.Td>
                      <Table.Td>{taskRun.runCount}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {rows.length === LIMIT && (
              <Text size="xs" c="dimmed" mt="xs">
                The first {LIMIT} task runs are shown.
              </Text>
            )}
          </>
        )
      }
    </QueryState>
  );
}
