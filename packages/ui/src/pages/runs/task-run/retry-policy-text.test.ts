import { describe, expect, it } from 'vitest';
import { retryPolicyText } from './retry-policy-text';

describe('a task run retry policy in words', () => {
  it('says how many retries and how far apart', () => {
    expect(retryPolicyText({ retries: 0, retryDelaySeconds: 0, retryJitterFactor: null })).toBe('No retries');
    expect(retryPolicyText({ retries: 1, retryDelaySeconds: 0, retryJitterFactor: null })).toBe(
      '1 retry, at once',
    );
    expect(retryPolicyText({ retries: 2, retryDelaySeconds: 10, retryJitterFactor: null })).toBe(
      '2 retries, 10 s apart',
    );
    expect(retryPolicyText({ retries: 3, retryDelaySeconds: [1, 5, 30], retryJitterFactor: 0.5 })).toBe(
      '3 retries, after 1 s, 5 s, 30 s, jitter ×0.5',
    );
  });
});
