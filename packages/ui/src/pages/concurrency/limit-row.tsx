import {
  ActionIcon,
  Anchor,
  Group,
  HoverCard,
  Progress,
  Stack,
  Switch,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConcurrencyLease, ConcurrencyLimit } from '@weft/schemas';
import { useTRPC } from '../../app/trpc';
import { ConfirmButton } from '../../components/confirm-button';
import { errorMessage } from '../../components/query-state';
import { formatRelative } from '../../lib/format';

function slotsText(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** Who holds the slots of a limit: each lease's holder, slots and expiry. */
function Holders({ leases }: { leases: ConcurrencyLease[] }) {
  if (leases.length === 0)
    return (
      <Text size="sm" c="dimmed">
        none
      </Text>
    );
  return (
    <HoverCard width={320} shadow="md" withArrow>
      <HoverCard.Target>
        <Anchor size="sm" component="button" type="button">
          {leases.length} {leases.length === 1 ? 'lease' : 'leases'}
        </Anchor>
      </HoverCard.Target>
      <HoverCard.Dropdown>
        <Stack gap={6}>
          {leases.map((lease) => {
            const { type, id, label } = lease.holder as { type?: string; id?: string; label?: string };
            return (
              <Text key={lease.id} size="xs">
                <b>{label ?? `${type ?? 'holder'} ${id ?? ''}`}</b> holds {lease.slots} slot
                {lease.slots === 1 ? '' : 's'}, expires {formatRelative(lease.expiresAt)}
              </Text>
            );
          })}
        </Stack>
      </HoverCard.Dropdown>
    </HoverCard>
  );
}

/** One limit: its slots in use, holders and rate, with edit, activate, reset and delete. */
export function LimitRow({
  limit,
  leases,
  onEdit,
}: {
  limit: ConcurrencyLimit;
  leases: ConcurrencyLease[];
  onEdit: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.concurrencyLimits.pathKey() });
  const failed = (what: string) => (error: unknown) =>
    notifications.show({ color: 'red', message: `${what} ${limit.name} failed: ${errorMessage(error)}` });
  const update = useMutation(
    trpc.concurrencyLimits.update.mutationOptions({
      onSuccess: async (saved) => {
        notifications.show({
          color: 'green',
          message: `${saved.name} is ${saved.active ? 'active' : 'inactive'}`,
        });
        await refresh();
      },
      onError: failed('Changing'),
    }),
  );
  const reset = useMutation(
    trpc.concurrencyLimits.reset.mutationOptions({
      onSuccess: async () => {
        notifications.show({
          color: 'green',
          message: `${limit.name} reset: every lease and counter dropped`,
        });
        await refresh();
      },
      onError: failed('Resetting'),
    }),
  );
  const remove = useMutation(
    trpc.concurrencyLimits.delete.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: 'green', message: `Limit ${limit.name} deleted` });
        await refresh();
      },
      onError: failed('Deleting'),
    }),
  );
  const used = limit.limit > 0 ? Math.min(100, (limit.activeSlots / limit.limit) * 100) : 100;

  return (
    <Table.Tr data-testid={`limit-${limit.name}`} opacity={limit.active ? 1 : 0.6}>
      <Table.Td>
        <Text fw={500} ff="monospace" size="sm">
          {limit.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {slotsText(limit.activeSlots)} / {limit.limit}
        </Text>
        <Progress value={used} size="sm" color={used >= 100 ? 'red' : 'blue'} aria-label="slots in use" />
      </Table.Td>
      <Table.Td>
        <Holders leases={leases} />
      </Table.Td>
      <Table.Td>{limit.deniedSlots > 0 ? slotsText(limit.deniedSlots) : '—'}</Table.Td>
      <Table.Td>{limit.slotDecayPerSecond > 0 ? `${limit.slotDecayPerSecond}/s` : '—'}</Table.Td>
      <Table.Td>
        <Switch
          checked={limit.active}
          disabled={update.isPending}
          aria-label={limit.active ? `Deactivate ${limit.name}` : `Activate ${limit.name}`}
          onChange={(event) => update.mutate({ name: limit.name, active: event.currentTarget.checked })}
        />
      </Table.Td>
      <Table.Td>
        <Group gap={4} justify="flex-end" wrap="nowrap">
          <Tooltip label="Edit">
            <ActionIcon variant="subtle" onClick={onEdit} aria-label={`Edit ${limit.name}`}>
              <IconPencil size={16} />
            </ActionIcon>
          </Tooltip>
          <ConfirmButton
            color="orange"
            variant="subtle"
            loading={reset.isPending}
            confirm={`Reset ${limit.name}? Every lease is dropped: holders lose their slots.`}
            onConfirm={() => reset.mutate({ name: limit.name })}
          >
            Reset
          </ConfirmButton>
          <ConfirmButton
            color="red"
            variant="subtle"
            loading={remove.isPending}
            confirm={`Delete limit ${limit.name}? Code that takes its slots is no longer limited.`}
            onConfirm={() => remove.mutate({ name: limit.name })}
          >
            Delete
          </ConfirmButton>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
