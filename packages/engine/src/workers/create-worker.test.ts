import { fileURLToPath } from 'node:url';
import type { FlowRun, StateType } from '@weft/schemas';
import { newState } from '@weft/schemas';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../testing/test-engine';
import { createWorker, type WorkerHandle } from './create-worker';
import { PROCESS_BASE_JOB_TEMPLATE } from './process-worker-type';
import type { WorkerEvent } from './worker-run';

const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
// Children run from the repository root, where `--import tsx` resolves.
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const EXECUTE = [
  process.execPath,
  '--conditions=dev-source',
  '--import',
  'tsx',
  `${FIXTURES}execute-flow-run.ts`,
];

let t: TestEngine;
let worker: WorkerHandle | undefined;
beforeAll(async () => {
  t = await startTestEngine({ listen: true });
});
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});
afterAll(() => t?.close());

async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const readRun = (id: string) => t.client.flowRuns.read.query({ id });
const untilState = (id: string, types: StateType[]) =>
  waitFor(
    () => readRun(id),
    (run: FlowRun) => run.stateType !== null && types.includes(run.stateType),
  );

/** A pool, a deployment of a fixture flow in it, and one run of the deployment. */
async function deploymentRun(
  pool: string,
  flow: 'sumDoubled' | 'sleepy',
  extra: Record<string, unknown> = {},
) {
  await t.client.workPools.create.mutate({ name: pool, type: 'process' }).catch(() => undefined);
  const deployment = await t.client.deployments.create.mutate({
    flowName: flow === 'sleepy' ? 'sleepy' : 'sum-doubled',
    name: `${pool}-${flow}`,
    workPoolName: pool,
    entrypoint: `worker-flows.ts:${flow}`,
    path: FIXTURES,
    parameters: flow === 'sleepy' ? { seconds: 120 } : { a: 2, b: 3 },
    jobVariables: { workingDir: REPO_ROOT, env: { WEFT_HOME: t.home }, ...extra },
  });
  return t.client.deployments.createFlowRun.mutate({ deployment: { id: deployment.id } });
}

function startWorker(pool: string, events: WorkerEvent[] = [], lines: string[] = []) {
  worker = createWorker({
    workPoolName: pool,
    client: t.client,
    command: EXECUTE,
    apiUrl: t.server.url,
    pollSeconds: 1,
    killGraceSeconds: 5,
    onEvent: (event) => events.push(event),
    log: (line) => lines.push(line),
  });
  return worker.start();
}

const pidOf = (run: FlowRun) => Number(run.infrastructurePid?.split(':').at(-1));

describe('a process worker', () => {
  it('runs a deployment run in a child process to Completed, recording its pid', async () => {
    const run = await deploymentRun('local', 'sumDoubled');
    const events: WorkerEvent[] = [];
    await startWorker('local', events);
    const done = await untilState(run.id, ['COMPLETED', 'FAILED', 'CRASHED']);
    expect(done.stateType).toBe('COMPLETED');
    expect(done.infrastructurePid).toMatch(/^.+:\d+$/);
    expect(done.runCount).toBe(1);
    const states = (await t.client.flowRuns.states.query({ id: run.id })).map((s) => s.type);
    expect(states).toEqual(['SCHEDULED', 'PENDING', 'RUNNING', 'COMPLETED']);
    const taskRuns = await t.client.taskRuns.list.query({ filter: { flowRunId: { any: [run.id] } } });
    expect(taskRuns.map((r) => r.stateType)).toEqual(['COMPLETED', 'COMPLETED']);
    await waitFor(
      async () => events.map((e) => e.type),
      (types) => types.includes('finished'),
    );
    expect(events.map((e) => e.type)).toEqual(['started', 'claimed', 'submitted', 'finished']);
    const finished = events.at(-1) as Extract<WorkerEvent, { type: 'finished' }>;
    expect(finished.infrastructure).toEqual({ exitCode: 0, signal: null });
    expect(finished.flowRun.stateType).toBe('COMPLETED');
  });

  it('marks the run Crashed when its process is killed with SIGKILL mid-run; nothing stays Running', async () => {
    const run = await deploymentRun('crashy', 'sleepy');
    await startWorker('crashy');
    const running = await untilState(run.id, ['RUNNING']);
    const pid = pidOf(running);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGKILL');
    const crashed = await untilState(run.id, ['CRASHED', 'COMPLETED', 'FAILED', 'CANCELLED']);
    expect(crashed.stateType).toBe('CRASHED');
    expect(crashed.state?.message).toBe('Flow run infrastructure exited with signal SIGKILL.');
    const stillRunning = await t.client.flowRuns.count.query({
      filter: { workPoolName: { any: ['crashy'] }, stateType: { any: ['RUNNING', 'PENDING'] } },
    });
    expect(stillRunning).toBe(0);
  });

  it('kills the process of a cancelled run and the run ends Cancelled', async () => {
    const run = await deploymentRun('cancels', 'sleepy');
    const events: WorkerEvent[] = [];
    await startWorker('cancels', events);
    const running = await untilState(run.id, ['RUNNING']);
    const pid = pidOf(running);
    const asked = Date.now();
    await t.client.flowRuns.setState.mutate({ id: run.id, state: newState('CANCELLING') });
    const cancelled = await untilState(run.id, ['CANCELLED', 'CRASHED', 'COMPLETED']);
    expect(cancelled.stateType).toBe('CANCELLED');
    expect(Date.now() - asked).toBeLessThan(15_000);
    // The engine in the child marks its run Cancelled on SIGTERM, before the child has exited: the
    // worker's `finished` event comes once the process is gone.
    await waitFor(
      async () => events.map((e) => e.type),
      (types) => types.includes('finished'),
    );
    expect(() => process.kill(pid, 0)).toThrow();
    expect(events.map((e) => e.type)).toContain('cancelling');
  });

  it('fails the run "Submission failed." when its process cannot start', async () => {
    const run = await deploymentRun('broken-command', 'sumDoubled', {
      command: 'weft-no-such-command-anywhere flow-run execute',
    });
    await startWorker('broken-command');
    const failed = await untilState(run.id, ['FAILED', 'CRASHED', 'COMPLETED']);
    expect(failed.stateType).toBe('FAILED');
    expect(failed.state?.message).toBe('Submission failed.');
  });

  it('creates a missing pool of its type with the process template, and heartbeats into it', async () => {
    const events: WorkerEvent[] = [];
    await startWorker('made-by-worker', events);
    expect(events[0]).toMatchObject({ type: 'started', poolCreated: true, workPoolName: 'made-by-worker' });
    const pool = await t.client.workPools.read.query({ name: 'made-by-worker' });
    expect(pool.type).toBe('process');
    expect(pool.baseJobTemplate).toEqual(PROCESS_BASE_JOB_TEMPLATE);
    const workers = await t.client.workers.list.query({ workPoolName: 'made-by-worker' });
    expect(workers.map((w) => [w.name, w.status])).toEqual([[worker!.name, 'ONLINE']]);
  });

  it('runs at most `limit` runs at once', async () => {
    const first = await deploymentRun('limited', 'sleepy');
    const second = await t.client.deployments.createFlowRun.mutate({
      deployment: { name: 'sleepy/limited-sleepy' },
    });
    worker = createWorker({
      workPoolName: 'limited',
      client: t.client,
      command: EXECUTE,
      apiUrl: t.server.url,
      pollSeconds: 1,
      killGraceSeconds: 5,
      limit: 1,
      log: () => undefined,
    });
    await worker.start();
    const states = () =>
      Promise.all([readRun(first.id), readRun(second.id)]).then((runs) => runs.map((r) => r.stateType));
    await waitFor(states, (types) => types.includes('RUNNING'));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await states()).sort()).toEqual(['RUNNING', 'SCHEDULED']);
    expect(worker.activeRuns).toBe(1);
  });
});
