// Engine overhead per recorded task: N sequential awaited task calls inside a flow, against the
// same N plain `await fn()` calls inside the same kind of flow. Reported twice: until the flow
// returns (recording goes on in the background) and until every task run and state is recorded.
import { flow, flushEngine, runtime, task } from '@weft/engine';
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
// The warm-up's task runs are recorded in the background: let that finish before timing.
await flushEngine();
const s1 = performance.now();
await plain();
const plainMs = since(s1);
const s2 = performance.now();
const id = await withTasks();
const tasksMs = since(s2);
await waitForRecordedTaskRuns(id!, N);
const recordedMs = since(s2);
const perTask = (ms: number) => Math.round(((ms - plainMs) / N) * 1000 * 10) / 10;
const details = {
  tasks: N,
  plainFlowMs: Math.round(plainMs),
  taskFlowMs: Math.round(tasksMs),
  recordedMs: Math.round(recordedMs),
};
report({
  scenario: 'overhead',
  metric: `engine overhead per task, time to return (${backend})`,
  value: perTask(tasksMs),
  unit: 'µs/task',
  target: '< 50',
  details,
});
report({
  scenario: 'overhead',
  metric: `engine overhead per task, time until recorded (${backend})`,
  value: perTask(recordedMs),
  unit: 'µs/task',
  details,
});
process.exit(0);
