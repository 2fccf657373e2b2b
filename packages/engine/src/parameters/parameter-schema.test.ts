import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ParameterValidationError } from '../errors';
import { PARAMETER_SCHEMA_DRAFT, parameterJsonSchema, validateParameters } from './parameter-schema';

const Params = z.object({
  n: z.number(),
  name: z.string().default('world'),
  when: z.date().optional(),
  rows: z.array(z.object({ id: z.int() })).default([]),
});

describe('parameterJsonSchema', () => {
  it('produces draft 2020-12 JSON Schema of the inputs', () => {
    const schema = parameterJsonSchema(Params);
    expect(schema.$schema).toBe(PARAMETER_SCHEMA_DRAFT);
    expect(schema).toMatchObject({ type: 'object', properties: { n: { type: 'number' } }, required: ['n'] });
  });

  it('marks defaulted fields optional and keeps their defaults', () => {
    const schema = parameterJsonSchema(Params) as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).not.toContain('name');
    expect(schema.properties.name).toMatchObject({ type: 'string', default: 'world' });
  });

  it('describes dates as date-time strings and does not fail on unrepresentable types', () => {
    const schema = parameterJsonSchema(z.object({ at: z.date(), big: z.bigint() })) as {
      properties: Record<string, unknown>;
    };
    expect(schema.properties.at).toEqual({ type: 'string', format: 'date-time' });
    expect(schema.properties.big).toEqual({});
  });
});

describe('validateParameters', () => {
  it('returns the parsed data with defaults applied', () => {
    expect(validateParameters(Params, { n: 1 })).toEqual({
      success: true,
      data: { n: 1, name: 'world', rows: [] },
    });
  });

  it('names the bad field in the message', () => {
    const result = validateParameters(Params, { n: 'x' });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.message).toBe('n: Expected number, received string');
    expect(`Validation of flow parameters failed with error: ${result.error.message}`).toBe(
      'Validation of flow parameters failed with error: n: Expected number, received string',
    );
    expect(result.error).toBeInstanceOf(ParameterValidationError);
  });

  it('lists every bad field, with nested paths and indexes', () => {
    const result = validateParameters(Params, { name: 3, rows: [{ id: 1 }, { id: 'two' }] });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues.map((i) => i.path)).toEqual(['n', 'name', 'rows[1].id']);
    expect(result.message).toContain('rows[1].id: Expected number, received string');
    expect(result.message.split('; ')).toHaveLength(3);
  });

  it('reports a problem with the parameters as a whole without a path', () => {
    const result = validateParameters(Params, 'nope');
    expect(result.success).toBe(false);
    if (!result.success) expect(result.message).toBe('Expected object, received string');
  });

  it('reports an async refinement as a failure instead of throwing', () => {
    const asyncSchema = z.object({ n: z.number() }).refine(async () => true);
    const result = validateParameters(asyncSchema, { n: 1 });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.message).toMatch(/could not be checked/);
  });
});
