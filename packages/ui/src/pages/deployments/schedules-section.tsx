import { Badge, Button, Card, Code, Group, Popover, Stack, Switch, Table, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeploymentSchedule } from '@weft/schemas';
import { useState } from 'react';
import { useTRPC } from '../../app/trpc';
import { ConfirmButton } from '../../components/confirm-button';
import { JsonView } from '../../components/json-view';
import { notifyDone, notifyFailed } from '../../components/notify';
import { EmptyState, QueryState } from '../../components/query-state';
import { ScheduleForm } from './schedule-form';
import { describeSchedule, scheduleKind, scheduleValue } from './schedule-text';

function ScheduleRow({ schedule }: { schedule: DeploymentSchedule }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const words = describeSchedule(schedule.schedule);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.deployments.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.flowRuns.pathKey() });
  };
  const update = useMutation(
    trpc.deployments.updateSchedule.mutationOptions({
      onSuccess: (updated) => {
        notifyDone(`${updated.active ? 'Resumed' : 'Paused'} the schedule “${words}”`);
        return refresh();
      },
      onError: (error) => notifyFailed(`change the schedule “${words}”`, error),
    }),
  );
  const remove = useMutation(
    trpc.deployments.deleteSchedule.mutationOptions({
      onSuccess: () => {
        notifyDone(`Deleted the schedule “${words}”`);
        return refresh();
      },
      onError: (error) => notifyFailed(`delete the schedule “${words}”`, error),
    }),
  );
  const ids = { deploymentId: schedule.deploymentId, id: schedule.id };
  const hasParameters = Object.keys(schedule.parameters).length > 0;
  return (
    <Table.Tr data-testid="schedule-row">
      <Table.Td>
        <Text size="sm" fw={500}>
          {words}
        </Text>
        <Group gap={6}>
          <Badge size="xs" variant="default">
            {scheduleKind(schedule.schedule)}
          </Badge>
          <Code>{scheduleValue(schedule.schedule)}</Code>
        </Group>
      </Table.Td>
      <Table.Td>{schedule.schedule.timezone ?? 'UTC'}</Table.Td>
      <Table.Td>{schedule.slug ? <Code>{schedule.slug}</Code> : '—'}</Table.Td>
      <Table.Td>
        {hasParameters ? (
          <Popover withArrow shadow="md">
            <Popover.Target>
              <Button size="compact-xs" variant="subtle">
                {Object.keys(schedule.parameters).length} overridden
              </Button>
            </Popover.Target>
            <Popover.Dropdown>
              <JsonView value={schedule.parameters} maxHeight={300} />
            </Popover.Dropdown>
          </Popover>
        ) : (
          '—'
        )}
      </Table.Td>
      <Table.Td>
        <Switch
          checked={schedule.active}
          disabled={update.isPending}
          label={schedule.active ? 'Active' : 'Paused'}
          aria-label={schedule.active ? `Pause the schedule ${words}` : `Resume the schedule ${words}`}
          onChange={(event) => update.mutate({ ...ids, active: event.currentTarget.checked })}
          data-testid="schedule-active"
        />
      </Table.Td>
      <Table.Td>
        <ConfirmButton
          color="red"
          variant="subtle"
          loading={remove.isPending}
          leftSection={<IconTrash size={14} />}
          confirm={`Delete the schedule “${words}”? Its upcoming runs are removed.`}
          onConfirm={() => remove.mutate(ids)}
        >
          Delete
        </ConfirmButton>
      </Table.Td>
    </Table.Tr>
  );
}

/** A deployment's schedules: each can be paused, resumed or deleted, and new ones added. */
export function SchedulesSection({ deploymentId }: { deploymentId: string }) {
  const trpc = useTRPC();
  const schedules = useQuery(trpc.deployments.listSchedules.queryOptions({ deploymentId }));
  const [adding, setAdding] = useState(false);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          The scheduler keeps runs made ahead for every active schedule.
        </Text>
        {!adding && (
          <Button
            size="xs"
            leftSection={<IconPlus size={16} />}
            onClick={() => setAdding(true)}
            data-testid="add-schedule"
          >
            Add schedule
          </Button>
        )}
      </Group>
      {adding && (
        <Card withBorder maw={640}>
          <ScheduleForm deploymentId={deploymentId} onDone={() => setAdding(false)} />
        </Card>
      )}
      <QueryState query={schedules}>
        {(data) =>
          data.length === 0 ? (
            <EmptyState title="No schedules">
              Runs start only when asked. Add a schedule here, or give <code>schedules</code> to{' '}
              <code>weft deploy</code>.
            </EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table data-testid="schedules-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Schedule</Table.Th>
                    <Table.Th>Time zone</Table.Th>
                    <Table.Th>Slug</Table.Th>
                    <Table.Th>Parameters</Table.Th>
                    <Table.Th>Active</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.map((schedule) => (
                    <ScheduleRow key={schedule.id} schedule={schedule} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
    </Stack>
  );
}
