import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { JsonObject } from '@weft/schemas';
import { useTRPC } from '../../app/trpc';
import { PageHeader } from '../../components/page-header';
import { errorMessage, QueryState } from '../../components/query-state';
import { BlockForm } from './block-form';
import { useBlockType } from './use-block-type';

const route = getRouteApi('/blocks/catalog/$slug/create');

/** `/blocks/catalog/$slug/create`: a new block document of a type, from its generated form. */
export function BlockCreatePage() {
  const { slug } = route.useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { type, schemas, schema } = useBlockType(slug);
  const create = useMutation(
    trpc.blockDocuments.create.mutationOptions({
      onSuccess: async (doc) => {
        notifications.show({ color: 'green', message: `Block ${doc.blockTypeSlug}/${doc.name} created` });
        await queryClient.invalidateQueries({ queryKey: trpc.blockDocuments.pathKey() });
        await navigate({ to: '/blocks/block/$id', params: { id: doc.id } });
      },
      onError: (error) =>
        notifications.show({ color: 'red', message: `Not created: ${errorMessage(error)}` }),
    }),
  );

  return (
    <QueryState query={type}>
      {(blockType) => (
        <>
          <PageHeader
            title={`New ${blockType.name} block`}
            crumbs={[
              { label: 'Blocks', to: '/blocks' },
              { label: 'Catalog', to: '/blocks/catalog' },
              { label: blockType.name, to: `/blocks/catalog/${slug}` },
              { label: 'Create' },
            ]}
          />
          <QueryState query={schemas}>
            {() =>
              schema ? (
                <BlockForm
                  schema={schema}
                  mode="create"
                  initialData={{}}
                  submitLabel="Create"
                  submitting={create.isPending}
                  error={create.error ? errorMessage(create.error) : undefined}
                  onCancel={() => navigate({ to: '/blocks/catalog/$slug', params: { slug } })}
                  onSubmit={({ name, data }) =>
                    create.mutate({
                      name,
                      blockTypeSlug: slug,
                      blockSchemaId: schema.id,
                      data: data as JsonObject,
                    })
                  }
                />
              ) : (
                <Text c="dimmed">This block type has no schema yet, so no block of it can be created.</Text>
              )
            }
          </QueryState>
        </>
      )}
    </QueryState>
  );
}
