import { VariableName } from '@weft/schemas';
import { describe, expect, it } from 'vitest';
import { firstProblem, parseVariableValue } from './variable-value';

describe('parseVariableValue', () => {
  it('parses any JSON value, null and falsy ones included', () => {
    expect(parseVariableValue('"eu-west-1"')).toEqual({ value: 'eu-west-1' });
    expect(parseVariableValue(' 42 ')).toEqual({ value: 42 });
    expect(parseVariableValue('null')).toEqual({ value: null });
    expect(parseVariableValue('false')).toEqual({ value: false });
    expect(parseVariableValue('0')).toEqual({ value: 0 });
    expect(parseVariableValue('""')).toEqual({ value: '' });
    expect(parseVariableValue('{"a": [1, {"b": true}]}')).toEqual({ value: { a: [1, { b: true }] } });
  });

  it('refuses empty text, pointing at null for no value', () => {
    expect(parseVariableValue('')).toEqual({ error: 'value must not be empty (use null for no value)' });
    expect(parseVariableValue('  \n')).toEqual({ error: 'value must not be empty (use null for no value)' });
  });

  it('refuses text that is not JSON, explaining that text needs quotes', () => {
    for (const text of ['eu-west-1', "{'a': 1}", '[1,', 'undefined']) {
      const result = parseVariableValue(text);
      expect(result.value).toBeUndefined();
      expect(result.error).toMatch(/^Not valid JSON: text needs quotes/);
    }
  });

  it('refuses a value over 5000 characters as JSON, and takes one at the limit', () => {
    const at = JSON.stringify('x'.repeat(4998));
    expect(parseVariableValue(at).value).toBe('x'.repeat(4998));
    expect(parseVariableValue(JSON.stringify('x'.repeat(4999)))).toEqual({
      error: 'value must be at most 5000 characters as JSON',
    });
  });
});

describe('firstProblem', () => {
  it('is the first issue of a failed parse, none for a good one', () => {
    expect(firstProblem(VariableName.safeParse('Bad Name'))).toBe(
      'name may contain only lowercase letters, digits, dashes and underscores',
    );
    expect(firstProblem(VariableName.safeParse(''))).toBe('name must not be empty');
    expect(firstProblem(VariableName.safeParse('region_eu-1'))).toBeUndefined();
  });
});
