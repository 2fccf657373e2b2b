import { describe, expect, it } from 'vitest';
import { parseJsonObject, toJsonObject } from './json-object-input';

describe('parseJsonObject', () => {
  it('reads an object, and blank text as none', () => {
    expect(parseJsonObject('{"env": {"A": "1"}}')).toEqual({ ok: true, value: { env: { A: '1' } } });
    expect(parseJsonObject('  ')).toEqual({ ok: true, value: undefined });
  });

  it('says why other text is refused', () => {
    expect(parseJsonObject('[1]')).toEqual({
      ok: false,
      error: 'Must be a JSON object, such as {"key": "value"}',
    });
    const broken = parseJsonObject('{"a": ');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error).toMatch(/^Not valid JSON: /);
  });
});

describe('toJsonObject', () => {
  it('drops fields the form left undefined', () => {
    expect(toJsonObject({ a: 1, b: undefined, c: { d: undefined, e: [1] } })).toEqual({
      a: 1,
      c: { e: [1] },
    });
  });
});
