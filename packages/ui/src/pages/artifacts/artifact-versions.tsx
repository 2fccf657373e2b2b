import { Badge, Group, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { Artifact } from '@weft/schemas';
import { useTRPC } from '../../app/trpc';
import { AnchorLink } from '../../components/links';
import { QueryState } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { RunLinks, useRunNames } from './run-links';

function VersionsTable({ versions, currentId }: { versions: Artifact[]; currentId: string }) {
  const names = useRunNames(versions);
  return (
    <Table verticalSpacing="xs" withTableBorder data-testid="artifact-versions">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Created</Table.Th>
          <Table.Th>Description</Table.Th>
          <Table.Th>From</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {versions.map((version, index) => (
          <Table.Tr
            key={version.id}
            bg={version.id === currentId ? 'var(--mantine-primary-color-light)' : undefined}
          >
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                {version.id === currentId ? (
                  <Text size="sm" fw={600}>
                    {formatDateTime(version.createdAt)}
                  </Text>
                ) : (
                  <AnchorLink to="/artifacts/$id" params={{ id: version.id }} size="sm">
                    {formatDateTime(version.createdAt)}
                  </AnchorLink>
                )}
                {index === 0 && (
                  <Badge size="xs" variant="light" tt="none">
                    latest
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td>
              <Text size="sm" c="dimmed" lineClamp={1}>
                {version.description ?? '—'}
              </Text>
            </Table.Td>
            <Table.Td>
              <RunLinks artifact={version} names={names} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Every version of a key, newest first; the one shown is highlighted, the others open. */
export function ArtifactVersions({ artifactKey, currentId }: { artifactKey: string; currentId: string }) {
  const trpc = useTRPC();
  const versions = useQuery(
    trpc.artifacts.list.queryOptions({ filter: { key: { any: [artifactKey] } }, sort: 'NEWEST' }),
  );
  return (
    <>
      <Title order={4}>Versions of {artifactKey}</Title>
      <QueryState query={versions}>
        {(rows) => <VersionsTable versions={rows} currentId={currentId} />}
      </QueryState>
    </>
  );
}
