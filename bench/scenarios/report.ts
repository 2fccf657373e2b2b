/** One measurement, printed by a scenario as a JSON line on stdout for the runner to collect. */
export interface Measurement {
  scenario: string;
  metric: string;
  value: number;
  unit: string;
  /** The target, for the reader; the runner never fails on it. */
  target?: string;
  details?: Record<string, unknown>;
}

/** Print one measurement as a JSON line. */
export function report(m: Measurement): void {
  process.stdout.write(`${JSON.stringify({ measurement: m })}\n`);
}

/** Milliseconds since `start` (from `performance.now()`). */
export function since(start: number): number {
  return performance.now() - start;
}

/** p-th percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}
