import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { Artifact } from '@weft/schemas';
import { useTRPC } from '../../app/trpc';
import { ArtifactView, MarkdownView } from '../../components/artifact-view';
import { ConfirmButton } from '../../components/confirm-button';
import { Fact, FactGrid } from '../../components/fact';
import { PageHeader } from '../../components/page-header';
import { errorMessage, QueryState } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { artifactTitle } from './artifact-title';
import { ArtifactTypeBadge } from './artifact-type-badge';
import { ArtifactVersions } from './artifact-versions';
import { RunLinks, useRunNames } from './run-links';

const route = getRouteApi('/artifacts/$id');

function ArtifactDetails({ artifact }: { artifact: Artifact }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const names = useRunNames([artifact]);
  const title = artifactTitle(artifact);
  const remove = useMutation(
    trpc.artifacts.delete.mutationOptions({
      onSuccess: async () => {
        notifications.show({
          color: 'green',
          message: artifact.key ? `This version of ${artifact.key} was deleted` : 'Artifact deleted',
        });
        await navigate({ to: '/artifacts' });
        await queryClient.invalidateQueries({ queryKey: trpc.artifacts.pathKey() });
      },
      onError: (error) =>
        notifications.show({ color: 'red', message: `Not deleted: ${errorMessage(error)}` }),
    }),
  );
  const metadata = Object.entries(artifact.metadata);

  return (
    <>
      <PageHeader
        title={title}
        crumbs={[{ label: 'Artifacts', to: '/artifacts' }, { label: title }]}
        badge={<ArtifactTypeBadge type={artifact.type} />}
        actions={
          <ConfirmButton
            color="red"
            loading={remove.isPending}
            confirm={
              artifact.key
                ? `Delete this version of ${artifact.key}? The previous version becomes the latest.`
                : 'Delete this artifact?'
            }
            onConfirm={() => remove.mutate({ id: artifact.id })}
          >
            Delete
          </ConfirmButton>
        }
      />
      <Stack gap="lg" maw={1080}>
        <Card withBorder>
          <FactGrid cols={{ base: 1, sm: 3 }}>
            <Fact label="From">
              <RunLinks artifact={artifact} names={names} />
            </Fact>
            <Fact label="Created">{formatDateTime(artifact.createdAt)}</Fact>
            <Fact label="Updated">{formatDateTime(artifact.updatedAt)}</Fact>
          </FactGrid>
          {metadata.length > 0 && (
            <Group gap={6} mt="sm">
              {metadata.map(([key, value]) => (
                <Badge key={key} variant="outline" color="gray" tt="none">
                  {key}: {value}
                </Badge>
              ))}
            </Group>
          )}
        </Card>
        {artifact.description && (
          <div data-testid="artifact-description">
            <MarkdownView source={artifact.description} />
          </div>
        )}
        <Card withBorder data-testid="artifact-data">
          <ArtifactView artifact={artifact} />
          {artifact.type === 'progress' && (
            <Text size="sm" c="dimmed" mt={6}>
              {Number(artifact.data)}% done
            </Text>
          )}
        </Card>
        {artifact.key && <ArtifactVersions artifactKey={artifact.key} currentId={artifact.id} />}
      </Stack>
    </>
  );
}

/** `/artifacts/$id`: one artifact rendered by its type, where it came from, and its key's versions. */
export function ArtifactPage() {
  const { id } = route.useParams();
  const trpc = useTRPC();
  const artifact = useQuery(trpc.artifacts.read.queryOptions({ id }));
  return <QueryState query={artifact}>{(data) => <ArtifactDetails artifact={data} />}</QueryState>;
}
