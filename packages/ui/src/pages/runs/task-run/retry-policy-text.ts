import type { TaskRunPolicy } from '@weft/schemas';

/** `2 retries, 10 s apart`, `3 retries after 1 s, 5 s, 30 s`, `no retries`. */
export function retryPolicyText(policy: TaskRunPolicy): string {
  if (policy.retries === 0) return 'No retries';
  const count = policy.retries === 1 ? '1 retry' : `${policy.retries} retries`;
  const delay = policy.retryDelaySeconds;
  const when = Array.isArray(delay)
    ? `after ${delay.map((s) => `${s} s`).join(', ')}`
    : delay > 0
      ? `${delay} s apart`
      : 'at once';
  const jitter = policy.retryJitterFactor ? `, jitter ×${policy.retryJitterFactor}` : '';
  return `${count}, ${when}${jitter}`;
}
