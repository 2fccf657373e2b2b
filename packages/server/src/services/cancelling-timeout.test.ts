import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../router';
import { createTestServer, type TestServer } from '../testing/create-test-server';
import { createTestClock } from '../testing/test-clock';
import { CANCELLING_TIMEOUT_MESSAGE, cancellingTimeoutSeconds } from './cancelling-timeout';

let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
let flowId: string;
const clock = createTestClock();

beforeAll(async () => {
  t = await createTestServer({ clock });
  api = appRouter.createCaller(await t.server.createContext());
  flowId = (await api.flows.create({ name: 'cancelled' })).id;
});
afterAll(() => t.close());
afterEach(() => {
  delete process.env.WEFT_CANCELLING_TIMEOUT_SECONDS;
});

async function cancellingRun(): Promise<string> {
  const run = await api.flowRuns.create({ flowId, state: { type: 'RUNNING' } });
  await api.flowRuns.update({ id: run.id, infrastructurePid: '4242' });
  const result = await api.flowRuns.setState({ id: run.id, state: { type: 'CANCELLING' } });
  expect(result.state?.type).toBe('CANCELLING');
  return run.id;
}

describe('cancelling-timeout', () => {
  it('reads its timeout from WEFT_CANCELLING_TIMEOUT_SECONDS, else 120 s', () => {
    expect(cancellingTimeoutSeconds({})).toBe(120);
    expect(cancellingTimeoutSeconds({ WEFT_CANCELLING_TIMEOUT_SECONDS: '30' })).toBe(30);
    expect(cancellingTimeoutSeconds({ WEFT_CANCELLING_TIMEOUT_SECONDS: 'soon' })).toBe(120);
    expect(cancellingTimeoutSeconds({ WEFT_CANCELLING_TIMEOUT_SECONDS: '-5' })).toBe(120);
  });

  it('moves a run left CANCELLING past the timeout to Cancelled, saying why', async () => {
    const stuck = await cancellingRun();
    clock.advance(60);
    const fresh = await cancellingRun();
    clock.advance(59);
    await t.runService('cancelling-timeout');
    expect((await api.flowRuns.read({ id: stuck })).stateType).toBe('CANCELLING');

    const changed: string[] = [];
    const off = t.resources.events.on('flowRunChanged', ({ id }) => changed.push(id));
    clock.advance(2); // 121 s after it entered CANCELLING
    await t.runService('cancelling-timeout');
    off();
    const run = await api.flowRuns.read({ id: stuck });
    expect(run.stateType).toBe('CANCELLED');
    expect(run.state?.message).toBe(CANCELLING_TIMEOUT_MESSAGE);
    expect(changed).toEqual([stuck]);
    expect((await api.flowRuns.read({ id: fresh })).stateType).toBe('CANCELLING');
  });

  it('uses the timeout from the environment', async () => {
    process.env.WEFT_CANCELLING_TIMEOUT_SECONDS = '10';
    const run = await cancellingRun();
    clock.advance(9);
    await t.runService('cancelling-timeout');
    expect((await api.flowRuns.read({ id: run })).stateType).toBe('CANCELLING');
    clock.advance(2);
    await t.runService('cancelling-timeout');
    expect((await api.flowRuns.read({ id: run })).stateType).toBe('CANCELLED');
  });

  it('leaves runs that left CANCELLING alone', async () => {
    const run = await cancellingRun();
    await api.flowRuns.setState({ id: run, state: { type: 'CANCELLED', message: 'killed' } });
    clock.advance(600);
    await t.runService('cancelling-timeout');
    expect((await api.flowRuns.read({ id: run })).state?.message).toBe('killed');
  });
});
