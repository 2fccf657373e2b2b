import { Button, Code, Table, Text, Tooltip } from '@mantine/core';
import { IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WorkQueue } from '@weft/schemas';
import { useTRPC } from '../../app/trpc';
import { notifyDone, notifyFailed } from '../../components/notify';
import { EmptyState, QueryState } from '../../components/query-state';
import { formatDateTime, formatRelative } from '../../lib/format';
import { ConcurrencyLimitEditor } from './concurrency-limit-editor';
import { PoolStatusBadge } from './status-badges';

function QueueRow({ queue }: { queue: WorkQueue }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(
    trpc.workQueues.update.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.workQueues.pathKey() }),
      onError: (error) => notifyFailed(`change the queue ${queue.name}`, error),
    }),
  );
  const ref = { workPoolName: queue.workPoolName, name: queue.name };
  const togglePaused = () =>
    update.mutate(
      { ...ref, isPaused: !queue.isPaused },
      { onSuccess: () => notifyDone(`${queue.isPaused ? 'Resumed' : 'Paused'} the queue ${queue.name}`) },
    );
  return (
    <Table.Tr data-testid="queue-row">
      <Table.Td>
        <Code>{queue.name}</Code>
        {queue.description && (
          <Text size="xs" c="dimmed" lineClamp={1}>
            {queue.description}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{queue.priority}</Table.Td>
      <Table.Td>
        <ConcurrencyLimitEditor
          label={`concurrency limit of the queue ${queue.name}`}
          value={queue.concurrencyLimit}
          saving={update.isPending}
          onSave={(concurrencyLimit, done) =>
            update.mutate(
              { ...ref, concurrencyLimit },
              {
                onSuccess: () => {
                  notifyDone(
                    `The queue ${queue.name} now runs ${concurrencyLimit ?? 'any number of'} runs at once`,
                  );
                  done();
                },
              },
            )
          }
        />
      </Table.Td>
      <Table.Td>
        <PoolStatusBadge status={queue.status} />
      </Table.Td>
      <Table.Td>
        <Tooltip label={formatDateTime(queue.lastPolled)}>
          <Text size="sm">{queue.lastPolled ? formatRelative(queue.lastPolled) : 'never'}</Text>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <Button
          size="compact-xs"
          variant="light"
          color={queue.isPaused ? 'green' : 'orange'}
          leftSection={queue.isPaused ? <IconPlayerPlay size={14} /> : <IconPlayerPause size={14} />}
          loading={update.isPending}
          onClick={togglePaused}
          data-testid="queue-pause-toggle"
        >
          {queue.isPaused ? 'Resume' : 'Pause'}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/** A pool's queues, by priority (lower first): pause, resume, and change each one's limit. */
export function QueuesTable({ workPoolName }: { workPoolName: string }) {
  const trpc = useTRPC();
  const queues = useQuery({
    ...trpc.workQueues.list.queryOptions({ workPoolName }),
    refetchInterval: 15_000,
  });
  return (
    <QueryState query={queues}>
      {(data) =>
        data.length === 0 ? (
          <EmptyState title="No queues">
            Add one with <Code>weft work-queue create &lt;name&gt; --pool {workPoolName}</Code>.
          </EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={680}>
            <Table data-testid="queues-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Priority</Table.Th>
                  <Table.Th>Concurrency limit</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Last polled</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...data]
                  .sort((a, b) => a.priority - b.priority)
                  .map((queue) => (
                    <QueueRow key={queue.id} queue={queue} />
                  ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      }
    </QueryState>
  );
}
