import { Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TaskRun, TaskRunInput } from '@weft/schemas';
import { useMemo } from 'react';
import { useTRPC } from '../../../app/trpc';
import { JsonView } from '../../../components/json-view';
import { AnchorLink } from '../../../components/links';
import { EmptyState } from '../../../components/query-state';

/** Ordering edges the engine records next to the parameters. */
const EDGE_KEYS: Record<string, string> = { __parents__: 'parent task runs', wait_for: 'waited for' };

function InputSource({ input, names }: { input: TaskRunInput; names: Map<string, string> }) {
  switch (input.inputType) {
    case 'task_run':
      return (
        <AnchorLink to="/runs/task-run/$id" params={{ id: input.id }} size="sm" data-testid="upstream-link">
          {names.get(input.id) ?? input.id}
        </AnchorLink>
      );
    case 'flow_run':
      return (
        <AnchorLink to="/runs/flow-run/$id" params={{ id: input.id }} size="sm">
          flow run {input.id}
        </AnchorLink>
      );
    case 'parameter':
      return (
        <Badge variant="light" tt="none">
          flow parameter {input.name}
        </Badge>
      );
    default:
      return (
        <Badge variant="light" color="gray" tt="none">
          a constant ({input.type})
        </Badge>
      );
  }
}

/**
 * Where each argument of the task run came from: an upstream task run (a link), a flow parameter
 * or a constant. The values themselves are not recorded by the server.
 */
export function TaskRunInputs({ run }: { run: TaskRun }) {
  const trpc = useTRPC();
  const entries = Object.entries(run.taskInputs);
  const upstreamIds = useMemo(() => {
    const all = Object.values(run.taskInputs).flat();
    return [...new Set(all.flatMap((input) => (input.inputType === 'task_run' ? [input.id] : [])))];
  }, [run.taskInputs]);
  const upstream = useQuery({
    ...trpc.taskRuns.list.queryOptions({ filter: { id: { any: upstreamIds } }, limit: upstreamIds.length }),
    enabled: upstreamIds.length > 0,
  });
  const names = useMemo(() => new Map((upstream.data ?? []).map((r) => [r.id, r.name])), [upstream.data]);
  if (entries.length === 0)
    return (
      <EmptyState title="No inputs">This task run took no arguments and waited for no other run.</EmptyState>
    );
  return (
    <Stack gap="md">
      <Table withTableBorder data-testid="task-run-inputs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={220}>Argument</Table.Th>
            <Table.Th>Came from</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map(([name, inputs]) => (
            <Table.Tr key={name}>
              <Table.Td>
                <Text
                  size="sm"
                  ff={EDGE_KEYS[name] ? undefined : 'monospace'}
                  c={EDGE_KEYS[name] ? 'dimmed' : undefined}
                >
                  {EDGE_KEYS[name] ?? name}
                </Text>
              </Table.Td>
              <Table.Td>
                {inputs.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    a value (no upstream run)
                  </Text>
                ) : (
                  <Group gap="xs">
                    {inputs.map((input) => (
                      <InputSource key={JSON.stringify(input)} input={input} names={names} />
                    ))}
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack gap={4}>
        <Title order={5}>As recorded</Title>
        <JsonView value={run.taskInputs} />
      </Stack>
    </Stack>
  );
}
