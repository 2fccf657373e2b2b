import validator from '@rjsf/validator-ajv8';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldOrder, parameterUiSchema, toFormSchema } from './parameter-form-schema';

/** A flow's parameter schema as the engine stores it (packages/engine/src/parameters). */
function storedSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  // The server keeps it as jsonb, which reorders keys: shorter keys first.
  const sortKeys = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value)
            .sort(([a], [b]) => a.length - b.length || a.localeCompare(b))
            .map(([k, v]) => [k, sortKeys(v)]),
        )
      : Array.isArray(value)
        ? value.map(sortKeys)
        : value;
  return sortKeys(json) as Record<string, unknown>;
}

const Params = z.object({
  name: z.string(),
  count: z.number().int().min(1).default(3),
  mode: z.enum(['fast', 'slow']).default('fast'),
  target: z.object({ host: z.string(), port: z.number().int().nullable() }),
  key: z.union([z.string(), z.number()]).optional(),
  tags: z.array(z.string()).default([]),
});

describe('toFormSchema', () => {
  const schema = toFormSchema(storedSchema(Params));

  it('drops the draft 2020-12 $schema the form validator refuses', () => {
    expect(schema.$schema).toBeUndefined();
    expect(() => validator.isValid(schema, {}, schema)).not.toThrow();
  });

  it('validates like the flow: good parameters pass, bad ones name the field', () => {
    const good = { name: 'Ada', count: 2, mode: 'slow', target: { host: 'h', port: null }, key: 3 };
    expect(validator.validateFormData(good, schema).errors).toEqual([]);
    const bad = validator.validateFormData({ count: 0, mode: 'x', target: { host: 'h', port: 'p' } }, schema);
    const properties = bad.errors.map((error) => error.property).sort();
    expect(properties).toEqual(expect.arrayContaining(['.count', '.mode', '.target.port']));
    expect(bad.errors.some((error) => error.message?.includes("'name'"))).toBe(true);
  });

  it('makes a nullable field its own type and a union of types a choice', () => {
    const target = (schema.properties as Record<string, Record<string, unknown>>).target;
    const port = (target?.properties as Record<string, Record<string, unknown>> | undefined)?.port;
    expect(port?.type).toEqual(['integer', 'null']);
    expect(port?.anyOf).toBeUndefined();
    const key = (schema.properties as Record<string, Record<string, unknown>>).key;
    expect(key?.anyOf).toEqual([
      { type: 'string', title: 'string' },
      { type: 'number', title: 'number' },
    ]);
  });

  it('gives a parameter of any type a title, so the form renders it', () => {
    const anyTyped = toFormSchema({ type: 'object', properties: { day: {}, limit: {} } });
    expect(anyTyped.properties).toEqual({ day: { title: 'day' }, limit: { title: 'limit' } });
    const ui = parameterUiSchema(anyTyped);
    expect(typeof (ui.day as Record<string, unknown>)['ui:field']).toBe('function');
  });

  it('is an empty object form without a schema', () => {
    expect(toFormSchema(null)).toEqual({ type: 'object', properties: {} });
  });
});

describe('fieldOrder', () => {
  it('puts required fields first, then the rest by name, whatever order the keys came in', () => {
    expect(fieldOrder(storedSchema(Params))).toEqual(['name', 'target', 'count', 'key', 'mode', 'tags']);
  });

  it('follows `position` when the schema has it', () => {
    const schema = { properties: { b: { position: 0 }, a: { position: 1 } }, required: ['a'] };
    expect(fieldOrder(schema)).toEqual(['b', 'a']);
  });

  it('orders nested objects in the ui schema too', () => {
    const ui = parameterUiSchema(toFormSchema(storedSchema(Params)));
    expect(ui['ui:order']).toEqual(['name', 'target', 'count', 'key', 'mode', 'tags', '*']);
    expect((ui.target as Record<string, unknown>)['ui:order']).toEqual(['host', 'port', '*']);
  });
});
