// N sequential one-task flow runs, each to its final state on the server. The measurement is runs
// 21 to N + 20 of a fresh process, while V8 is still optimising the code; a second one, reported
// apart, is N more runs after BENCH_FLOW_RUNS_WARM_UP (default 1,500) further ones, once it has.
import { flow, task } from '@weft/engine';
import { percentile, report, since } from './report';

const N = Number(process.env.BENCH_FLOW_RUNS ?? 500);
const WARM_UP = Number(process.env.BENCH_FLOW_RUNS_WARM_UP ?? 1500);
const backend = process.env.BENCH_BACKEND ?? 'unknown';
const one = task({ name: 'one' }, async () => 1);
const single = flow({ name: 'bench-one-task' }, async () => one());

/** Time `count` sequential runs: total and each. */
async function timed(count: number): Promise<{ totalMs: number; each: number[] }> {
  const each: number[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const s = performance.now();
    await single();
    each.push(since(s));
  }
  return { totalMs: since(start), each };
}

const target = backend.startsWith('postgres') ? '>= 500' : undefined;
for (let i = 0; i < 20; i++) await single();
const first = await timed(N);
report({
  scenario: 'flow-runs',
  metric: `sequential one-task flow runs/s (${backend})`,
  value: Math.round((N / first.totalMs) * 1000),
  unit: 'flow runs/s',
  target,
  details: {
    flowRuns: N,
    totalMs: Math.round(first.totalMs),
    p50Ms: percentile(first.each, 50),
    p95Ms: percentile(first.each, 95),
  },
});
for (let i = 0; i < WARM_UP; i++) await single();
const warm = await timed(N);
report({
  scenario: 'flow-runs',
  metric: `sequential one-task flow runs/s after ${N + WARM_UP + 20} runs in the process (${backend})`,
  value: Math.round((N / warm.totalMs) * 1000),
  unit: 'flow runs/s',
  details: {
    flowRuns: N,
    totalMs: Math.round(warm.totalMs),
    p50Ms: percentile(warm.each, 50),
    p95Ms: percentile(warm.each, 95),
  },
});
process.exit(0);
