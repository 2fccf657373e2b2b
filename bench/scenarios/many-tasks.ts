// One flow submitting N trivial tasks concurrently; time until every task run and its states are
// recorded on the server.
import { flow, runtime, task } from '@weft/engine';
import { waitForRecordedTaskRuns } from './recorded';
import { report, since } from './report';

const N = Number(process.env.BENCH_TASKS ?? 10_000);
const backend = process.env.BENCH_BACKEND ?? 'unknown';

const noop = task({ name: 'noop' }, async (i: number) => i);
const fanOut = flow({ name: 'bench-fan-out' }, async () => {
  const futures = noop.map(Array.from({ length: N }, (_, i) => i));
  await futures.wait();
  return runtime.flowRun.id!;
});

await flow({ name: 'bench-warm-up' }, async () => noop(0))();
const start = performance.now();
const flowRunId = await fanOut();
const returnedMs = since(start);
await waitForRecordedTaskRuns(flowRunId, N);
const recordedMs = since(start);
report({
  scenario: 'many-tasks',
  metric: `task runs/s (${backend})`,
  value: Math.round((N / recordedMs) * 1000),
  unit: 'task runs/s',
  target: backend.startsWith('postgres') ? '>= 20000' : '>= 5000',
  details: { tasks: N, wallMs: Math.round(recordedMs), flowReturnedMs: Math.round(returnedMs) },
});
process.exit(0);
