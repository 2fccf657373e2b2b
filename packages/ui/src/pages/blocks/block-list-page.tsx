import { Badge, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { BlockType } from '@weft/schemas';
import { useState } from 'react';
import { useTRPC } from '../../app/trpc';
import { AnchorLink, ButtonLink } from '../../components/links';
import { PageHeader } from '../../components/page-header';
import { EmptyState, QueryState } from '../../components/query-state';
import { formatDateTime, formatRelative } from '../../lib/format';
import { BlockLogo } from './block-logo';

const route = getRouteApi('/blocks');

/** `/blocks`: the saved block documents, by type and name. */
export function BlockListPage() {
  const trpc = useTRPC();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [text, setText] = useState(search.q ?? '');
  const setQuery = useDebouncedCallback((q: string) => {
    navigate({ search: (prev) => ({ ...prev, q: q || undefined }), replace: true });
  }, 250);

  const types = useQuery(trpc.blockTypes.list.queryOptions({}));
  const documents = useQuery(
    trpc.blockDocuments.list.queryOptions({
      blockTypeSlugs: search.type ? [search.type] : undefined,
      nameLike: search.q || undefined,
    }),
  );
  const typeBySlug = new Map<string, BlockType>((types.data ?? []).map((type) => [type.slug, type]));
  const filtered = Boolean(search.type || search.q);

  return (
    <>
      <PageHeader
        title="Blocks"
        actions={
          <ButtonLink to="/blocks/catalog" leftSection={<IconPlus size={16} />}>
            Add a block
          </ButtonLink>
        }
      />
      <Group mb="md" gap="sm">
        <TextInput
          placeholder="Search by name"
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setQuery(event.currentTarget.value.trim());
          }}
          aria-label="Search blocks by name"
          w={260}
        />
        <Select
          placeholder="All types"
          clearable
          searchable
          data={(types.data ?? []).map((type) => ({ value: type.slug, label: type.name }))}
          value={search.type ?? null}
          onChange={(type) => navigate({ search: (prev) => ({ ...prev, type: type ?? undefined }) })}
          aria-label="Filter by block type"
          w={220}
        />
      </Group>
      <QueryState query={documents}>
        {(rows) =>
          rows.length === 0 ? (
            filtered ? (
              <EmptyState title="No blocks match">
                Clear the search or the type filter to see every block.
              </EmptyState>
            ) : (
              <EmptyState title="No blocks yet">
                Blocks hold configuration and secrets your flows load by name.{' '}
                <AnchorLink to="/blocks/catalog">Add a block</AnchorLink> from the catalog, or save one from
                code with <code>saveBlock()</code>.
              </EmptyState>
            )
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table highlightOnHover verticalSpacing="sm" data-testid="blocks-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Type</Table.Th>
                    <Table.Th>Updated</Table.Th>
                    <Table.Th>Created</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((doc) => (
                    <Table.Tr key={doc.id}>
                      <Table.Td>
                        <Group gap="sm" wrap="nowrap">
                          <BlockLogo type={typeBySlug.get(doc.blockTypeSlug)} size={24} />
                          <AnchorLink to="/blocks/block/$id" params={{ id: doc.id }} fw={500}>
                            {doc.name}
                          </AnchorLink>
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color="gray" tt="none">
                          {doc.blockTypeName}
                        </Badge>
                      </Table.Td>
                      <Table.Td title={formatDateTime(doc.updatedAt)}>
                        {formatRelative(doc.updatedAt)}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed">
                          {formatDateTime(doc.createdAt)}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
    </>
  );
}
