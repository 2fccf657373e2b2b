// Engine overhead per recorded task: N sequential awaited task calls inside a flow, against the
// same N plain `await fn()` calls inside the same kind of flow.
import { flow, runtime, task } from '@weft/engine';
import { waitForRecordedTaskRuns } from './recorded';
import { report, since } from './report';

const N = Number(process.env.BENCH_OVERHEAD_TASKS ?? 5_000);
const backend = process.env.BENCH_BACKEND ?? 'unknown';
const fn = async (i: number) => i + 1;
const t = task({ name: 'inc' }, fn);

const plain = flow({ name: 'bench-plain' }, async () => {
  let x = 0;
  for (let i = 0; i < N; i++) x = await fn(x);
  return runtime.flowRun.id;
});
const withTasks = flow({ name: 'bench-tasks' }, async () => {
  let x = 0;
  for (let i = 0; i < N; i++) x = await t(x);
  return runtime.flowRun.id;
});

await plain();
await withTasks();
const s1 = performance.now();
await plain();
const plainMs = since(s1);
const s2 = performance.now();
const id = await withTasks();
const tasksMs = since(s2);
await waitForRecordedTaskRuns(id, N);
const recordedMs = since(s2);
report({
  scenario: 'overhead',
  metric: `engine overhead per task (${backend})`,
  value: Math.round(((tasksMs - plainMs) / N) * 1000 * 10) / 10,
  unit: 'µs/task',
  target: '< 50',
  details: {
    tasks: N,
    plainFlowMs: Math.round(plainMs),
    taskFlowMs: Math.round(tasksMs),
    recordedMs: Math.round(recordedMs),
  },
});
process.exit(0);
