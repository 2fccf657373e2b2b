import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { BlockDocument, BlockSchema, JsonObject } from '@weft/schemas';
import { useMemo } from 'react';
import { useTRPC } from '../../app/trpc';
import { PageHeader } from '../../components/page-header';
import { errorMessage, QueryState } from '../../components/query-state';
import { blockUpdateData, editableData } from './block-fields';
import { BlockForm } from './block-form';

const route = getRouteApi('/blocks/block/$id/edit');

function EditForm({ doc, schema }: { doc: BlockDocument; schema: BlockSchema }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const initial = useMemo(
    () => editableData(doc.data, schema.secretFields, doc.references),
    [doc.data, doc.references, schema.secretFields],
  );
  const referencePaths = useMemo(() => Object.keys(doc.references), [doc.references]);
  const update = useMutation(
    trpc.blockDocuments.update.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: 'green', message: `Block ${doc.blockTypeSlug}/${doc.name} saved` });
        await queryClient.invalidateQueries({ queryKey: trpc.blockDocuments.pathKey() });
        await navigate({ to: '/blocks/block/$id', params: { id: doc.id } });
      },
      onError: (error) => notifications.show({ color: 'red', message: `Not saved: ${errorMessage(error)}` }),
    }),
  );
  return (
    <BlockForm
      schema={schema}
      mode="edit"
      initialData={initial}
      referencePaths={referencePaths}
      submitLabel="Save"
      submitting={update.isPending}
      error={update.error ? errorMessage(update.error) : undefined}
      onCancel={() => navigate({ to: '/blocks/block/$id', params: { id: doc.id } })}
      onSubmit={({ data }) => {
        const next = blockUpdateData(initial, data, schema.secretFields, doc.references);
        update.mutate({
          id: doc.id,
          data: next.data as JsonObject,
          mergeExistingData: next.mergeExistingData,
        });
      }}
    />
  );
}

/**
 * `/blocks/block/$id/edit`: the generated form, prefilled with the non-secret values. Secrets
 * start empty; left empty they keep their stored value (the server keeps secrets left out).
 */
export function BlockEditPage() {
  const { id } = route.useParams();
  const trpc = useTRPC();
  const doc = useQuery({ ...trpc.blockDocuments.read.queryOptions({ id }), staleTime: Infinity });
  const schemaId = doc.data?.blockSchemaId;
  const schema = useQuery({
    ...trpc.blockSchemas.read.queryOptions({ id: schemaId ?? '' }),
    enabled: schemaId !== undefined,
  });
  return (
    <QueryState query={doc}>
      {(data) => (
        <>
          <PageHeader
            title={`Edit ${data.name}`}
            crumbs={[
              { label: 'Blocks', to: '/blocks' },
              { label: `${data.blockTypeSlug}/${data.name}`, to: `/blocks/block/${data.id}` },
              { label: 'Edit' },
            ]}
          />
          <QueryState query={schema}>
            {(blockSchema) => <EditForm doc={data} schema={blockSchema} />}
          </QueryState>
        </>
      )}
    </QueryState>
  );
}
