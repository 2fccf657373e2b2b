import type { BlockDocument, BlockSchema, BlockType, JsonObject } from '@weft/schemas';
import type { PluginRegistration } from '../commands/block-plugin';
import type { CliContext } from '../context';
import { renderDetails } from './details';
import { formatRelativeTime, formatTimestamp, paint } from './format';
import { renderTable } from './table';

/** One field of a block schema, flattened: nested objects give dotted paths. */
export interface BlockField {
  path: string;
  type: string;
  required: boolean;
  secret: boolean;
  description: string | null;
}

/**
 * The fields of a block schema's JSON Schema, nested object properties as dotted paths, each
 * marked secret when its path (or a parent's) is listed in `secretFields`; sorted by path.
 */
export function blockFields(schema: BlockSchema): BlockField[] {
  const secret = new Set(schema.secretFields);
  const fields: BlockField[] = [];
  const walk = (node: JsonObject, prefix: string, parentSecret: boolean) => {
    const properties = node.properties;
    if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) return;
    const required = Array.isArray(node.required) ? node.required : [];
    for (const [name, value] of Object.entries(properties)) {
      const path = prefix ? `${prefix}.${name}` : name;
      const property = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
      const isSecret = parentSecret || secret.has(path);
      fields.push({
        path,
        type: describeType(property),
        required: required.includes(name),
        secret: isSecret,
        description: typeof property.description === 'string' ? property.description : null,
      });
      walk(property, path, isSecret);
    }
  };
  walk(schema.fields, '', false);
  // Stored schemas (jsonb) do not keep the declared key order: sort for a stable listing.
  return fields.sort((a, b) => a.path.localeCompare(b.path));
}

function describeType(property: JsonObject): string {
  if (typeof property.type === 'string') return property.type;
  if (Array.isArray(property.type)) return property.type.join(' | ');
  if (Array.isArray(property.enum)) return property.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (Array.isArray(property.anyOf)) return 'any of';
  return 'any';
}

/** What `weft block register` prints: one line per block type, then a summary. */
export function registrationLines(result: PluginRegistration, ctx: CliContext): string {
  const colors = { created: 'green', updated: 'yellow', unchanged: 'gray' } as const;
  const lines = result.blockTypes.map(
    (entry) =>
      `${paint(entry.status.padEnd(9), colors[entry.status], ctx.color)} ${entry.slug} (${entry.blockType.name}) ${entry.checksum.slice(0, 19)}`,
  );
  const count = (status: string) => result.blockTypes.filter((entry) => entry.status === status).length;
  lines.push(
    `Registered plugin '${result.plugin.id}' ${result.plugin.version}: ${result.blockTypes.length} block type(s), ${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged.`,
  );
  return lines.join('\n');
}

/** The block document table for people. */
export function blockDocumentTable(documents: readonly BlockDocument[], ctx: CliContext): string {
  const now = ctx.now();
  return renderTable(
    documents,
    [
      { header: 'NAME', value: (d) => `${d.blockTypeSlug}/${d.name}`, flex: true },
      { header: 'TYPE', value: (d) => d.blockTypeName },
      { header: 'ID', value: (d) => d.id, optional: true },
      { header: 'UPDATED', value: (d) => formatRelativeTime(d.updatedAt, now), optional: true },
    ],
    { width: ctx.width, color: ctx.color },
  );
}

/** One block document for people: its identity, then its data as JSON (masked unless asked). */
export function blockDocumentDetails(document: BlockDocument, ctx: CliContext): string {
  const now = ctx.now();
  const references = Object.entries(document.references);
  return [
    renderDetails([
      ['Name', `${document.blockTypeSlug}/${document.name}`],
      ['ID', document.id],
      ['Type', `${document.blockTypeName} (${document.blockTypeSlug})`],
      ['Schema', document.blockSchemaId],
      ...(references.length > 0
        ? [['References', references.map(([path, id]) => `${path} → ${id}`).join(', ')] as const]
        : []),
      ['Created', formatTimestamp(document.createdAt, now)],
      ['Updated', formatTimestamp(document.updatedAt, now)],
    ]),
    'Data',
    JSON.stringify(document.data, null, 2),
  ].join('\n');
}

/** The block type table for people. */
export function blockTypeTable(types: readonly BlockType[], ctx: CliContext): string {
  return renderTable(
    types,
    [
      { header: 'SLUG', value: (t) => t.slug },
      { header: 'NAME', value: (t) => t.name },
      { header: 'PROTECTED', value: (t) => (t.isProtected ? 'yes' : 'no') },
      { header: 'DESCRIPTION', value: (t) => t.description ?? '', flex: true, optional: true },
    ],
    { width: ctx.width, color: ctx.color },
  );
}

/** One block type for people: the type, its newest schema, and that schema's fields. */
export function blockTypeDetails(type: BlockType, schema: BlockSchema | undefined, ctx: CliContext): string {
  const now = ctx.now();
  const head = renderDetails([
    ['Slug', type.slug],
    ['Name', type.name],
    ['ID', type.id],
    ['Description', type.description ?? '-'],
    ['Protected', type.isProtected ? 'yes' : 'no'],
    ['Capabilities', schema && schema.capabilities.length > 0 ? schema.capabilities.join(', ') : '-'],
    ['Schema', schema ? `${schema.checksum} (${schema.version})` : '-'],
    ['Updated', formatTimestamp(type.updatedAt, now)],
  ]);
  if (!schema) return `${head}\nNo schema.`;
  const fields = blockFields(schema);
  if (fields.length === 0) return `${head}\nNo fields.`;
  const table = renderTable(
    fields,
    [
      { header: 'FIELD', value: (f) => f.path },
      { header: 'TYPE', value: (f) => f.type },
      { header: 'REQUIRED', value: (f) => (f.required ? 'yes' : 'no') },
      {
        header: 'SECRET',
        value: (f) => (f.secret ? 'yes' : 'no'),
        color: (f) => (f.secret ? 'yellow' : undefined),
      },
      { header: 'DESCRIPTION', value: (f) => f.description ?? '', flex: true, optional: true },
    ],
    { width: ctx.width, color: ctx.color },
  );
  return `${head}\nFields\n${table}`;
}
