import { describe, expect, it } from 'vitest';
import { RunNameError } from '../errors';
import { formatRunName } from './run-name';

describe('formatRunName', () => {
  it('fills placeholders from parameters', () => {
    expect(formatRunName('{name}-{date}', { parameters: { name: 'etl', date: '2026-11-21' } })).toBe(
      'etl-2026-11-21',
    );
  });

  it('reads nested fields and renders numbers, Dates and objects', () => {
    const parameters = { cfg: { region: 'eu', size: 3 }, at: new Date(0), list: [1, 2] };
    expect(formatRunName('{cfg.region}-{cfg.size}-{at}-{list}', { parameters })).toBe(
      'eu-3-1970-01-01T00:00:00.000Z-[1,2]',
    );
  });

  it('prefers a parameter literally named "a.b" over nesting', () => {
    expect(formatRunName('{a.b}', { parameters: { 'a.b': 'flat', a: { b: 'nested' } } })).toBe('flat');
  });

  it('uses variables, with parameters winning a clash', () => {
    const ctx = { parameters: { flowName: 'param' }, variables: { flowName: 'var', day: 'mon' } };
    expect(formatRunName('{flowName}-{day}', ctx)).toBe('param-mon');
  });

  it('keeps doubled braces as literal braces', () => {
    expect(formatRunName('{{x}}-{x}', { parameters: { x: 1 } })).toBe('{x}-1');
  });

  it('names a missing placeholder and the available parameters', () => {
    const run = () => formatRunName('{name}-{dat}', { parameters: { name: 'etl', date: 'd' } });
    expect(run).toThrow(RunNameError);
    expect(run).toThrow(/\{dat\}.*available: name, date/);
    try {
      run();
    } catch (error) {
      expect((error as RunNameError).placeholder).toBe('dat');
    }
  });

  it('treats an undefined value or a missing nested field as missing', () => {
    expect(() => formatRunName('{x}', { parameters: { x: undefined } })).toThrow(/\{x\}/);
    expect(() => formatRunName('{a.c}', { parameters: { a: { b: 1 } } })).toThrow(/\{a\.c\}/);
  });

  it('rejects unmatched braces and empty placeholders', () => {
    expect(() => formatRunName('run-{x', { parameters: { x: 1 } })).toThrow(/unmatched '\{'/);
    expect(() => formatRunName('run-{}', { parameters: {} })).toThrow(/empty placeholder/);
  });

  it('calls a function template with the parameters', () => {
    expect(
      formatRunName(({ parameters }) => `load-${String(parameters.table)}`, {
        parameters: { table: 'users' },
      }),
    ).toBe('load-users');
  });

  it('wraps a failing or empty function template in RunNameError', () => {
    const failing = () => {
      throw new Error('no table');
    };
    expect(() => formatRunName(failing, { parameters: {} })).toThrow(/run name function failed: no table/);
    expect(() => formatRunName(() => '', { parameters: {} })).toThrow(RunNameError);
  });
});
