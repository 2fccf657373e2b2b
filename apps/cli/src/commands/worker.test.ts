import { join } from 'node:path';
import { createWeftClient, type WeftClient } from '@weft/client';
import type { FlowRun } from '@weft/schemas';
import { createTestServer, type TestServer } from '@weft/server/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REPO_ROOT,
  runCli,
  spawnCli,
  tempHome,
  waitForExit,
  waitForOutput,
} from '../test-helpers/cli-process';

const FIXTURES = join(REPO_ROOT, 'apps/cli/src/__fixtures__');

let server: TestServer;
let client: WeftClient;
let home: Awaited<ReturnType<typeof tempHome>>;
beforeAll(async () => {
  home = await tempHome();
  server = await createTestServer({ listen: true });
  client = createWeftClient({ url: server.url! });
});
afterAll(async () => {
  await server?.close();
  await home?.cleanup();
});

const env = () => ({ WEFT_HOME: home.home, WEFT_API_URL: server.url });

async function deploymentRun(
  pool: string | undefined,
  entrypoint: string,
  parameters: Record<string, unknown>,
) {
  const deployment = await client.deployments.create.mutate({
    flowName: entrypoint === 'flows.ts:greet' ? 'greet' : 'always-fails',
    name: `cli-${pool ?? 'none'}-${entrypoint.split(':')[1]}`,
    ...(pool ? { workPoolName: pool } : {}),
    entrypoint,
    path: FIXTURES,
    parameters: parameters as never,
  });
  return client.deployments.createFlowRun.mutate({ deployment: { id: deployment.id } });
}

async function untilFinal(id: string): Promise<FlowRun> {
  for (let i = 0; i < 600; i++) {
    const run = await client.flowRuns.read.query({ id });
    if (['COMPLETED', 'FAILED', 'CRASHED', 'CANCELLED'].includes(run.stateType ?? '')) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`flow run ${id} did not finish`);
}

describe('weft flow-run execute', () => {
  it("executes a deployment's run from its TypeScript entrypoint and exits 0 when it completed", async () => {
    const run = await deploymentRun(undefined, 'flows.ts:greet', { name: 'ada', times: 2 });
    const result = await runCli(['flow-run', 'execute', run.id], { env: env(), timeoutMs: 90_000 });
    expect(result.stderr).toContain(`Flow run ${run.id} finished: COMPLETED`);
    expect(result.code).toBe(0);
    const after = await client.flowRuns.read.query({ id: run.id });
    expect(after).toMatchObject({ stateType: 'COMPLETED', parameters: { name: 'ada', times: 2 } });
    const taskRuns = await client.taskRuns.list.query({ filter: { flowRunId: { any: [run.id] } } });
    expect(taskRuns.map((r) => r.stateType)).toEqual(['COMPLETED']);
  });

  it('reads WEFT_FLOW_RUN_ID and exits 1 when the run failed', async () => {
    const run = await deploymentRun(undefined, 'flows.ts:failing', {});
    const result = await runCli(['flow-run', 'execute'], {
      env: { ...env(), WEFT_FLOW_RUN_ID: run.id },
      timeoutMs: 90_000,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Flow run ${run.id} finished: FAILED`);
    expect((await client.flowRuns.read.query({ id: run.id })).stateType).toBe('FAILED');
  });

  it('needs a run id', async () => {
    const result = await runCli(['flow-run', 'execute'], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Give a flow run id, or set WEFT_FLOW_RUN_ID.');
    const bad = await runCli(['flow-run', 'execute', 'nope'], { env: env() });
    expect(bad.stderr).toMatch(/Invalid flow run id 'nope'/);
  });
});

describe('weft worker start', () => {
  it('creates the pool, runs its due run in a child `weft flow-run execute`, and stops on SIGINT', async () => {
    const child = spawnCli(['worker', 'start', '--pool', 'cli-pool', '--name', 'cli-worker', '--json'], {
      env: env(),
    });
    const exited = waitForExit(child, 120_000);
    await waitForOutput(child, /"event":"started"/);
    expect((await client.workPools.read.query({ name: 'cli-pool' })).type).toBe('process');
    const run = await deploymentRun('cli-pool', 'flows.ts:greet', { name: 'bo', times: 1 });
    await waitForOutput(child, /"event":"finished"/, 90_000);
    const done = await untilFinal(run.id);
    expect(done.stateType).toBe('COMPLETED');
    expect(done.infrastructurePid).toMatch(/:\d+$/);
    child.kill('SIGINT');
    const result = await exited;
    expect(result.code).toBe(0);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; flowRunId?: string; stateType?: string });
    expect(events.map((e) => e.event)).toEqual(['started', 'claimed', 'submitted', 'finished', 'stopped']);
    expect(events[0]).toMatchObject({
      workerName: 'cli-worker',
      workPoolName: 'cli-pool',
      poolCreated: true,
    });
    expect(events[3]).toMatchObject({ flowRunId: run.id, stateType: 'COMPLETED' });
    expect(result.stderr).toContain('Received SIGINT: stopping the worker');
  });

  it('marks the run Crashed when its flow process is killed with SIGKILL; nothing stays Running', async () => {
    const child = spawnCli(['worker', 'start', '--pool', 'cli-crash', '--json'], { env: env() });
    const exited = waitForExit(child, 120_000);
    await waitForOutput(child, /"event":"started"/);
    const deployment = await client.deployments.create.mutate({
      flowName: 'sleepy',
      name: 'cli-sleepy',
      workPoolName: 'cli-crash',
      entrypoint: 'worker-flows.ts:sleepy',
      path: join(REPO_ROOT, 'packages/engine/src/workers/__fixtures__'),
      parameters: { seconds: 120 },
    });
    const run = await client.deployments.createFlowRun.mutate({ deployment: { id: deployment.id } });
    let running: FlowRun | undefined;
    for (let i = 0; i < 600 && running?.stateType !== 'RUNNING'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      running = await client.flowRuns.read.query({ id: run.id });
    }
    process.kill(Number(running?.infrastructurePid?.split(':').at(-1)), 'SIGKILL');
    const done = await untilFinal(run.id);
    expect(done.stateType).toBe('CRASHED');
    expect(done.state?.message).toBe('Flow run infrastructure exited with signal SIGKILL.');
    const left = await client.flowRuns.count.query({
      filter: { workPoolName: { any: ['cli-crash'] }, stateType: { any: ['RUNNING', 'PENDING'] } },
    });
    expect(left).toBe(0);
    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
  });

  it('rejects an unknown worker type', async () => {
    const result = await runCli(['worker', 'start', '--pool', 'x', '--type', 'docker'], { env: env() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Unknown worker type 'docker'");
  });
});
