import { Badge, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { ARTIFACT_TYPES, type Artifact, type ArtifactType } from '@weft/schemas';
import { useState } from 'react';
import { useTRPC } from '../../app/trpc';
import { AnchorLink } from '../../components/links';
import { PageHeader } from '../../components/page-header';
import { EmptyState, QueryState } from '../../components/query-state';
import { formatDateTime, formatRelative } from '../../lib/format';
import { artifactTitle } from './artifact-title';
import { ArtifactTypeBadge } from './artifact-type-badge';
import { RunLinks, useRunNames } from './run-links';

const route = getRouteApi('/artifacts');

function ArtifactsTable({ rows }: { rows: Artifact[] }) {
  const names = useRunNames(rows);
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="artifacts-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Artifact</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>From</Table.Th>
            <Table.Th>Updated</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((artifact) => (
            <Table.Tr key={artifact.id}>
              <Table.Td maw={380}>
                <AnchorLink to="/artifacts/$id" params={{ id: artifact.id }} fw={500}>
                  {artifactTitle(artifact)}
                </AnchorLink>
                {artifact.description && (
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {artifact.description}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <ArtifactTypeBadge type={artifact.type} />
                  <Badge variant="outline" color="gray" size="sm" tt="none">
                    {artifact.key ? 'latest' : 'no key'}
                  </Badge>
                </Group>
              </Table.Td>
              <Table.Td>
                <RunLinks artifact={artifact} names={names} />
              </Table.Td>
              <Table.Td title={formatDateTime(artifact.updatedAt)}>
                {formatRelative(artifact.updatedAt)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * `/artifacts`: the latest version of each key, and the artifacts made without a key, newest
 * first. A key's page lists its other versions.
 */
export function ArtifactsPage() {
  const trpc = useTRPC();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [text, setText] = useState(search.q ?? '');
  const setQuery = useDebouncedCallback((q: string) => {
    navigate({ search: (prev) => ({ ...prev, q: q || undefined }), replace: true });
  }, 250);
  const type = search.type ? { any: [search.type] } : undefined;
  const latest = useQuery(
    trpc.artifacts.latest.queryOptions({ filter: { type, key: search.q ? { like: search.q } : undefined } }),
  );
  // Unkeyed artifacts have no key to search by: a key search shows keyed ones only.
  const unkeyed = useQuery({
    ...trpc.artifacts.list.queryOptions({ filter: { type, key: { isNull: true } } }),
    enabled: !search.q,
  });
  const rows = [...(latest.data ?? []), ...(search.q ? [] : (unkeyed.data ?? []))].sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime(),
  );
  const filtered = Boolean(search.q || search.type);

  return (
    <>
      <PageHeader title="Artifacts" />
      <Group mb="md" gap="sm">
        <TextInput
          w={260}
          placeholder="Search by key"
          aria-label="Search artifacts by key"
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setQuery(event.currentTarget.value.trim());
          }}
        />
        <Select
          w={180}
          placeholder="All types"
          clearable
          aria-label="Filter by artifact type"
          data={[...ARTIFACT_TYPES]}
          value={search.type ?? null}
          onChange={(value) =>
            navigate({ search: (prev) => ({ ...prev, type: (value as ArtifactType | null) ?? undefined }) })
          }
        />
      </Group>
      <QueryState query={latest}>
        {() =>
          rows.length === 0 && !unkeyed.isPending ? (
            filtered ? (
              <EmptyState title="No artifacts match">
                Clear the search or the type filter to see every artifact.
              </EmptyState>
            ) : (
              <EmptyState title="No artifacts yet">
                Flows publish reports, tables, links and progress for people to read: call{' '}
                <code>createMarkdownArtifact('# Report', {'{ key: "nightly-report" }'})</code> or{' '}
                <code>createTableArtifact(rows)</code> from <code>@weft/engine</code> in a flow or task.
              </EmptyState>
            )
          ) : (
            <ArtifactsTable rows={rows} />
          )
        }
      </QueryState>
    </>
  );
}
