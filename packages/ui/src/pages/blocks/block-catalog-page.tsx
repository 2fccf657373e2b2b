import { Badge, Card, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { BlockSchema, BlockType } from '@weft/schemas';
import { useState } from 'react';
import { useTRPC } from '../../app/trpc';
import { AnchorLink, ButtonLink } from '../../components/links';
import { PageHeader } from '../../components/page-header';
import { EmptyState, QueryState } from '../../components/query-state';
import { BlockLogo } from './block-logo';

/** The newest schema of each block type (the list comes newest first). */
function latestSchemaByType(schemas: BlockSchema[]): Map<string, BlockSchema> {
  const latest = new Map<string, BlockSchema>();
  for (const schema of schemas) if (!latest.has(schema.blockTypeId)) latest.set(schema.blockTypeId, schema);
  return latest;
}

function BlockTypeCard({ type, schema }: { type: BlockType; schema: BlockSchema | undefined }) {
  return (
    <Card withBorder padding="md" data-testid={`block-type-${type.slug}`}>
      <Stack gap="xs" h="100%">
        <Group gap="sm" wrap="nowrap">
          <BlockLogo type={type} />
          <Stack gap={0}>
            <AnchorLink to="/blocks/catalog/$slug" params={{ slug: type.slug }} fw={600}>
              {type.name}
            </AnchorLink>
            <Text size="xs" c="dimmed" ff="monospace">
              {type.slug}
            </Text>
          </Stack>
        </Group>
        <Text size="sm" c="dimmed" lineClamp={3} style={{ flex: 1 }}>
          {type.description ?? 'No description.'}
        </Text>
        <Group gap={4}>
          {schema?.capabilities.map((capability) => (
            <Badge key={capability} size="sm" variant="light" tt="none">
              {capability}
            </Badge>
          ))}
          {schema && schema.secretFields.length > 0 && (
            <Badge size="sm" variant="light" color="orange" tt="none">
              secret fields
            </Badge>
          )}
        </Group>
        <Group justify="flex-end">
          <ButtonLink to="/blocks/catalog/$slug" params={{ slug: type.slug }} variant="default" size="xs">
            Details
          </ButtonLink>
          <ButtonLink
            to="/blocks/catalog/$slug/create"
            params={{ slug: type.slug }}
            size="xs"
            disabled={!schema}
          >
            Create
          </ButtonLink>
        </Group>
      </Stack>
    </Card>
  );
}

/** `/blocks/catalog`: the block types the server knows, to create a block of one. */
export function BlockCatalogPage() {
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const types = useQuery(trpc.blockTypes.list.queryOptions({}));
  const schemas = useQuery(trpc.blockSchemas.list.queryOptions({}));
  const latest = latestSchemaByType(schemas.data ?? []);
  const needle = search.trim().toLowerCase();

  return (
    <>
      <PageHeader title="Block catalog" crumbs={[{ label: 'Blocks', to: '/blocks' }, { label: 'Catalog' }]} />
      <TextInput
        mb="md"
        w={300}
        placeholder="Search block types"
        aria-label="Search block types"
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
      />
      <QueryState query={types}>
        {(rows) => {
          const shown = rows.filter(
            (type) =>
              !needle ||
              type.name.toLowerCase().includes(needle) ||
              type.slug.includes(needle) ||
              (type.description ?? '').toLowerCase().includes(needle),
          );
          if (shown.length === 0) {
            return (
              <EmptyState title={rows.length === 0 ? 'No block types' : 'No block types match'}>
                {rows.length === 0
                  ? 'Register a plugin’s block types with `weft block register --plugin <module>`.'
                  : 'Try another search.'}
              </EmptyState>
            );
          }
          return (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              {shown.map((type) => (
                <BlockTypeCard key={type.id} type={type} schema={latest.get(type.id)} />
              ))}
            </SimpleGrid>
          );
        }}
      </QueryState>
    </>
  );
}
