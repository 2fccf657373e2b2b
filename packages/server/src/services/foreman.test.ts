import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDeployment } from '../domains/work-pools/work-pool-fixtures';
import { appRouter } from '../router';
import { createTestServer, type TestServer } from '../testing/create-test-server';
import { createTestClock } from '../testing/test-clock';

let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
const clock = createTestClock();

beforeAll(async () => {
  t = await createTestServer({ clock });
  api = appRouter.createCaller(await t.server.createContext());
});
afterAll(() => t.close());

const workerStatus = async (name: string) =>
  (await api.workers.list({ workPoolName: 'health' })).find((w) => w.name === name)?.status;

describe('foreman', () => {
  it('marks workers OFFLINE after three missed heartbeats, then the pool NOT_READY', async () => {
    await api.workPools.create({ name: 'health' });
    await api.workers.heartbeat({ workPoolName: 'health', name: 'fast', heartbeatIntervalSeconds: 10 });
    await api.workers.heartbeat({ workPoolName: 'health', name: 'default' });
    expect((await api.workPools.read({ name: 'health' })).status).toBe('READY');

    clock.advance(30); // fast: 3 × 10 s exactly — not yet past.
    await t.runService('foreman');
    expect(await workerStatus('fast')).toBe('ONLINE');

    clock.advance(1);
    await t.runService('foreman');
    expect(await workerStatus('fast')).toBe('OFFLINE');
    expect(await workerStatus('default')).toBe('ONLINE'); // 3 × 30 s when unset
    expect((await api.workPools.read({ name: 'health' })).status).toBe('READY');

    clock.advance(60);
    await t.runService('foreman');
    expect(await workerStatus('default')).toBe('OFFLINE');
    expect((await api.workPools.read({ name: 'health' })).status).toBe('NOT_READY');

    await api.workers.heartbeat({ workPoolName: 'health', name: 'fast', heartbeatIntervalSeconds: 10 });
    expect(await workerStatus('fast')).toBe('ONLINE');
    expect((await api.workPools.read({ name: 'health' })).status).toBe('READY');
  });

  it('leaves a paused pool PAUSED', async () => {
    await api.workPools.create({ name: 'sleepy', isPaused: true });
    await t.runService('foreman');
    expect((await api.workPools.read({ name: 'sleepy' })).status).toBe('PAUSED');
  });

  it('marks queues and deployments not polled for 60 s NOT_READY', async () => {
    const pool = await api.workPools.create({ name: 'polling' });
    const flow = await api.flows.create({ name: 'foreman-flow' });
    const deploymentId = await insertDeployment(t, {
      flowId: flow.id,
      name: 'polled',
      queueId: pool.defaultQueueId,
    });
    await api.workPools.claimFlowRuns({ workPoolName: 'polling', workerName: 'w' });
    const deploymentStatus = async () =>
      (
        await t.resources.db
          .selectFrom('deployment')
          .select('status')
          .where('id', '=', deploymentId)
          .executeTakeFirstOrThrow()
      ).status;
    const queueStatus = async () =>
      (await api.workQueues.read({ workPoolName: 'polling', name: 'default' })).status;
    expect(await queueStatus()).toBe('READY');
    expect(await deploymentStatus()).toBe('READY');

    clock.advance(60);
    await t.runService('foreman');
    expect(await queueStatus()).toBe('READY');

    clock.advance(1);
    await t.runService('foreman');
    expect(await queueStatus()).toBe('NOT_READY');
    expect(await deploymentStatus()).toBe('NOT_READY');
  });
});
