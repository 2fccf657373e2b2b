import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconExternalLink, IconPlus } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { MarkdownView } from '../../components/artifact-view';
import { ButtonLink } from '../../components/links';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { BlockFieldsTable } from './block-fields-table';
import { BlockLogo } from './block-logo';
import { blockUsageSnippet, CodeSnippet } from './block-usage';
import { useBlockType } from './use-block-type';

const route = getRouteApi('/blocks/catalog/$slug');

/** `/blocks/catalog/$slug`: a block type, its fields, and how flows load one. */
export function BlockTypePage() {
  const { slug } = route.useParams();
  const { type, schemas, schema } = useBlockType(slug);
  const create = (
    <ButtonLink
      to="/blocks/catalog/$slug/create"
      params={{ slug }}
      leftSection={<IconPlus size={16} />}
      disabled={!schema}
    >
      Create
    </ButtonLink>
  );
  return (
    <QueryState query={type}>
      {(blockType) => (
        <>
          <PageHeader
            title={
              <Group gap="sm" component="span">
                <BlockLogo type={blockType} size={32} />
                {blockType.name}
              </Group>
            }
            crumbs={[
              { label: 'Blocks', to: '/blocks' },
              { label: 'Catalog', to: '/blocks/catalog' },
              { label: blockType.name },
            ]}
            badge={blockType.isProtected ? <Badge variant="light">built-in</Badge> : undefined}
            actions={create}
          />
          <Stack gap="lg" maw={960}>
            <Card withBorder>
              <Stack gap="xs">
                {blockType.description ? (
                  <MarkdownView source={blockType.description} />
                ) : (
                  <Text c="dimmed">No description.</Text>
                )}
                <Group gap="md">
                  <Text size="sm" c="dimmed">
                    Slug <code>{blockType.slug}</code>
                  </Text>
                  {blockType.documentationUrl && (
                    <Anchor href={blockType.documentationUrl} target="_blank" rel="noreferrer" size="sm">
                      Documentation <IconExternalLink size={12} />
                    </Anchor>
                  )}
                </Group>
              </Stack>
            </Card>
            <QueryState query={schemas}>
              {() =>
                schema ? (
                  <Stack gap="xs">
                    <Group justify="space-between">
                      <Title order={4}>Fields</Title>
                      <Group gap={4}>
                        {schema.capabilities.map((capability) => (
                          <Badge key={capability} variant="light" tt="none">
                            {capability}
                          </Badge>
                        ))}
                        <Badge variant="outline" color="gray" tt="none" title={schema.checksum}>
                          version {schema.version}
                        </Badge>
                      </Group>
                    </Group>
                    <BlockFieldsTable schema={schema} />
                  </Stack>
                ) : (
                  <Text c="dimmed">This block type has no schema yet, so no block of it can be created.</Text>
                )
              }
            </QueryState>
            <CodeSnippet
              title="Use it in a flow"
              code={blockType.codeExample ?? blockUsageSnippet(blockType.slug, 'my-block')}
            />
          </Stack>
        </>
      )}
    </QueryState>
  );
}
