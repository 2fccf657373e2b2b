import { describe, expect, it } from 'vitest';
import { isRetriableError } from './is-retriable-error';

describe('isRetriableError', () => {
  it('retries user failures of every kind', () => {
    expect(isRetriableError({ kind: 'builtin', name: 'TypeError', message: 'x' })).toBe(true);
    expect(isRetriableError({ kind: 'custom', name: 'HttpError', message: 'x' })).toBe(true);
    expect(isRetriableError({ kind: 'string', message: 'x' })).toBe(true);
  });

  it('retries timeouts and transport errors but not validation, config or cancellation', () => {
    const internal = (code: string) => isRetriableError({ kind: 'internal', code, message: 'x' });
    expect(internal('TIMEOUT')).toBe(true);
    expect(internal('CLIENT')).toBe(true);
    expect(['VALIDATION', 'CONFIG', 'CANCELLED', 'ABORTED'].map(internal)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
