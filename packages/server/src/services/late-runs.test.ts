import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../router';
import { insertDeploymentFixture } from '../schedules/testing/deployment-fixture';
import { createTestServer, type TestServer } from '../testing/create-test-server';
import { createTestClock } from '../testing/test-clock';

const clock = createTestClock(new Date('2026-03-02T10:00:00.000Z'));
let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
let flowId: string;
const changed: string[] = [];

beforeAll(async () => {
  t = await createTestServer({ clock });
  api = appRouter.createCaller(await t.server.createContext());
  flowId = (await api.flows.create({ name: 'late-flow' })).id;
  t.resources.events.on('flowRunChanged', ({ id }) => changed.push(id));
});
afterAll(() => t.close());

async function lateRunsPassAt(iso: string): Promise<string[]> {
  clock.set(new Date(iso));
  const before = changed.length;
  expect(await t.runService('late-runs')).toBe(true);
  return changed.slice(before);
}

describe('the late-runs service', () => {
  it('marks a scheduler run Late only 15 s after its time, keeping the scheduled time', async () => {
    const { deploymentId } = await insertDeploymentFixture(t.resources.db, {
      flowId,
      schedules: [{ schedule: { interval: 3600, anchorDate: new Date('2026-01-01T00:00:00Z') } }],
    });
    clock.set(new Date('2026-03-02T10:00:00.000Z'));
    await t.runService('scheduler');
    const [first] = await t.resources.db
      .selectFrom('flow_run')
      .select('id')
      .where('deployment_id', '=', deploymentId)
      .orderBy('expected_start_time')
      .execute();
    const id = first!.id;

    expect(await lateRunsPassAt('2026-03-02T10:00:14.999Z')).not.toContain(id);
    expect((await api.flowRuns.read({ id })).state?.name).toBe('Scheduled');

    expect(await lateRunsPassAt('2026-03-02T10:00:15.000Z')).toEqual([id]);
    const run = await api.flowRuns.read({ id });
    expect(run.state).toMatchObject({
      type: 'SCHEDULED',
      name: 'Late',
      timestamp: new Date('2026-03-02T10:00:15.000Z'),
      stateDetails: { scheduledTime: new Date('2026-03-02T10:00:00.000Z') },
    });
    expect(run.nextScheduledStartTime).toEqual(new Date('2026-03-02T10:00:00.000Z'));
    expect((await api.flowRuns.states({ id })).map((state) => state.name)).toEqual(['Scheduled', 'Late']);

    // Late once: a later pass leaves it (and the runs not yet due) alone.
    expect(await lateRunsPassAt('2026-03-02T10:30:00.000Z')).toEqual([]);
    expect(await api.flowRuns.states({ id })).toHaveLength(2);
  });

  it('leaves runs that are not in the state named Scheduled alone', async () => {
    const scheduledTime = new Date('2026-03-02T11:00:00.000Z');
    const pending = await api.flowRuns.create({ flowId, state: { type: 'PENDING' } });
    const awaiting = await api.flowRuns.create({
      flowId,
      state: { type: 'SCHEDULED', name: 'AwaitingRetry', stateDetails: { scheduledTime } },
    });
    const plain = await api.flowRuns.create({
      flowId,
      state: { type: 'SCHEDULED', stateDetails: { scheduledTime } },
    });
    const marked = await lateRunsPassAt('2026-03-02T12:00:00.000Z');
    expect(marked).toContain(plain.id);
    expect(marked).not.toContain(pending.id);
    expect(marked).not.toContain(awaiting.id);
    expect((await api.flowRuns.read({ id: awaiting.id })).state?.name).toBe('AwaitingRetry');
    expect((await api.flowRuns.read({ id: pending.id })).state?.type).toBe('PENDING');
  });
});
