import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { FlowRun } from '@weft/schemas';
import { useTRPC } from '../../../app/trpc';
import { ArtifactView } from '../../../components/artifact-view';
import { AnchorLink } from '../../../components/links';
import { EmptyState, QueryState } from '../../../components/query-state';
import { formatDateTime } from '../../../lib/format';
import { LIVE_REFETCH_MS } from './use-flow-run';

/** What the run produced for people to read, each rendered by its type, oldest first. */
export function ArtifactsTab({ run, live }: { run: FlowRun; live: boolean }) {
  const trpc = useTRPC();
  const artifacts = useQuery({
    ...trpc.artifacts.list.queryOptions({
      filter: { flowRunId: { any: [run.id] } },
      sort: 'OLDEST',
      limit: 200,
    }),
    refetchInterval: live ? LIVE_REFETCH_MS : false,
  });
  return (
    <QueryState query={artifacts}>
      {(rows) =>
        rows.length === 0 ? (
          <EmptyState title="No artifacts">
            This flow run created no artifacts{live ? ' yet' : ''}. Create one in a flow or task with{' '}
            <code>createMarkdownArtifact()</code> or <code>createTableArtifact()</code>.
          </EmptyState>
        ) : (
          <Stack gap="md">
            {rows.map((artifact) => (
              <Card key={artifact.id} withBorder padding="md" data-testid="artifact-card">
                <Group justify="space-between" mb="xs" wrap="nowrap">
                  <Group gap="xs">
                    <AnchorLink to="/artifacts/$id" params={{ id: artifact.id }} fw={600}>
                      {artifact.key ?? 'Unnamed artifact'}
                    </AnchorLink>
                    <Badge variant="light" size="sm">
                      {artifact.type}
                    </Badge>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(artifact.createdAt)}
                  </Text>
                </Group>
                {artifact.description && (
                  <Text size="sm" c="dimmed" mb="xs">
                    {artifact.description}
                  </Text>
                )}
                <ArtifactView artifact={artifact} />
              </Card>
            ))}
          </Stack>
        )
      }
    </QueryState>
  );
}
