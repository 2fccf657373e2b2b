import { Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { isTerminalStateType, type TaskRun } from '@weft/schemas';
import { useTRPC } from '../../../app/trpc';
import { EmptyState, QueryState } from '../../../components/query-state';
import { StateBadge } from '../../../components/state-badge';
import { formatDateTime, formatDuration } from '../../../lib/format';

/** Every state the task run went through, oldest first, with how long it stayed in each. */
export function TaskRunStates({ run }: { run: TaskRun }) {
  const trpc = useTRPC();
  const states = useQuery({
    ...trpc.taskRuns.states.queryOptions({ id: run.id }),
    refetchInterval: isTerminalStateType(run.stateType) ? false : 5_000,
  });
  return (
    <QueryState query={states}>
      {(rows) =>
        rows.length === 0 ? (
          <EmptyState title="No states yet" />
        ) : (
          <Table withTableBorder data-testid="task-run-states">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>State</Table.Th>
                <Table.Th>At</Table.Th>
                <Table.Th>For</Table.Th>
                <Table.Th>Message</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((state, i) => {
                const next = rows[i + 1];
                const seconds = next ? (next.timestamp.getTime() - state.timestamp.getTime()) / 1000 : null;
                return (
                  <Table.Tr key={state.id} data-testid="task-run-state">
                    <Table.Td>
                      <StateBadge type={state.type} name={state.name} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {formatDateTime(state.timestamp)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {seconds === null
                          ? isTerminalStateType(state.type)
                            ? ''
                            : 'now'
                          : formatDuration(seconds)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {state.message ?? ''}
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
  );
}
