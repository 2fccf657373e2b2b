import { describe, expect, it } from 'vitest';
import { RetryOptionsError } from '../errors';
import {
  checkRetryJitterFactor,
  exponentialBackoff,
  MAX_RETRY_DELAYS,
  resolveRetryDelays,
  retryDelayFor,
} from './retry-delay';

describe('exponentialBackoff', () => {
  it('doubles from the factor for each retry', () => {
    expect(exponentialBackoff(10)(4)).toEqual([10, 20, 40, 80]);
    expect(exponentialBackoff(0.5)(3)).toEqual([0.5, 1, 2]);
  });

  it('gives no delays for no retries and caps at 50 entries', () => {
    expect(exponentialBackoff(1)(0)).toEqual([]);
    const delays = exponentialBackoff(1)(80);
    expect(delays).toHaveLength(MAX_RETRY_DELAYS);
    expect(delays.at(-1)).toBe(2 ** 49);
  });

  it('rejects a negative factor', () => {
    expect(() => exponentialBackoff(-1)).toThrow(RetryOptionsError);
  });
});

describe('resolveRetryDelays', () => {
  it('makes a scalar a one-element list and defaults to no wait', () => {
    expect(resolveRetryDelays(5, 3)).toEqual([5]);
    expect(resolveRetryDelays(undefined, 3)).toEqual([0]);
  });

  it('keeps a list and calls a function with the number of retries', () => {
    expect(resolveRetryDelays([1, 2, 3], 2)).toEqual([1, 2, 3]);
    expect(resolveRetryDelays(exponentialBackoff(2), 3)).toEqual([2, 4, 8]);
    expect(resolveRetryDelays((n) => Array.from({ length: n }, () => 7), 2)).toEqual([7, 7]);
  });

  it('rejects negative and non-finite delays, naming the entry', () => {
    expect(() => resolveRetryDelays(-1, 1)).toThrow(RetryOptionsError);
    expect(() => resolveRetryDelays([1, -2], 1)).toThrow(/retryDelaySeconds\[1\].*got -2/);
    expect(() => resolveRetryDelays([Number.NaN], 1)).toThrow(RetryOptionsError);
    expect(() => resolveRetryDelays(() => [Infinity], 1)).toThrow(/retryDelaySeconds\(\)\[0\]/);
  });

  it('rejects more than 50 delays', () => {
    expect(() =>
      resolveRetryDelays(
        Array.from({ length: 51 }, () => 1),
        1,
      ),
    ).toThrow(/at most 50/);
    expect(
      resolveRetryDelays(
        Array.from({ length: 50 }, () => 1),
        1,
      ),
    ).toHaveLength(50);
  });

  it('rejects a negative or fractional number of retries and a non-list from a function', () => {
    expect(() => resolveRetryDelays(1, -1)).toThrow(/retries/);
    expect(() => resolveRetryDelays(1, 1.5)).toThrow(/retries/);
    expect(() => resolveRetryDelays((() => 3) as never, 1)).toThrow(/must return a list/);
  });
});

describe('retryDelayFor', () => {
  it('picks delays[attempt-1] and repeats the last one', () => {
    const delays = [1, 10, 100];
    expect([1, 2, 3, 4, 9].map((attempt) => retryDelayFor({ attempt, delays }))).toEqual([
      1, 10, 100, 100, 100,
    ]);
    expect(retryDelayFor({ attempt: 3, delays: [5] })).toBe(5);
    expect(retryDelayFor({ attempt: 1, delays: [] })).toBe(0);
  });

  it('jitters within [0, base·(1+factor)] across the random range', () => {
    for (const r of [0, 0.001, 0.25, 0.5, 0.75, 0.999999, 1]) {
      const delay = retryDelayFor({ attempt: 1, delays: [10], jitterFactor: 0.5, random: () => r });
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(15 + 1e-9);
    }
    expect(retryDelayFor({ attempt: 1, delays: [10], jitterFactor: 0.5, random: () => 1 })).toBeCloseTo(
      15,
      9,
    );
    expect(retryDelayFor({ attempt: 1, delays: [10], jitterFactor: 0.5, random: () => 0 })).toBe(0);
  });

  it('grows with the random draw, so draws spread the delays', () => {
    const at = (r: number) => retryDelayFor({ attempt: 1, delays: [10], jitterFactor: 1, random: () => r });
    expect(at(0.2)).toBeLessThan(at(0.4));
    expect(at(0.4)).toBeLessThan(at(0.8));
  });

  it('does not jitter a zero delay or when no factor is set', () => {
    const random = () => 0.9;
    expect(retryDelayFor({ attempt: 1, delays: [0], jitterFactor: 2, random })).toBe(0);
    expect(retryDelayFor({ attempt: 1, delays: [10], jitterFactor: null, random })).toBe(10);
    expect(retryDelayFor({ attempt: 1, delays: [10], jitterFactor: 0, random })).toBe(10);
  });

  it('rejects a negative jitter factor and an attempt below 1', () => {
    expect(() => retryDelayFor({ attempt: 1, delays: [1], jitterFactor: -0.1 })).toThrow(RetryOptionsError);
    expect(() => checkRetryJitterFactor(Number.NaN)).toThrow(RetryOptionsError);
    expect(() => retryDelayFor({ attempt: 0, delays: [1] })).toThrow(/attempt/);
  });
});
