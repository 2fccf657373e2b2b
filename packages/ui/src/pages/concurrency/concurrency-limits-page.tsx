import { Button, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ConcurrencyLease, ConcurrencyLimit } from '@weft/schemas';
import { useState } from 'react';
import { useTRPC } from '../../app/trpc';
import { PageHeader } from '../../components/page-header';
import { EmptyState, QueryState } from '../../components/query-state';
import { LimitFormModal } from './limit-form-modal';
import { LimitRow } from './limit-row';

/** Slots in use change as code runs: the page looks again every few seconds. */
const REFRESH_MS = 5_000;

function LimitsTable({
  title,
  hint,
  limits,
  leases,
  onEdit,
}: {
  title: string;
  hint: string;
  limits: ConcurrencyLimit[];
  leases: ConcurrencyLease[];
  onEdit: (limit: ConcurrencyLimit) => void;
}) {
  return (
    <Stack gap={4}>
      <Title order={4}>{title}</Title>
      <Text size="sm" c="dimmed">
        {hint}
      </Text>
      <Table.ScrollContainer minWidth={820}>
        <Table
          layout="fixed"
          verticalSpacing="sm"
          highlightOnHover
          data-testid={`limits-${title.toLowerCase().replace(/\W+/g, '-')}`}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="22%">Name</Table.Th>
              <Table.Th w="20%">Slots in use</Table.Th>
              <Table.Th>Held by</Table.Th>
              <Table.Th>Denied</Table.Th>
              <Table.Th>Decay</Table.Th>
              <Table.Th>Active</Table.Th>
              <Table.Th w={230} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {limits.map((limit) => (
              <LimitRow
                key={limit.id}
                limit={limit}
                leases={leases.filter((lease) => lease.names.includes(limit.name))}
                onEdit={() => onEdit(limit)}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** `/concurrency-limits`: global concurrency and rate limits, and task tag limits (`tag:<tag>`). */
export function ConcurrencyLimitsPage() {
  const trpc = useTRPC();
  const [modal, setModal] = useState<{ limit?: ConcurrencyLimit } | null>(null);
  const limits = useQuery({ ...trpc.concurrencyLimits.list.queryOptions({}), refetchInterval: REFRESH_MS });
  const leases = useQuery({
    ...trpc.concurrencyLimits.listLeases.queryOptions({}),
    refetchInterval: REFRESH_MS,
  });

  return (
    <>
      <PageHeader
        title="Concurrency limits"
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setModal({})} data-testid="new-limit">
            New limit
          </Button>
        }
      />
      <QueryState query={limits}>
        {(rows) => {
          if (rows.length === 0) {
            return (
              <EmptyState title="No concurrency limits yet">
                A limit caps how many slots code holds at once across every worker:{' '}
                <code>weft concurrency-limit create database 5</code>, then{' '}
                <code>{"concurrency('database', { occupy: 1 }, work)"}</code> in a flow. Name one{' '}
                <code>tag:gpu</code> to limit task runs tagged <code>gpu</code>.
              </EmptyState>
            );
          }
          const tagLimits = rows.filter((limit) => limit.name.startsWith('tag:'));
          const globalLimits = rows.filter((limit) => !limit.name.startsWith('tag:'));
          const held = leases.data ?? [];
          return (
            <Stack gap="xl">
              {globalLimits.length > 0 && (
                <LimitsTable
                  title="Global limits"
                  hint="Taken by concurrency() and rateLimit() in flows and tasks."
                  limits={globalLimits}
                  leases={held}
                  onEdit={(limit) => setModal({ limit })}
                />
              )}
              {tagLimits.length > 0 && (
                <LimitsTable
                  title="Task tag limits"
                  hint="tag:<tag> caps how many task runs with that tag are Running at once."
                  limits={tagLimits}
                  leases={held}
                  onEdit={(limit) => setModal({ limit })}
                />
              )}
            </Stack>
          );
        }}
      </QueryState>
      {modal && (
        <LimitFormModal key={modal.limit?.id ?? 'new'} limit={modal.limit} onClose={() => setModal(null)} />
      )}
    </>
  );
}
