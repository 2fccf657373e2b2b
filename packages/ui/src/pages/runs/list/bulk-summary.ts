import type { BulkFlowRunResult } from '@weft/schemas';

/**
 * What a bulk action did, in one line: `2 cancelled, 1 skipped: already completed`. Runs with the
 * same outcome and reason are counted together; `done` names the `ok` outcome.
 */
export function summarizeBulkResult(result: BulkFlowRunResult, done: string): string {
  const groups = new Map<string, number>();
  for (const { outcome, reason } of result.results) {
    const label = outcome === 'ok' ? done : reason ? `${outcome}: ${reason}` : outcome;
    groups.set(label, (groups.get(label) ?? 0) + 1);
  }
  if (groups.size === 0) return 'Nothing to do';
  return [...groups].map(([label, count]) => `${count} ${label}`).join(', ');
}

/** The notification color for a bulk result: green when every run was done, yellow when some were not. */
export function bulkResultColor(result: BulkFlowRunResult): string {
  const ok = result.results.filter((r) => r.outcome === 'ok').length;
  if (ok === result.results.length) return 'green';
  return ok === 0 ? 'red' : 'yellow';
}
