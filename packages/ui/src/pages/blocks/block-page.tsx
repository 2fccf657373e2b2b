import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock, IconPencil } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { BlockDocument } from '@weft/schemas';
import { useTRPC } from '../../app/trpc';
import { ConfirmButton } from '../../components/confirm-button';
import { Fact, FactGrid } from '../../components/fact';
import { AnchorLink, ButtonLink } from '../../components/links';
import { PageHeader } from '../../components/page-header';
import { errorMessage, QueryState } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { BlockDataView } from './block-data-view';
import { BlockLogo } from './block-logo';
import { blockUsageSnippet, CodeSnippet } from './block-usage';

const route = getRouteApi('/blocks/block/$id');

function BlockDetails({ doc }: { doc: BlockDocument }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const schema = useQuery(trpc.blockSchemas.read.queryOptions({ id: doc.blockSchemaId }));
  const type = useQuery(trpc.blockTypes.readBySlug.queryOptions({ slug: doc.blockTypeSlug }));
  const remove = useMutation(
    trpc.blockDocuments.delete.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: 'green', message: `Block ${doc.blockTypeSlug}/${doc.name} deleted` });
        await navigate({ to: '/blocks' });
        await queryClient.invalidateQueries({ queryKey: trpc.blockDocuments.pathKey() });
      },
      onError: (error) =>
        notifications.show({ color: 'red', message: `Not deleted: ${errorMessage(error)}` }),
    }),
  );
  const hasSecrets = (schema.data?.secretFields.length ?? 0) > 0;

  return (
    <>
      <PageHeader
        title={
          <Group gap="sm" component="span">
            <BlockLogo type={type.data} size={32} />
            {doc.name}
          </Group>
        }
        crumbs={[{ label: 'Blocks', to: '/blocks' }, { label: `${doc.blockTypeSlug}/${doc.name}` }]}
        actions={
          <>
            <ButtonLink
              to="/blocks/block/$id/edit"
              params={{ id: doc.id }}
              size="xs"
              variant="default"
              leftSection={<IconPencil size={14} />}
            >
              Edit
            </ButtonLink>
            <ConfirmButton
              color="red"
              loading={remove.isPending}
              confirm={`Delete block ${doc.blockTypeSlug}/${doc.name}? Flows that load it will fail.`}
              onConfirm={() => remove.mutate({ id: doc.id })}
            >
              Delete
            </ConfirmButton>
          </>
        }
      />
      <Stack gap="lg" maw={960}>
        <Card withBorder>
          <FactGrid cols={{ base: 2, sm: 4 }}>
            <Fact label="Type">
              <AnchorLink to="/blocks/catalog/$slug" params={{ slug: doc.blockTypeSlug }}>
                {doc.blockTypeName}
              </AnchorLink>
            </Fact>
            <Fact label="Schema">{schema.data ? `version ${schema.data.version}` : '…'}</Fact>
            <Fact label="Created">{formatDateTime(doc.createdAt)}</Fact>
            <Fact label="Updated">{formatDateTime(doc.updatedAt)}</Fact>
          </FactGrid>
        </Card>
        <Stack gap="xs">
          <Title order={4}>Fields</Title>
          {hasSecrets && (
            <Text size="sm" c="dimmed" data-testid="secret-note">
              <IconLock size={14} style={{ verticalAlign: 'middle' }} /> Secret values are never sent to the
              browser: they show as ******** here. Flows get them with <code>loadBlock</code>.
            </Text>
          )}
          <QueryState query={schema}>
            {(blockSchema) => <BlockDataView doc={doc} schema={blockSchema} />}
          </QueryState>
        </Stack>
        <CodeSnippet title="Use it in a flow" code={blockUsageSnippet(doc.blockTypeSlug, doc.name)} />
      </Stack>
    </>
  );
}

/** `/blocks/block/$id`: one block document, secrets masked. */
export function BlockPage() {
  const { id } = route.useParams();
  const trpc = useTRPC();
  const doc = useQuery(trpc.blockDocuments.read.queryOptions({ id }));
  return <QueryState query={doc}>{(data) => <BlockDetails doc={data} />}</QueryState>;
}
