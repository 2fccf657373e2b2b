import { Badge, Code, Table, Text } from '@mantine/core';
import { fieldOrder } from './parameter-form-schema';

type JsonSchema = Record<string, unknown>;

const asSchema = (value: unknown): JsonSchema =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonSchema) : {};

/** `string`, `integer ≥ 1`, `one of "a", "b"`, `array of number`, `string | null`. */
export function schemaType(schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const union = (schema.anyOf ?? schema.oneOf) as unknown;
  if (Array.isArray(union)) return union.map((s) => schemaType(asSchema(s))).join(' | ');
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').pop() ?? schema.$ref;
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type as string | undefined);
  if (type === 'array') return `array of ${schemaType(asSchema(schema.items))}`;
  if (!type) return 'any';
  const format = typeof schema.format === 'string' ? ` (${schema.format})` : '';
  // zod bounds every integer by the safe range; that says nothing to a reader.
  const bound = (value: unknown) => value !== undefined && Math.abs(Number(value)) < Number.MAX_SAFE_INTEGER;
  const bounds = [
    bound(schema.minimum) && `≥ ${schema.minimum}`,
    bound(schema.maximum) && `≤ ${schema.maximum}`,
    schema.minLength !== undefined && `length ≥ ${schema.minLength}`,
  ].filter(Boolean);
  return `${type}${format}${bounds.length > 0 ? ` ${bounds.join(', ')}` : ''}`;
}

interface Row {
  path: string;
  schema: JsonSchema;
  required: boolean;
  depth: number;
}

function rowsOf(schema: JsonSchema, prefix = '', depth = 0): Row[] {
  const properties = asSchema(schema.properties);
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return fieldOrder(schema).flatMap((name) => {
    const child = asSchema(properties[name]);
    const row: Row = { path: `${prefix}${name}`, schema: child, required: required.has(name), depth };
    // Nested objects list their own fields under theirs, a few levels deep.
    const nested = child.properties && depth < 3 ? rowsOf(child, `${prefix}${name}.`, depth + 1) : [];
    return [row, ...nested];
  });
}

/**
 * The fields of an object's JSON Schema (a deployment's parameters, a work pool's job variables):
 * name, type, required, default and description, nested objects' fields indented under theirs.
 */
export function SchemaPropertiesTable({ schema, emptyText }: { schema: unknown; emptyText: string }) {
  const rows = rowsOf(asSchema(schema));
  if (rows.length === 0) return <Text c="dimmed">{emptyText}</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table withTableBorder data-testid="schema-properties">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Default</Table.Th>
            <Table.Th>Description</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ path, schema: field, required, depth }) => (
            <Table.Tr key={path}>
              <Table.Td style={{ paddingLeft: `calc(var(--mantine-spacing-sm) + ${depth * 16}px)` }}>
                <Code>{path.split('.').pop()}</Code>{' '}
                {required && (
                  <Badge size="xs" variant="light" color="red">
                    required
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{schemaType(field)}</Text>
              </Table.Td>
              <Table.Td>
                {field.default === undefined ? '—' : <Code>{JSON.stringify(field.default)}</Code>}
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {String(field.description ?? field.title ?? '')}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
