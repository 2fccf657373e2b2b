import { Badge, Code, Group, Table, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { BlockDocument, BlockSchema } from '@weft/schemas';
import { SECRET_MASK } from '@weft/schemas';
import { JsonView } from '../../components/json-view';
import { AnchorLink } from '../../components/links';
import { blockFields, type JsonSchema } from './block-fields';

function MaskedValue() {
  return (
    <Group gap={6} wrap="nowrap">
      <Code data-testid="masked-secret">{SECRET_MASK}</Code>
      <IconLock size={14} opacity={0.6} aria-label="secret" />
    </Group>
  );
}

function FieldValue({ value, secret }: { value: unknown; secret: boolean }) {
  if (secret && value !== undefined) return <MaskedValue />;
  if (value === undefined)
    return (
      <Text size="sm" c="dimmed">
        not set
      </Text>
    );
  if (typeof value === 'string')
    return (
      <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
        {value}
      </Text>
    );
  if (typeof value !== 'object' || value === null) return <Code>{JSON.stringify(value)}</Code>;
  return <JsonView value={value} maxHeight={240} />;
}

/**
 * A block document's fields as the API sent them: secrets arrive masked (`********`), never in
 * clear. A field holding another block links to it.
 */
export function BlockDataView({ doc, schema }: { doc: BlockDocument; schema: BlockSchema | undefined }) {
  const fields = schema ? blockFields(schema.fields as JsonSchema, schema.secretFields) : [];
  const known = new Set(fields.map((field) => field.name));
  const extra = Object.keys(doc.data).filter((key) => !known.has(key));
  const rows = [
    ...fields.map((field) => ({ key: field.name, title: field.title, secret: field.secret })),
    ...extra.map((key) => ({ key, title: key, secret: false })),
  ];
  return (
    <Table withTableBorder verticalSpacing="sm" data-testid="block-data">
      <Table.Tbody>
        {rows.map((row) => {
          const ref = doc.references[row.key];
          return (
            <Table.Tr key={row.key}>
              <Table.Th w={200} style={{ verticalAlign: 'top' }}>
                <Text size="sm" fw={600}>
                  {row.title}
                </Text>
                <Group gap={4}>
                  {row.title !== row.key && (
                    <Text size="xs" c="dimmed" ff="monospace">
                      {row.key}
                    </Text>
                  )}
                  {row.secret && (
                    <Badge size="xs" color="orange" variant="light" tt="none">
                      secret
                    </Badge>
                  )}
                </Group>
              </Table.Th>
              <Table.Td>
                {ref && (
                  <AnchorLink to="/blocks/block/$id" params={{ id: ref }} size="sm">
                    Nested block
                  </AnchorLink>
                )}
                <FieldValue value={doc.data[row.key]} secret={row.secret} />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
