import { Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerStop, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BulkFlowRunResult } from '@weft/schemas';
import { useTRPC } from '../../../app/trpc';
import { ConfirmButton } from '../../../components/confirm-button';
import { errorMessage } from '../../../components/query-state';
import { bulkResultColor, summarizeBulkResult } from './bulk-summary';

function plural(count: number): string {
  return count === 1 ? '1 run' : `${count} runs`;
}

/** Cancel or delete the selected flow runs, then say what happened to each. */
export function BulkActions({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settle = (title: string, done: string) => ({
    onSuccess: (result: BulkFlowRunResult) => {
      notifications.show({
        title,
        color: bulkResultColor(result),
        message: summarizeBulkResult(result, done),
      });
      onDone();
    },
    onError: (error: unknown) => notifications.show({ title, color: 'red', message: errorMessage(error) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.flowRuns.pathKey() }),
  });
  const cancel = useMutation(trpc.flowRuns.bulkCancel.mutationOptions(settle('Cancel runs', 'cancelled')));
  const remove = useMutation(trpc.flowRuns.bulkDelete.mutationOptions(settle('Delete runs', 'deleted')));
  return (
    <Group gap="xs" data-testid="bulk-actions">
      <Text size="sm" c="dimmed">
        {plural(ids.length)} selected
      </Text>
      <ConfirmButton
        color="orange"
        leftSection={<IconPlayerStop size={14} />}
        loading={cancel.isPending}
        confirm={`Cancel ${plural(ids.length)}? Runs that already finished are skipped.`}
        onConfirm={() => cancel.mutate({ ids })}
      >
        Cancel
      </ConfirmButton>
      <ConfirmButton
        color="red"
        leftSection={<IconTrash size={14} />}
        loading={remove.isPending}
        confirm={`Delete ${plural(ids.length)}? This can't be undone.`}
        onConfirm={() => remove.mutate({ ids })}
      >
        Delete
      </ConfirmButton>
    </Group>
  );
}
