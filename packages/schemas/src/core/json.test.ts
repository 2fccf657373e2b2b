import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonObject, JsonValue } from './json';

const Holder = z.object({ parameters: JsonObject, data: JsonValue.nullable().default(null) });

describe.each([
  ['as written', Holder],
  ['compiled', z.compile(Holder)],
])('JsonValue (%s)', (_, schema) => {
  it('accepts every kind of JSON value and returns a copy of its arrays and objects', () => {
    const input = {
      parameters: {
        s: 'x',
        n: -1.5,
        b: false,
        nil: null,
        list: [1, 'two', [3], { four: 4 }],
        nested: { a: { b: {} } },
      },
      data: [{ deep: [[[]]] }],
    };
    const out = schema.parse(input);
    expect(out).toEqual(input);
    expect(out.parameters).not.toBe(input.parameters);
    expect(out.parameters.list).not.toBe(input.parameters.list);
    expect(out.data).not.toBe(input.data);
    expect(schema.parse({ parameters: Object.assign(Object.create(null), { k: 1 }) }).parameters).toEqual({
      k: 1,
    });
  });

  it.each([
    ['parameters.at', 'an instance of Date', { parameters: { at: new Date(0) } }],
    ['parameters.list.1.x', 'undefined', { parameters: { list: [1, { x: undefined }] } }],
    ['data.n', 'NaN', { parameters: {}, data: { n: Number.NaN } }],
    ['data.0', 'Infinity', { parameters: {}, data: [Number.POSITIVE_INFINITY] }],
    ['parameters.f', 'function', { parameters: { f: () => 1 } }],
    ['parameters.big', 'bigint', { parameters: { big: 1n } }],
    ['parameters.m', 'an instance of Map', { parameters: { m: new Map() } }],
  ])('refuses %s holding %s', (path, what, input) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((issue) => [issue.path.join('.'), issue.message]);
    expect(issues).toEqual([[path, `Expected JSON, received ${what}`]]);
  });

  it('refuses an array where an object is expected', () => {
    expect(schema.safeParse({ parameters: [] }).success).toBe(false);
  });
});

it('keeps schemas that hold JSON free of cycles, so z.compile can build their fast path', () => {
  expect(() => z.compile(Holder, { strict: true })).not.toThrow();
});
