import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWeftClient, type WeftClient } from '@weft/client';
import { createLocalFileResultStore, flowRunResult } from '@weft/engine';
import type { FlowRun } from '@weft/schemas';
import { createTestClock, createTestServer, type TestServer } from '@weft/server/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startWeft, type WeftChild, weft } from './weft-process';

// Issue 3 end to end: a deployment with a schedule, the scheduler creating its runs while the
// server's clock is moved forward (never slept), a real `weft worker start` process claiming
// them and running each in a child process, and the runs read back Completed.
const HOUR = 3600;
const HALF_HOUR = 1800;
const start = new Date(Math.ceil(Date.now() / 1000) * 1000);
const clock = createTestClock(start);
let server: TestServer;
let client: WeftClient;
let env: Record<string, string>;
let home: string;
let worker: WeftChild | undefined;

beforeAll(async () => {
  server = await createTestServer({ listen: true, clock });
  client = createWeftClient({ url: server.url! });
  home = mkdtempSync(join(tmpdir(), 'weft-e2e-deploy-'));
  env = { WEFT_API_URL: server.url!, WEFT_HOME: home };
});

afterAll(async () => {
  await worker?.stop();
  await server?.close();
  rmSync(home, { recursive: true, force: true });
});

async function waitForState(id: string, types: FlowRun['stateType'][], timeoutMs = 60_000): Promise<FlowRun> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await client.flowRuns.read.query({ id });
    if (types.includes(run.stateType)) return run;
    if (Date.now() > deadline) throw new Error(`run ${id} is ${run.stateType}, not ${types.join('/')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('a scheduled deployment run by a process worker', { timeout: 180_000 }, () => {
  it('creates runs on schedule, and the worker runs each due one to Completed', async () => {
    const pool = await weft(['work-pool', 'create', 'e2e-pool', '--json'], env);
    expect(pool.code, pool.stderr).toBe(0);
    const deployment = await client.deployments.create.mutate({
      flowName: 'pipeline',
      name: 'hourly',
      workPoolName: 'e2e-pool',
      entrypoint: 'apps/examples/src/pipeline.ts:pipeline',
      path: REPO_ROOT,
      parameters: { label: 'sum' },
      schedules: [
        {
          slug: 'hourly',
          schedule: { interval: HOUR, anchorDate: new Date(start.getTime() + HALF_HOUR * 1000) },
          parameters: { count: 4 },
        },
      ],
    });
    // The deployment write scheduled its runs; a scheduler pass adds none twice.
    await server.runService('scheduler');
    const scheduled = await client.flowRuns.list.query({
      filter: { deploymentId: { any: [deployment.id] } },
      sort: 'NEXT_SCHEDULED_START_TIME_ASC',
    });
    expect(scheduled.length).toBeGreaterThanOrEqual(3);
    expect(new Set(scheduled.map((r) => r.idempotencyKey)).size).toBe(scheduled.length);
    const first = scheduled[0]!;
    expect(first).toMatchObject({
      stateName: 'Scheduled',
      autoScheduled: true,
      parameters: { label: 'sum', count: 4 },
    });
    // An interval series runs at anchor + k·interval from now on: the first is half an hour away.
    expect(first.nextScheduledStartTime?.getTime()).toBe(start.getTime() + HALF_HOUR * 1000);

    worker = startWeft(
      ['worker', 'start', '--pool', 'e2e-pool', '--name', 'e2e', '--poll-seconds', '1'],
      env,
    );
    await worker.waitFor(/started/i);
    // Nothing is due yet on the server's clock.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await client.flowRuns.read.query({ id: first.id })).stateType).toBe('SCHEDULED');

    clock.advance(HALF_HOUR + 1);
    const done = await waitForState(first.id, ['COMPLETED', 'FAILED', 'CRASHED']);
    expect(done.stateType, worker.output()).toBe('COMPLETED');
    expect(done.infrastructurePid).toMatch(/:\d+$/);
    const tasks = await client.taskRuns.list.query({ filter: { flowRunId: { any: [first.id] } } });
    expect(tasks.map((t) => t.stateType)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
    // The worker's child persisted the result where this machine's engine can read it.
    const resultStore = createLocalFileResultStore({ basePath: join(home, 'storage') });
    expect(await flowRunResult(done, { resultStore })).toBe('sum: 10');
    const states = await client.flowRuns.states.query({ id: first.id });
    expect(states.map((s) => s.name)).toEqual(['Scheduled', 'Pending', 'Running', 'Completed']);
    // The second run is still waiting for its hour.
    expect((await client.flowRuns.read.query({ id: scheduled[1]!.id })).stateType).toBe('SCHEDULED');

    clock.advance(HOUR);
    expect((await waitForState(scheduled[1]!.id, ['COMPLETED', 'FAILED', 'CRASHED'])).stateType).toBe(
      'COMPLETED',
    );
    const workers = await client.workers.list.query({ workPoolName: 'e2e-pool' });
    expect(workers.map((w) => [w.name, w.status])).toEqual([['e2e', 'ONLINE']]);
  });
});
