// Issue 3: trigger-to-result latency of a deployment run of a 3-task flow, through a warm `serve`
// process (in-process runs) and through a process worker (a new process per run, the built CLI),
// and deployment runs/s through one worker.
import { join } from 'node:path';
import { createWeftClient } from '@weft/client';
import { createWorker, runDeployment } from '@weft/engine';
import { pipeline } from '@weft/examples/pipeline';
import { percentile, report, since } from './report';

const root = new URL('../..', import.meta.url).pathname;
const backend = process.env.BENCH_BACKEND ?? 'unknown';
const url = process.env.WEFT_API_URL!;
const client = createWeftClient({ url });
const SERVE_RUNS = Number(process.env.BENCH_SERVE_RUNS ?? 200);
const WORKER_RUNS = Number(process.env.BENCH_WORKER_RUNS ?? 20);

async function latencies(n: number, trigger: () => Promise<{ stateType: string | null }>): Promise<number[]> {
  const each: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    const run = await trigger();
    each.push(since(start));
    if (run.stateType !== 'COMPLETED') throw new Error(`a deployment run ended ${run.stateType}`);
  }
  return each;
}

// Through serve: the flow is loaded; the served process wakes on the server's push.
const served = await pipeline.serve({
  name: 'bench-serve',
  limit: 5,
  handleSignals: false,
  pauseOnShutdown: false,
});
const viaServe = () => runDeployment(served.deployment, { count: 3 }, { asSubflow: false, client });
await latencies(10, viaServe);
const serveTimes = await latencies(SERVE_RUNS, viaServe);
await served.stop();
report({
  scenario: 'deployments',
  metric: `trigger-to-result latency through serve, p50 (${backend})`,
  value: percentile(serveTimes, 50),
  unit: 'ms',
  target: '< 25',
  details: { runs: SERVE_RUNS, p95Ms: percentile(serveTimes, 95), flow: '3 tasks' },
});

// Through a process worker: each run is a new `weft flow-run execute` process (built CLI).
await client.workPools.create.mutate({ name: 'bench-pool' });
const deployment = await client.deployments.create.mutate({
  flowName: 'pipeline',
  name: 'bench-worker',
  workPoolName: 'bench-pool',
  entrypoint: 'apps/examples/src/pipeline.ts:pipeline',
  path: root,
});
const worker = createWorker({
  workPoolName: 'bench-pool',
  client,
  apiUrl: url,
  limit: 4,
  pollSeconds: 5,
  command: [process.execPath, join(root, 'apps/cli/dist/bin.js'), 'flow-run', 'execute'],
});
await worker.start();
const viaWorker = () =>
  runDeployment(deployment.id, { count: 3 }, { asSubflow: false, client, pollSeconds: 1 });
await latencies(2, viaWorker);
const workerTimes = await latencies(WORKER_RUNS, viaWorker);
report({
  scenario: 'deployments',
  metric: `trigger-to-result latency through a process worker, p50 (${backend})`,
  value: percentile(workerTimes, 50),
  unit: 'ms',
  target: '< 500',
  details: { runs: WORKER_RUNS, p95Ms: percentile(workerTimes, 95), limit: 4 },
});

// Throughput: WORKER_RUNS runs created at once, one worker with 4 processes at a time.
const start = performance.now();
const runs = await Promise.all(
  Array.from({ length: WORKER_RUNS }, () =>
    runDeployment(deployment.id, { count: 3 }, { asSubflow: false, client, pollSeconds: 1 }),
  ),
);
const totalMs = since(start);
if (runs.some((run) => run.stateType !== 'COMPLETED')) throw new Error('a worker run did not complete');
await worker.stop();
report({
  scenario: 'deployments',
  metric: `deployment runs/s through one process worker (${backend})`,
  value: Math.round((WORKER_RUNS / totalMs) * 1000 * 10) / 10,
  unit: 'runs/s',
  details: { runs: WORKER_RUNS, totalMs: Math.round(totalMs), concurrentProcesses: 4 },
});
process.exit(0);
