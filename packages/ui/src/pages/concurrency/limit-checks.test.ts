import { describe, expect, it } from 'vitest';
import { limitNameProblem, limitNumberProblem } from './limit-checks';

describe('limitNameProblem', () => {
  it('accepts plain names and tag limits', () => {
    expect(limitNameProblem('database')).toBeUndefined();
    expect(limitNameProblem('tag:gpu')).toBeUndefined();
    expect(limitNameProblem('n'.repeat(255))).toBeUndefined();
  });

  it('refuses an empty or blank name', () => {
    expect(limitNameProblem('')).toBe('name must not be empty');
    expect(limitNameProblem('   ')).toBe('name must not be empty');
  });

  it('refuses a name over 255 characters, saying so in words', () => {
    expect(limitNameProblem('n'.repeat(256))).toBe('name must be at most 255 characters');
  });

  it.each(['a/b', '50%', 'x&y', 'a>b', 'a<b'])(
    'refuses %s, naming the characters it may not hold',
    (name) => {
      expect(limitNameProblem(name)).toBe('name must not contain any of / % & > <');
    },
  );
});

describe('limitNumberProblem', () => {
  it('accepts 0 to 1,000,000, whole when asked', () => {
    expect(limitNumberProblem(0, 'limit', true)).toBeUndefined();
    expect(limitNumberProblem(1_000_000, 'limit', true)).toBeUndefined();
    expect(limitNumberProblem(0.5, 'slot decay', false)).toBeUndefined();
  });

  it('refuses what the input holds while it is not a number', () => {
    expect(limitNumberProblem('', 'limit', true)).toBe('limit must be a number');
    expect(limitNumberProblem('-', 'limit', true)).toBe('limit must be a number');
    expect(limitNumberProblem(Number.NaN, 'slot decay', false)).toBe('slot decay must be a number');
  });

  it('refuses numbers out of range and fractions where a whole number is needed', () => {
    expect(limitNumberProblem(-1, 'limit', true)).toMatch(/^limit must be from 0 to 1.000.000$/);
    expect(limitNumberProblem(1_000_001, 'slot decay', false)).toMatch(/^slot decay must be from 0 to /);
    expect(limitNumberProblem(2.5, 'limit', true)).toBe('limit must be a whole number');
  });
});
