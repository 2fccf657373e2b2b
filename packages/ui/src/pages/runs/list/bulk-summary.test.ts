import { describe, expect, it } from 'vitest';
import { bulkResultColor, summarizeBulkResult } from './bulk-summary';

const id = (n: number) => `01a1fd0d-0080-7102-a59e-eaf5302cf9${String(n).padStart(2, '0')}`;

describe('a bulk action summary', () => {
  it('counts the runs of each outcome and reason', () => {
    const result = {
      results: [
        { id: id(1), outcome: 'ok' as const, reason: null },
        { id: id(2), outcome: 'ok' as const, reason: null },
        { id: id(3), outcome: 'skipped' as const, reason: 'already completed' },
        { id: id(4), outcome: 'rejected' as const, reason: null },
      ],
    };
    expect(summarizeBulkResult(result, 'cancelled')).toBe(
      '2 cancelled, 1 skipped: already completed, 1 rejected',
    );
    expect(bulkResultColor(result)).toBe('yellow');
  });

  it('is green when every run was done and red when none was', () => {
    expect(bulkResultColor({ results: [{ id: id(1), outcome: 'ok', reason: null }] })).toBe('green');
    expect(bulkResultColor({ results: [{ id: id(1), outcome: 'skipped', reason: 'gone' }] })).toBe('red');
    expect(summarizeBulkResult({ results: [] }, 'deleted')).toBe('Nothing to do');
  });
});
