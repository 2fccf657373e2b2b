import type { WorkQueue } from '@weft/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';
import { createTestClock } from '../../testing/test-clock';
import { claimDeploymentFlowRuns } from './claim-flow-runs';
import { createQueuedRun, insertDeployment } from './work-pool-fixtures';

let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
let flowId: string;
const clock = createTestClock();
const ago = (seconds: number) => new Date(clock().getTime() - seconds * 1000);

beforeAll(async () => {
  t = await createTestServer({ clock });
  api = appRouter.createCaller(await t.server.createContext());
  flowId = (await api.flows.create({ name: 'claimed' })).id;
});
afterAll(() => t.close());

/** A pool with its default queue and more queues at the given priorities. */
async function poolWithQueues(name: string, extra: { name: string; priority?: number }[] = []) {
  await api.workPools.create({ name });
  for (const queue of extra) await api.workQueues.create({ workPoolName: name, ...queue });
  const queues = await api.workQueues.list({ workPoolName: name });
  return Object.fromEntries(queues.map((q) => [q.name, q])) as Record<string, WorkQueue>;
}

const queued = (
  queue: WorkQueue,
  secondsAgo: number,
  extra: { name?: string; retryType?: 'in_process' } = {},
) => createQueuedRun(t, api, { flowId, queue, at: ago(secondsAgo), ...extra });

describe('claimFlowRuns', () => {
  it('hands out due runs by queue priority, then scheduled time, each moved to PENDING', async () => {
    const q = await poolWithQueues('order', [{ name: 'low' }]);
    const low30 = await queued(q.low!, 30);
    const high10 = await queued(q.default!, 10);
    const high20 = await queued(q.default!, 20);
    const low40 = await queued(q.low!, 40);
    const future = await queued(q.default!, -60);
    const claimed = await api.workPools.claimFlowRuns({ workPoolName: 'order', workerName: 'w' });
    expect(claimed.map((c) => c.flowRun.id)).toEqual([high20, high10, low40, low30]);
    expect(claimed.map((c) => c.workQueueId)).toEqual([q.default!.id, q.default!.id, q.low!.id, q.low!.id]);
    for (const c of claimed) {
      expect(c.flowRun.stateType).toBe('PENDING');
      expect((await api.flowRuns.read({ id: c.flowRun.id })).stateType).toBe('PENDING');
    }
    expect(await api.workPools.claimFlowRuns({ workPoolName: 'order', workerName: 'w' })).toEqual([]);
    const later = await api.workPools.claimFlowRuns({
      workPoolName: 'order',
      workerName: 'w',
      scheduledBefore: ago(-120),
    });
    expect(later.map((c) => c.flowRun.id)).toEqual([future]);
  });

  it('prefetches runs due within prefetchSeconds of the server clock, not the caller clock', async () => {
    const q = await poolWithQueues('prefetch');
    const soon = await queued(q.default!, -5);
    const later = await queued(q.default!, -60);
    const claim = (prefetchSeconds: number) =>
      api.workPools.claimFlowRuns({ workPoolName: 'prefetch', workerName: 'w', prefetchSeconds });
    expect(await claim(0)).toEqual([]);
    expect((await claim(10)).map((c) => c.flowRun.id)).toEqual([soon]);
    clock.advance(60);
    expect((await claim(0)).map((c) => c.flowRun.id)).toEqual([later]);
    await expect(claim(-1)).rejects.toThrow(/prefetchSeconds/);
  });

  it('honours scheduledAfter, limit and the named queues', async () => {
    const q = await poolWithQueues('window', [{ name: 'other' }]);
    const old = await queued(q.default!, 300);
    const a = await queued(q.default!, 30);
    const b = await queued(q.default!, 20);
    const other = await queued(q.other!, 50);
    const first = await api.workPools.claimFlowRuns({
      workPoolName: 'window',
      workerName: 'w',
      workQueueNames: ['default'],
      scheduledAfter: ago(100),
      limit: 1,
    });
    expect(first.map((c) => c.flowRun.id)).toEqual([a]);
    const second = await api.workPools.claimFlowRuns({
      workPoolName: 'window',
      workerName: 'w',
      workQueueNames: ['default'],
      scheduledAfter: ago(100),
    });
    expect(second.map((c) => c.flowRun.id)).toEqual([b]);
    const rest = await api.workPools.claimFlowRuns({ workPoolName: 'window', workerName: 'w' });
    expect(rest.map((c) => c.flowRun.id)).toEqual([old, other]);
  });

  it('keeps to the pool and queue concurrency limits, counting PENDING, RUNNING and CANCELLING runs', async () => {
    const q = await poolWithQueues('limits', [{ name: 'second' }]);
    await api.workPools.update({ name: 'limits', concurrencyLimit: 3 });
    await api.workQueues.update({ workPoolName: 'limits', name: 'default', concurrencyLimit: 1 });
    const running = await queued(q.second!, 100);
    await api.flowRuns.setState({ id: running, state: { type: 'RUNNING' }, force: true });
    const d1 = await queued(q.default!, 50);
    await queued(q.default!, 40);
    const s1 = await queued(q.second!, 30);
    await queued(q.second!, 20);
    // Pool: 3 slots, 1 held → 2. The default queue: 1 slot → d1; then the second queue → s1.
    const claimed = await api.workPools.claimFlowRuns({ workPoolName: 'limits', workerName: 'w' });
    expect(claimed.map((c) => c.flowRun.id)).toEqual([d1, s1]);
    expect(await api.workPools.claimFlowRuns({ workPoolName: 'limits', workerName: 'w' })).toEqual([]);
    // Cancelling still holds its slot; a terminal state frees it.
    await api.flowRuns.setState({ id: running, state: { type: 'CANCELLING' }, force: true });
    expect(await api.workPools.claimFlowRuns({ workPoolName: 'limits', workerName: 'w' })).toEqual([]);
    await api.flowRuns.setState({ id: running, state: { type: 'CANCELLED' }, force: true });
    const freed = await api.workPools.claimFlowRuns({ workPoolName: 'limits', workerName: 'w' });
    expect(freed).toHaveLength(1);
    expect(freed[0]?.workQueueId).toBe(q.second!.id);
  });

  it('gives nothing from a paused pool and skips paused queues', async () => {
    const q = await poolWithQueues('pauses', [{ name: 'open' }]);
    const held = await queued(q.default!, 30);
    const open = await queued(q.open!, 20);
    await api.workPools.update({ name: 'pauses', isPaused: true });
    expect(await api.workPools.claimFlowRuns({ workPoolName: 'pauses', workerName: 'w' })).toEqual([]);
    expect((await api.workPools.read({ name: 'pauses' })).status).toBe('PAUSED');
    await api.workPools.update({ name: 'pauses', isPaused: false });
    await api.workQueues.update({ workPoolName: 'pauses', name: 'default', isPaused: true });
    const claimed = await api.workPools.claimFlowRuns({ workPoolName: 'pauses', workerName: 'w' });
    expect(claimed.map((c) => c.flowRun.id)).toEqual([open]);
    expect((await api.flowRuns.read({ id: held })).stateType).toBe('SCHEDULED');
    expect((await api.workQueues.read({ workPoolName: 'pauses', name: 'default' })).status).toBe('PAUSED');
  });

  it('leaves runs retrying in process to their engine', async () => {
    const q = await poolWithQueues('in-process');
    const inProcess = await queued(q.default!, 30, { retryType: 'in_process' });
    const normal = await queued(q.default!, 20);
    const claimed = await api.workPools.claimFlowRuns({ workPoolName: 'in-process', workerName: 'w' });
    expect(claimed.map((c) => c.flowRun.id)).toEqual([normal]);
    expect((await api.flowRuns.read({ id: inProcess })).stateType).toBe('SCHEDULED');
  });

  it('answers NOT_FOUND for an unknown pool or queue, and BAD_REQUEST for a bad limit', async () => {
    await expect(
      api.workPools.claimFlowRuns({ workPoolName: 'nope', workerName: 'w' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Work pool nope not found',
    });
    await expect(
      api.workPools.claimFlowRuns({
        workPoolName: 'order',
        workerName: 'w',
        workQueueNames: ['default', 'ghost'],
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Work queue order/ghost not found' });
    await expect(
      api.workPools.claimFlowRuns({ workPoolName: 'order', workerName: 'w', limit: 201 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('limit') });
  });

  it('marks polled queues, their deployments and the pool READY', async () => {
    const q = await poolWithQueues('polled', [{ name: 'idle' }]);
    const deploymentId = await insertDeployment(t, { flowId, name: 'polled-dep', queueId: q.default!.id });
    clock.advance(1);
    await api.workPools.claimFlowRuns({
      workPoolName: 'polled',
      workerName: 'w',
      workQueueNames: ['default'],
    });
    const polled = await api.workQueues.read({ workPoolName: 'polled', name: 'default' });
    expect(polled).toMatchObject({ status: 'READY', lastPolled: clock() });
    expect((await api.workQueues.read({ workPoolName: 'polled', name: 'idle' })).status).toBe('NOT_READY');
    expect((await api.workPools.read({ name: 'polled' })).status).toBe('READY');
    const deployment = await t.resources.db
      .selectFrom('deployment')
      .select(['status', 'last_polled'])
      .where('id', '=', deploymentId)
      .executeTakeFirstOrThrow();
    expect(deployment).toEqual({ status: 'READY', last_polled: clock() });
  });

  it('returns the job configuration: pool template ← deployment ← run job variables', async () => {
    const q = await poolWithQueues('jobs');
    const deploymentId = await insertDeployment(t, {
      flowId,
      name: 'job-dep',
      queueId: q.default!.id,
      jobVariables: { command: 'node main.js', env: { A: 'dep', B: 'dep' } },
    });
    const run = await createQueuedRun(t, api, {
      flowId,
      queue: q.default!,
      at: ago(5),
      deploymentId,
      jobVariables: { 'env.B': 'run', workingDir: '/srv' },
    });
    const [claimed] = await api.workPools.claimFlowRuns({ workPoolName: 'jobs', workerName: 'w' });
    expect(claimed?.flowRun.id).toBe(run);
    expect(claimed?.jobConfiguration).toEqual({
      command: 'node main.js',
      env: { A: 'dep', B: 'run' },
      streamOutput: true,
      workingDir: '/srv',
    });
  });

  it('announces flowRunChanged for each claimed run', async () => {
    const q = await poolWithQueues('announce');
    const run = await queued(q.default!, 5);
    const seen: string[] = [];
    const off = t.resources.events.on('flowRunChanged', ({ id }) => seen.push(id));
    await api.workPools.claimFlowRuns({ workPoolName: 'announce', workerName: 'w' });
    off();
    expect(seen).toEqual([run]);
  });
});

describe('claimDeploymentFlowRuns', () => {
  it('hands out the due runs of the given deployments only, oldest first, and marks them polled', async () => {
    const q = await poolWithQueues('serve');
    const mine = await insertDeployment(t, { flowId, name: 'serve-mine' });
    const theirs = await insertDeployment(t, { flowId, name: 'serve-theirs' });
    const second = await createQueuedRun(t, api, {
      flowId,
      queue: q.default!,
      at: ago(10),
      deploymentId: mine,
    });
    const first = await createQueuedRun(t, api, {
      flowId,
      queue: q.default!,
      at: ago(20),
      deploymentId: mine,
    });
    const other = await createQueuedRun(t, api, {
      flowId,
      queue: q.default!,
      at: ago(30),
      deploymentId: theirs,
    });
    const runs = await claimDeploymentFlowRuns(t.resources, {
      deploymentIds: [mine],
      runnerName: 'r',
      state: 'PENDING',
      limit: 10,
    });
    expect(runs.map((run) => run.id)).toEqual([first, second]);
    expect(runs.every((run) => run.stateType === 'PENDING')).toBe(true);
    expect((await api.flowRuns.read({ id: other })).stateType).toBe('SCHEDULED');
    const row = await t.resources.db
      .selectFrom('deployment')
      .select(['status', 'last_polled'])
      .where('id', '=', mine)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'READY', last_polled: clock() });
  });

  it('claims straight to RUNNING for a runner that executes in its own process', async () => {
    const q = await poolWithQueues('direct');
    const deploymentId = await insertDeployment(t, { flowId, name: 'direct', queueId: q.default!.id });
    const due = await createQueuedRun(t, api, { flowId, queue: q.default!, at: ago(5), deploymentId });
    const runs = await api.deployments.claimFlowRuns({
      deploymentIds: [deploymentId],
      runnerName: 'r',
      state: 'RUNNING',
    });
    expect(runs.map((run) => [run.id, run.stateType, run.runCount])).toEqual([[due, 'RUNNING', 1]]);
    const states = await api.flowRuns.states({ id: due });
    expect(states.map((s) => s.type)).toEqual(['SCHEDULED', 'RUNNING']);
    await expect(
      api.deployments.claimFlowRuns({
        deploymentIds: [deploymentId],
        runnerName: 'r',
        state: 'COMPLETED' as 'RUNNING',
      }),
    ).rejects.toThrow(/state/);
  });

  it('answers NOT_FOUND for an unknown deployment', async () => {
    const ghost = '00000000-0000-7000-8000-000000000000';
    await expect(
      claimDeploymentFlowRuns(t.resources, {
        deploymentIds: [ghost],
        runnerName: 'r',
        state: 'PENDING',
        limit: 10,
      }),
    ).rejects.toMatchObject({ name: 'NotFoundError', message: `Deployment ${ghost} not found` });
  });
});

describe('claiming under contention', () => {
  it('gives each of 100 due runs to exactly one of 8 concurrent claimers', async () => {
    const q = await poolWithQueues('race', [{ name: 'second' }]);
    const ids = new Set<string>();
    for (let i = 0; i < 100; i++) ids.add(await queued(i % 2 ? q.default! : q.second!, 100 - i));
    const claimer = async (worker: string) => {
      const mine: string[] = [];
      for (;;) {
        const batch = await api.workPools.claimFlowRuns({
          workPoolName: 'race',
          workerName: worker,
          limit: 7,
        });
        if (batch.length === 0) return mine;
        mine.push(...batch.map((c) => c.flowRun.id));
      }
    };
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => claimer(`w${i}`)));
    const all = results.flat();
    expect(all).toHaveLength(100);
    expect(new Set(all)).toEqual(ids);
    const pendingStates = await t.resources.db
      .selectFrom('flow_run_state')
      .select(['flow_run_id', t.resources.db.fn.countAll<number>().as('count')])
      .where('flow_run_id', 'in', [...ids])
      .where('type', '=', 'PENDING')
      .groupBy('flow_run_id')
      .execute();
    expect(pendingStates).toHaveLength(100);
    expect(pendingStates.every((row) => Number(row.count) === 1)).toBe(true);
  });

  it('keeps a pool limit when concurrent claimers race for its slots', async () => {
    const q = await poolWithQueues('race-limited');
    await api.workPools.update({ name: 'race-limited', concurrencyLimit: 5 });
    for (let i = 0; i < 20; i++) await queued(q.default!, 50 - i);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        api.workPools.claimFlowRuns({ workPoolName: 'race-limited', workerName: `w${i}`, limit: 3 }),
      ),
    );
    expect(results.flat()).toHaveLength(5);
  });
});
