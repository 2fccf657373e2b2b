import { SECRET_MASK } from '@weft/schemas';

/** A JSON Schema (or a part of one), as a block schema's `fields` holds it. */
export type JsonSchema = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `properties` of an object schema (none for other schemas). */
export function schemaProperties(schema: JsonSchema): Record<string, JsonSchema> {
  const properties = schema.properties;
  if (!isObject(properties)) return {};
  return Object.fromEntries(
    Object.entries(properties).filter((entry): entry is [string, JsonSchema] => isObject(entry[1])),
  );
}

/** The JSON type a field schema declares (`string`, `object`…), or `any` when it declares none. */
export function schemaTypeName(schema: JsonSchema): string {
  const { type } = schema;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.join(' | ');
  if (Array.isArray(schema.enum)) return 'enum';
  return 'any';
}

/** One top-level field of a block type, as the catalog and the document pages list it. */
export interface BlockField {
  name: string;
  title: string;
  type: string;
  required: boolean;
  secret: boolean;
  description: string | undefined;
  enumValues: unknown[] | undefined;
  defaultValue: unknown;
}

/** The top-level fields of a block schema, in the schema's order. */
export function blockFields(schema: JsonSchema, secretFields: readonly string[]): BlockField[] {
  const required = Array.isArray(schema.required) ? schema.required : [];
  return Object.entries(schemaProperties(schema)).map(([name, field]) => ({
    name,
    title: typeof field.title === 'string' ? field.title : name,
    type: schemaTypeName(field),
    required: required.includes(name),
    secret: secretFields.includes(name),
    description: typeof field.description === 'string' ? field.description : undefined,
    enumValues: Array.isArray(field.enum) ? field.enum : undefined,
    defaultValue: field.default,
  }));
}

/** The schema at a dotted path (`auth.token`) of an object schema, with the object schema holding it. */
export function schemaAt(
  schema: JsonSchema,
  path: string,
): { parent: JsonSchema; key: string; field: JsonSchema } | undefined {
  const keys = path.split('.');
  const key = keys.pop() as string;
  let parent: JsonSchema | undefined = schema;
  for (const step of keys) parent = parent ? schemaProperties(parent)[step] : undefined;
  const field = parent ? schemaProperties(parent)[key] : undefined;
  return parent && field ? { parent, key, field } : undefined;
}

/**
 * The schema the edit form validates against: secret fields are no longer required (left empty,
 * they keep their stored value) and lose their defaults (a default would replace the stored secret);
 * nested blocks (`referencePaths`) are left out: the form does not edit them, the update keeps them.
 */
export function editableSchema(
  schema: JsonSchema,
  secretFields: readonly string[],
  referencePaths: readonly string[] = [],
): JsonSchema {
  const copy = structuredClone(schema);
  for (const path of [...secretFields, ...referencePaths]) {
    const at = schemaAt(copy, path);
    if (!at) continue;
    if (Array.isArray(at.parent.required)) {
      at.parent.required = at.parent.required.filter((name) => name !== at.key);
    }
    if (referencePaths.includes(path)) delete (at.parent.properties as Record<string, unknown>)[at.key];
    else delete at.field.default;
  }
  return copy;
}

/** Delete a dotted path from data in place (a no-op when it is not there). */
export function deletePath(data: Record<string, unknown>, path: string): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let current: unknown = data;
  for (const key of keys) current = isObject(current) ? current[key] : undefined;
  if (isObject(current)) delete current[last];
}

/** The value at a dotted path, or undefined. */
export function getPath(data: Record<string, unknown>, path: string): unknown {
  let current: unknown = data;
  for (const key of path.split('.')) current = isObject(current) ? current[key] : undefined;
  return current;
}

/** A document's data as the edit form starts from it: masked secrets and nested blocks left out. */
export function editableData(
  data: Record<string, unknown>,
  secretFields: readonly string[],
  references: Record<string, string>,
): Record<string, unknown> {
  const copy = structuredClone(data);
  for (const path of secretFields) if (getPath(copy, path) === SECRET_MASK) deletePath(copy, path);
  for (const path of Object.keys(references)) deletePath(copy, path);
  return copy;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === '';
}

/** Drop secrets left empty (they keep their stored value), in place. */
function dropUntouchedSecrets(data: Record<string, unknown>, secretFields: readonly string[]): void {
  for (const path of secretFields) {
    const value = getPath(data, path);
    if (isBlank(value) || value === SECRET_MASK) deletePath(data, path);
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Put each nested block back as its `$ref` (creating the objects on its path), in place. */
function putReferences(data: Record<string, unknown>, references: Record<string, string>): void {
  for (const [path, blockDocumentId] of Object.entries(references)) {
    const keys = path.split('.');
    const last = keys.pop() as string;
    let parent = data;
    for (const key of keys) {
      if (!isObject(parent[key])) parent[key] = {};
      parent = parent[key] as Record<string, unknown>;
    }
    parent[last] = { $ref: { blockDocumentId } };
  }
}

/**
 * What `blockDocuments.update` gets from the edit form. The server merges `data` into the stored
 * data key by key and keeps every secret that is left out (or sent back as the mask), so only the
 * top-level fields that changed are sent and secrets left empty are left out. A field the user
 * cleared can't be removed by a merge: then the whole data is sent with `mergeExistingData: false`,
 * still without the untouched secrets. Nested blocks are sent back as their `$ref` wherever the
 * top-level field holding them is sent (the form does not edit them).
 */
export function blockUpdateData(
  initial: Record<string, unknown>,
  current: Record<string, unknown>,
  secretFields: readonly string[],
  references: Record<string, string>,
): { data: Record<string, unknown>; mergeExistingData: boolean } {
  const next = structuredClone(current);
  dropUntouchedSecrets(next, secretFields);
  for (const path of Object.keys(references)) deletePath(next, path);
  const cleared = Object.keys(initial).filter((key) => isBlank(next[key]));
  if (cleared.length === 0) {
    const changed = Object.keys(next).filter(
      (key) => !isBlank(next[key]) && (!sameJson(initial[key], next[key]) || secretFields.includes(key)),
    );
    const data = Object.fromEntries(changed.map((key) => [key, next[key]]));
    const sent = Object.entries(references).filter(([path]) =>
      changed.includes(path.split('.')[0] as string),
    );
    putReferences(data, Object.fromEntries(sent));
    return { data, mergeExistingData: true };
  }
  for (const key of Object.keys(next)) if (isBlank(next[key])) delete next[key];
  putReferences(next, references);
  return { data: next, mergeExistingData: false };
}
