import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';
import { createTestClock } from '../../testing/test-clock';

const T0 = new Date('2026-03-01T00:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const clock = createTestClock(T0);
let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
let flowId: string;
const window = { start: T0, end: at(3600), intervalSeconds: 600 };

async function scheduledAt(seconds: number): Promise<string> {
  const run = await api.flowRuns.create({
    flowId,
    state: { type: 'SCHEDULED', stateDetails: { scheduledTime: at(seconds) } },
  });
  return run.id;
}

beforeAll(async () => {
  t = await createTestServer({ clock });
  api = appRouter.createCaller(await t.server.createContext());
  flowId = (await api.flows.create({ name: 'history' })).id;
  // Another flow's run in the window, left out by the flow filter.
  const other = await api.flows.create({ name: 'history-other' });
  await api.flowRuns.create({
    flowId: other.id,
    state: { type: 'SCHEDULED', stateDetails: { scheduledTime: at(10) } },
  });

  const completed = await scheduledAt(0); // the first instant of bucket 0
  await scheduledAt(599.999); // the last instant of bucket 0; stays Scheduled (late)
  const running = await scheduledAt(600); // the first instant of bucket 1
  await scheduledAt(3600); // the window's end: outside
  await scheduledAt(-0.001); // before the window: outside

  clock.set(at(7199));
  for (const id of [completed, running]) {
    expect((await api.flowRuns.setState({ id, state: { type: 'PENDING' } })).status).toBe('ACCEPT');
  }
  clock.set(at(7200));
  for (const id of [completed, running]) {
    expect((await api.flowRuns.setState({ id, state: { type: 'RUNNING' } })).status).toBe('ACCEPT');
  }
  clock.advance(30);
  await api.flowRuns.setState({ id: completed, state: { type: 'COMPLETED' } });
  clock.advance(15);
});
afterAll(() => t.close());

describe('flowRuns.history', () => {
  it('buckets runs by expected start time, every bucket present, with run time and lateness', async () => {
    const buckets = await api.flowRuns.history({ ...window, filter: { flowId: { any: [flowId] } } });
    expect(buckets.map((b) => [b.intervalStart, b.intervalEnd])).toEqual(
      [0, 1, 2, 3, 4, 5].map((k) => [at(k * 600), at((k + 1) * 600)]),
    );
    expect(buckets[0]!.states).toEqual([
      {
        stateType: 'COMPLETED',
        stateName: 'Completed',
        count: 1,
        sumRunSeconds: 30,
        sumLatenessSeconds: 7200,
      },
      // Not started and overdue: late by now − expected start.
      {
        stateType: 'SCHEDULED',
        stateName: 'Scheduled',
        count: 1,
        sumRunSeconds: 0,
        sumLatenessSeconds: expect.closeTo(7245 - 599.999, 6),
      },
    ]);
    // Still running: its run time so far (45 s), and how late it started.
    expect(buckets[1]!.states).toEqual([
      { stateType: 'RUNNING', stateName: 'Running', count: 1, sumRunSeconds: 45, sumLatenessSeconds: 6600 },
    ]);
    expect(buckets.slice(2).every((b) => b.states.length === 0)).toBe(true);
  });

  it('applies the filter, including by flow name (joined) and state', async () => {
    const byName = await api.flowRuns.history({ ...window, filter: { flowName: { any: ['history'] } } });
    expect(byName.flatMap((b) => b.states).reduce((sum, s) => sum + s.count, 0)).toBe(3);
    const running = await api.flowRuns.history({
      ...window,
      filter: { flowId: { any: [flowId] }, stateType: { any: ['RUNNING'] } },
    });
    expect(running.map((b) => b.states.map((s) => s.stateType))).toEqual([[], ['RUNNING'], [], [], [], []]);
    const everyFlow = await api.flowRuns.history(window);
    expect(everyFlow[0]!.states.find((s) => s.stateType === 'SCHEDULED')?.count).toBe(2);
  });

  it('ends the last bucket with the window when the interval does not divide it', async () => {
    const buckets = await api.flowRuns.history({ start: T0, end: at(1000), intervalSeconds: 600 });
    expect(buckets.map((b) => b.intervalEnd)).toEqual([at(600), at(1000)]);
    expect(buckets[1]!.states.map((s) => s.stateType)).toEqual(['RUNNING']);
  });

  it('answers BAD_REQUEST naming the field for a bad window', async () => {
    await expect(api.flowRuns.history({ start: T0, end: T0, intervalSeconds: 60 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('end: end must be after start'),
    });
    await expect(
      api.flowRuns.history({ start: T0, end: at(600), intervalSeconds: 0.5 }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('intervalSeconds must be at least 1 second'),
    });
    await expect(
      api.flowRuns.history({ start: T0, end: at(86_400 * 7), intervalSeconds: 60 }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('intervalSeconds: the window holds more than 500 buckets'),
    });
  });
});
