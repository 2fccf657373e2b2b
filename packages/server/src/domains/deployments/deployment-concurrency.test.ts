import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { LEASE_EXPIRED_CRASH_MESSAGE } from '../../services/concurrency-leases';
import { createTestServer, type TestServer } from '../../testing/create-test-server';
import { createTestClock } from '../../testing/test-clock';

let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
const clock = createTestClock(new Date('2026-03-01T12:00:00.000Z'));

beforeAll(async () => {
  t = await createTestServer({ clock });
  api = appRouter.createCaller(await t.server.createContext());
});
afterAll(() => t.close());

async function limited(name: string, options: { collisionStrategy?: 'ENQUEUE' | 'CANCEL_NEW' } = {}) {
  const deployment = await api.deployments.create({
    flowName: 'limited',
    name,
    concurrencyLimit: 1,
    concurrencyOptions: { gracePeriodSeconds: 60, ...options },
  });
  const run = () => api.deployments.createFlowRun({ deployment: { id: deployment.id } });
  return { deployment, run };
}

const propose = (id: string, type: 'PENDING' | 'RUNNING' | 'COMPLETED') =>
  api.flowRuns.setState({ id, state: { type } });

async function leases(deploymentId: string) {
  return t.resources.db
    .selectFrom('concurrency_lease')
    .select(['flow_run_id', 'expires_at'])
    .where('resource', '=', `deployment:${deploymentId}`)
    .execute();
}

describe('deployment concurrency', () => {
  it('ENQUEUE: a run past the limit waits in AwaitingConcurrencySlot until the slot is released', async () => {
    const { deployment, run } = await limited('enqueue');
    const [a, b] = [await run(), await run()];
    expect((await propose(a.id, 'PENDING')).status).toBe('ACCEPT');
    expect(await leases(deployment.id)).toEqual([
      { flow_run_id: a.id, expires_at: new Date(clock().getTime() + 60_000) },
    ]);
    const rejected = await propose(b.id, 'PENDING');
    expect(rejected).toMatchObject({
      status: 'REJECT',
      state: { type: 'SCHEDULED', name: 'AwaitingConcurrencySlot' },
    });
    expect(rejected.state?.stateDetails.scheduledTime).toEqual(new Date(clock().getTime() + 30_000));
    expect((await api.flowRuns.read({ id: b.id })).stateName).toBe('AwaitingConcurrencySlot');

    clock.advance(10);
    expect((await propose(a.id, 'RUNNING')).status).toBe('ACCEPT');
    expect((await leases(deployment.id))[0]?.expires_at).toEqual(new Date(clock().getTime() + 60_000));
    expect((await propose(a.id, 'COMPLETED')).status).toBe('ACCEPT');
    expect(await leases(deployment.id)).toEqual([]);
    expect((await propose(b.id, 'PENDING')).status).toBe('ACCEPT');
  });

  it('CANCEL_NEW: a run past the limit is cancelled', async () => {
    const { run } = await limited('cancel-new', { collisionStrategy: 'CANCEL_NEW' });
    const [a, b] = [await run(), await run()];
    await propose(a.id, 'PENDING');
    const rejected = await propose(b.id, 'PENDING');
    expect(rejected).toMatchObject({
      status: 'REJECT',
      state: { type: 'CANCELLED', message: 'Deployment concurrency limit reached.' },
    });
  });

  it('takes a slot for a run that goes straight to RUNNING', async () => {
    const { deployment, run } = await limited('straight');
    const [a, b] = [await run(), await run()];
    expect((await propose(a.id, 'RUNNING')).status).toBe('ACCEPT');
    expect((await propose(b.id, 'RUNNING')).state?.name).toBe('AwaitingConcurrencySlot');
    expect((await leases(deployment.id)).map((lease) => lease.flow_run_id)).toEqual([a.id]);
  });

  it('frees the slot of a lease that expired and crashes its run once the service runs', async () => {
    const { deployment, run } = await limited('expiry');
    const [a, b] = [await run(), await run()];
    await propose(a.id, 'PENDING');
    await propose(a.id, 'RUNNING');
    expect((await propose(b.id, 'PENDING')).state?.name).toBe('AwaitingConcurrencySlot');
    clock.advance(30);
    const renewed = await api.deployments.renewConcurrencyLease({ flowRunId: a.id });
    expect(renewed.expiresAt).toEqual(new Date(clock().getTime() + 60_000));
    clock.advance(61);
    expect(await t.runService('concurrency-leases')).toBe(true);
    expect(await leases(deployment.id)).toEqual([]);
    expect(await api.flowRuns.read({ id: a.id })).toMatchObject({
      stateType: 'CRASHED',
      state: { message: LEASE_EXPIRED_CRASH_MESSAGE },
    });
    expect(await api.deployments.renewConcurrencyLease({ flowRunId: a.id })).toEqual({ expiresAt: null });
    expect((await propose(b.id, 'PENDING')).status).toBe('ACCEPT');
  });

  it('cancels a PENDING run whose lease expired and whose slot was taken before it started', async () => {
    const { run } = await limited('lost-slot');
    const [a, b] = [await run(), await run()];
    await propose(a.id, 'PENDING');
    clock.advance(61);
    expect((await propose(b.id, 'PENDING')).status).toBe('ACCEPT');
    const lost = await propose(a.id, 'RUNNING');
    expect(lost).toMatchObject({ status: 'REJECT', state: { type: 'CANCELLED' } });
    expect(lost.state?.message).toMatch(/slot lost during provisioning/);
  });

  it('releases a held lease when the deployment loses its limit', async () => {
    const { deployment, run } = await limited('unlimit');
    const a = await run();
    await propose(a.id, 'PENDING');
    await api.deployments.update({ id: deployment.id, concurrencyLimit: null });
    expect(await leases(deployment.id)).toHaveLength(1);
    await propose(a.id, 'RUNNING');
    await propose(a.id, 'COMPLETED');
    expect(await leases(deployment.id)).toEqual([]);
  });

  it('gives the last slot to exactly one of several runs proposed at once', async () => {
    const { deployment, run } = await limited('race');
    const runs = await Promise.all(Array.from({ length: 6 }, () => run()));
    const results = await Promise.all(runs.map((r) => propose(r.id, 'PENDING')));
    expect(results.filter((result) => result.status === 'ACCEPT')).toHaveLength(1);
    expect(await leases(deployment.id)).toHaveLength(1);
  });

  it('serve: claiming hands out only the runs that get a slot', async () => {
    const { deployment, run } = await limited('serve');
    const a = await run();
    clock.advance(1);
    const b = await run();
    const claimed = await api.deployments.claimFlowRuns({ deploymentIds: [deployment.id], runnerName: 'r1' });
    expect(claimed.map((r) => [r.id, r.stateType])).toEqual([[a.id, 'PENDING']]);
    expect((await api.flowRuns.read({ id: b.id })).stateName).toBe('AwaitingConcurrencySlot');
    expect((await leases(deployment.id)).map((lease) => lease.flow_run_id)).toEqual([a.id]);
  });

  it('answers null when renewing for a run that holds no lease', async () => {
    const { run } = await limited('no-lease');
    const a = await run();
    expect(await api.deployments.renewConcurrencyLease({ flowRunId: a.id })).toEqual({ expiresAt: null });
  });
});
