import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';
import { createTestClock } from '../../testing/test-clock';

const T0 = new Date('2026-03-01T00:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const clock = createTestClock(T0);
let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;

/** A run of `flowId` started at `seconds` (then left Running). */
async function startedAt(flowId: string, seconds: number): Promise<string> {
  clock.set(at(seconds));
  const run = await api.flowRuns.create({ flowId });
  expect((await api.flowRuns.setState({ id: run.id, state: { type: 'RUNNING' } })).status).toBe('ACCEPT');
  return run.id;
}

beforeAll(async () => {
  t = await createTestServer({ clock });
  api = appRouter.createCaller(await t.server.createContext());
});
afterAll(() => t.close());

describe('flowRuns.latestPerFlow', () => {
  it("gives each flow's most recently started run, whatever the other flows ran since", async () => {
    const busy = (await api.flows.create({ name: 'latest-busy' })).id;
    const quiet = (await api.flows.create({ name: 'latest-quiet' })).id;
    const never = (await api.flows.create({ name: 'latest-never' })).id;
    await startedAt(quiet, 10);
    const quietLast = await startedAt(quiet, 20);
    // Many newer runs of another flow: a list of the newest runs overall would miss `quiet`.
    for (let i = 0; i < 5; i++) await startedAt(busy, 100 + i);
    const busyLast = await startedAt(busy, 200);
    // A scheduled run of `never`, not started: no last run.
    await api.flowRuns.create({ flowId: never, state: { type: 'SCHEDULED' } });

    const latest = await api.flowRuns.latestPerFlow({ flowIds: [quiet, busy, never] });
    expect(latest.map((run) => [run.flowId, run.id])).toEqual([
      [busy, busyLast],
      [quiet, quietLast],
    ]);
    // Started at 20 s (its Running state is 1 ms after its Pending one: state times are unique).
    expect(latest[1]!.startTime!.getTime() - at(20).getTime()).toBeLessThan(1000);
  });

  it('refuses an empty or oversized list and a bad id, naming the field', async () => {
    await expect(api.flowRuns.latestPerFlow({ flowIds: [] })).rejects.toThrow(/flowIds/);
    const many = Array.from({ length: 201 }, () => crypto.randomUUID());
    await expect(api.flowRuns.latestPerFlow({ flowIds: many })).rejects.toThrow(/flowIds/);
    await expect(api.flowRuns.latestPerFlow({ flowIds: ['nope'] })).rejects.toThrow(/flowIds/);
  });
});
