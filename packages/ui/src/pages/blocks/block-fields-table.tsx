import { Badge, Code, Group, Table, Text } from '@mantine/core';
import type { BlockSchema } from '@weft/schemas';
import { blockFields, type JsonSchema } from './block-fields';

/** A block schema's top-level fields: type, required, secret, default and description. */
export function BlockFieldsTable({ schema }: { schema: BlockSchema }) {
  const fields = blockFields(schema.fields as JsonSchema, schema.secretFields);
  if (fields.length === 0) return <Text c="dimmed">This block type has no fields.</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table withTableBorder verticalSpacing="xs" data-testid="block-fields">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Field</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Description</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.map((field) => (
            <Table.Tr key={field.name}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Code>{field.name}</Code>
                  {field.required && (
                    <Badge size="xs" variant="outline" tt="none">
                      required
                    </Badge>
                  )}
                  {field.secret && (
                    <Badge size="xs" color="orange" variant="light" tt="none">
                      secret
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {field.enumValues ? field.enumValues.map(String).join(' | ') : field.type}
                </Text>
                {field.defaultValue !== undefined && (
                  <Text size="xs" c="dimmed">
                    default {JSON.stringify(field.defaultValue)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{field.title !== field.name ? field.title : ''}</Text>
                {field.description && (
                  <Text size="sm" c="dimmed">
                    {field.description}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
