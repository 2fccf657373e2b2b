// N sequential one-task flow runs, each to its final state on the server.
import { flow, task } from '@weft/engine';
import { percentile, report, since } from './report';

const N = Number(process.env.BENCH_FLOW_RUNS ?? 500);
const backend = process.env.BENCH_BACKEND ?? 'unknown';
const one = task({ name: 'one' }, async () => 1);
const single = flow({ name: 'bench-one-task' }, async () => one());

for (let i = 0; i < 20; i++) await single();
const each: number[] = [];
const start = performance.now();
for (let i = 0; i < N; i++) {
  const s = performance.now();
  await single();
  each.push(since(s));
}
const totalMs = since(start);
report({
  scenario: 'flow-runs',
  metric: `sequential one-task flow runs/s (${backend})`,
  value: Math.round((N / totalMs) * 1000),
  unit: 'flow runs/s',
  target: backend.startsWith('postgres') ? '>= 500' : undefined,
  details: {
    flowRuns: N,
    totalMs: Math.round(totalMs),
    p50Ms: percentile(each, 50),
    p95Ms: percentile(each, 95),
  },
});
process.exit(0);
