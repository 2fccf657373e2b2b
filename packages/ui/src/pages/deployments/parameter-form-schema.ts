import type { UiSchema } from '@rjsf/utils';
import { AnyJsonField } from './any-json-field';

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

/** The X of `anyOf: [X, { type: 'null' }]` when X has one simple type. */
function nullableOf(anyOf: unknown): JsonSchema | undefined {
  if (!Array.isArray(anyOf) || anyOf.length !== 2) return undefined;
  const options = anyOf.filter(isObject);
  const nulls = options.filter((option) => option.type === 'null');
  const others = options.filter((option) => option.type !== 'null');
  const [other] = others;
  if (nulls.length !== 1 || !other || typeof other.type !== 'string' || other.type === 'object')
    return undefined;
  return other;
}

function normalize(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...schema };
  for (const key of ONE) if (isObject(out[key])) out[key] = normalize(out[key] as JsonSchema);
  for (const key of MAP) if (isObject(out[key])) out[key] = mapValues(out[key], normalize);
  // The form renders nothing for an empty schema (a parameter of any type, `{}`): a title makes
  // it a field, which the uiSchema gives an editor for any JSON value.
  if (isObject(out.properties)) {
    out.properties = Object.fromEntries(
      Object.entries(out.properties).map(([name, field]) => [
        name,
        isObject(field) && Object.keys(field).length === 0 ? { title: name } : field,
      ]),
    );
  }
  for (const key of LIST) {
    if (Array.isArray(out[key]))
      out[key] = (out[key] as unknown[]).map((s) => (isObject(s) ? normalize(s) : s));
  }
  // zod writes `.nullable()` as `anyOf: [X, { type: 'null' }]`, which the form shows as a choice
  // of "Option 1" / "Option 2": a nullable X (`type: [x, 'null']`) renders as X.
  const nullable = nullableOf(out.anyOf);
  if (nullable) {
    const { anyOf: _, ...rest } = out;
    return { ...nullable, ...rest, type: [nullable.type, 'null'] };
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

/**
 * The order of an object's fields: by `position` when the schema has it, else required ones
 * first, then by name. The server stores schemas as jsonb, which does not keep the order of keys.
 */
export function fieldOrder(schema: JsonSchema): string[] {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const position = (name: string) => {
    const field = properties[name];
    return isObject(field) && typeof field.position === 'number' ? field.position : Number.POSITIVE_INFINITY;
  };
  return Object.keys(properties).sort(
    (a, b) =>
      position(a) - position(b) || Number(required.has(b)) - Number(required.has(a)) || a.localeCompare(b),
  );
}

/** A field of any type (zod's `unknown`, or what JSON can't express) has no type keyword. */
const isUntyped = (field: JsonSchema) =>
  Object.keys(field).every((key) => key === 'description' || key === 'title' || key === 'default');

/** Form hints for the generated form: fields in a stable order, untyped fields as JSON or text. */
export function parameterUiSchema(schema: JsonSchema): UiSchema {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const ui: UiSchema = { 'ui:order': [...fieldOrder(schema), '*'] };
  for (const [name, field] of Object.entries(properties)) {
    if (!isObject(field)) continue;
    if (isUntyped(field)) ui[name] = { 'ui:field': AnyJsonField };
    else if (isObject(field.properties)) ui[name] = parameterUiSchema(field);
  }
  return ui;
}
