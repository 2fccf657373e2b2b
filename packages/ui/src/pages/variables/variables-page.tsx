import { ActionIcon, Badge, Button, Code, Group, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { Variable } from '@weft/schemas';
import { useState } from 'react';
import { useTRPC } from '../../app/trpc';
import { ConfirmButton } from '../../components/confirm-button';
import { PageHeader } from '../../components/page-header';
import { EmptyState, errorMessage, QueryState } from '../../components/query-state';
import { formatDateTime, formatRelative } from '../../lib/format';
import { VariableFormModal } from './variable-form-modal';

const route = getRouteApi('/variables');

/** A value on one line, cut at 80 characters. */
function preview(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function VariableRow({ variable, onEdit }: { variable: Variable; onEdit: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.variables.delete.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: 'green', message: `Variable ${variable.name} deleted` });
        await queryClient.invalidateQueries({ queryKey: trpc.variables.pathKey() });
      },
      onError: (error) =>
        notifications.show({ color: 'red', message: `Not deleted: ${errorMessage(error)}` }),
    }),
  );
  return (
    <Table.Tr>
      <Table.Td>
        <Text fw={500} ff="monospace" size="sm">
          {variable.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Code title={JSON.stringify(variable.value, null, 2)}>{preview(variable.value)}</Code>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {variable.tags.map((tag) => (
            <Badge key={tag} variant="light" color="gray" tt="none">
              {tag}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td title={formatDateTime(variable.updatedAt)}>{formatRelative(variable.updatedAt)}</Table.Td>
      <Table.Td>
        <Group gap={4} justify="flex-end" wrap="nowrap">
          <Tooltip label="Edit">
            <ActionIcon variant="subtle" onClick={onEdit} aria-label={`Edit ${variable.name}`}>
              <IconPencil size={16} />
            </ActionIcon>
          </Tooltip>
          <ConfirmButton
            color="red"
            variant="subtle"
            loading={remove.isPending}
            confirm={`Delete variable ${variable.name}? Flows that read it get their default.`}
            onConfirm={() => remove.mutate({ name: variable.name })}
          >
            Delete
          </ConfirmButton>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** `/variables`: named JSON values flows read at run time; create, edit and delete them. */
export function VariablesPage() {
  const trpc = useTRPC();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [text, setText] = useState(search.q ?? '');
  const [modal, setModal] = useState<{ variable?: Variable } | null>(null);
  const setQuery = useDebouncedCallback((q: string) => {
    navigate({ search: { q: q || undefined }, replace: true });
  }, 250);
  const filter = search.q ? { name: { like: search.q } } : undefined;
  const variables = useQuery(trpc.variables.list.queryOptions({ filter, sort: 'NAME_ASC' }));
  const count = useQuery(trpc.variables.count.queryOptions({ filter }));

  return (
    <>
      <PageHeader
        title="Variables"
        actions={
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setModal({})}
            data-testid="new-variable"
          >
            New variable
          </Button>
        }
      />
      <TextInput
        mb="md"
        w={280}
        placeholder="Search by name"
        aria-label="Search variables by name"
        leftSection={<IconSearch size={16} />}
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value);
          setQuery(event.currentTarget.value.trim());
        }}
      />
      <QueryState query={variables}>
        {(rows) =>
          rows.length === 0 ? (
            search.q ? (
              <EmptyState title="No variables match">No variable name contains “{search.q}”.</EmptyState>
            ) : (
              <EmptyState title="No variables yet">
                Variables are JSON values flows read with <code>variables.get('name')</code>. Create one here,
                or with <code>weft variable set region eu-west-1</code>.
              </EmptyState>
            )
          ) : (
            <>
              <Table.ScrollContainer minWidth={720}>
                <Table highlightOnHover verticalSpacing="sm" data-testid="variables-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Name</Table.Th>
                      <Table.Th>Value</Table.Th>
                      <Table.Th>Tags</Table.Th>
                      <Table.Th>Updated</Table.Th>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.map((variable) => (
                      <VariableRow
                        key={variable.id}
                        variable={variable}
                        onEdit={() => setModal({ variable })}
                      />
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {count.data !== undefined && count.data > rows.length && (
                <Text size="sm" c="dimmed" mt="xs">
                  Showing the first {rows.length} of {count.data} variables: search to narrow them down.
                </Text>
              )}
            </>
          )
        }
      </QueryState>
      {modal && (
        <VariableFormModal
          key={modal.variable?.id ?? 'new'}
          opened
          variable={modal.variable}
          onClose={() => setModal(null)}
        />
      )}
    </>
  );
}
