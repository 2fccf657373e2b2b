import type { UiSchema } from '@rjsf/utils';

type JsonSchema = Record<string, unknown>;

const isObject = (value: unknown): value is JsonSchema =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function mapValues(value: unknown, fn: (schema: JsonSchema) => JsonSchema): unknown {
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, isObject(child) ? fn(child) : child]),
  );
}

/** Keywords whose value is one subschema, or a map or list of them. */
const ONE = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'propertyNames'];
const MAP = ['properties', '$defs', 'definitions', 'patternProperties'];
const LIST = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];

function normalize(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...schema };
  for (const key of ONE) if (isObject(out[key])) out[key] = normalize(out[key] as JsonSchema);
  for (const key of MAP) if (isObject(out[key])) out[key] = mapValues(out[key], normalize);
  for (const key of LIST) {
    if (Array.isArray(out[key]))
      out[key] = (out[key] as unknown[]).map((s) => (isObject(s) ? normalize(s) : s));
  }
  // zod writes `z.union([z.string(), z.number()])` as `type: ['string', 'number']`; the form can
  // render one type (plus null), or a choice between schemas: make it `anyOf`.
  if (Array.isArray(out.type)) {
    const types = (out.type as string[]).filter((type) => type !== 'null');
    if (types.length > 1) {
      const { type: _, ...rest } = out;
      return { ...rest, anyOf: types.map((type) => ({ type, title: type })) };
    }
  }
  return out;
}

/**
 * A flow's parameter JSON Schema as the generated form needs it. The engine stores draft 2020-12
 * (`$schema` set, zod's output); the form's validator is ajv's draft-07 build, which refuses an
 * unknown `$schema`, and the form renders a union of types only as `anyOf`.
 */
export function toFormSchema(schema: Record<string, unknown> | null): JsonSchema {
  if (!schema) return { type: 'object', properties: {} };
  const { $schema: _, ...rest } = schema;
  return normalize(rest);
}

/** Form hints: long text fields get a text area, the submit button is ours. */
export function parameterUiSchema(schema: JsonSchema): UiSchema {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const ui: UiSchema = {};
  for (const [name, field] of Object.entries(properties)) {
    if (!isObject(field)) continue;
    // A field of any type (zod's `unknown`, or what JSON can't express) is edited as text.
    if (Object.keys(field).every((key) => key === 'description' || key === 'title' || key === 'default')) {
      ui[name] = { 'ui:widget': 'textarea' };
    }
  }
  return ui;
}
