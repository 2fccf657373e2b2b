import { type State, uuid7 } from '@weft/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';

let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
let flowId: string;

beforeAll(async () => {
  t = await createTestServer();
  api = appRouter.createCaller(await t.server.createContext());
  flowId = (await api.flows.create({ name: 'concurrency' })).id;
});
afterAll(() => t.close());

// On Postgres these calls really overlap (a pool of connections); the row lock taken by
// `SELECT … FOR UPDATE` must serialise them so no count is lost. PGlite serialises them anyway.
describe('concurrent writes', () => {
  it('loses no run count when proposals for one flow run race', async () => {
    const run = await api.flowRuns.create({ flowId });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => api.flowRuns.setState({ id: run.id, state: { type: 'RUNNING' } })),
    );
    const accepted = results.filter((result) => result.status === 'ACCEPT').length;
    const after = await api.flowRuns.read({ id: run.id });
    expect(after.runCount).toBe(accepted);
    expect(await api.flowRuns.states({ id: run.id })).toHaveLength(accepted + 1);
  });

  it('loses no run count when batches for one task run race', async () => {
    const flowRunId = (await api.flowRuns.create({ flowId })).id;
    const taskRunId = uuid7();
    await api.taskRuns.create({ id: taskRunId, name: 't', flowRunId, taskKey: 'race', dynamicKey: '0' });
    const running = (): State => ({
      id: uuid7(),
      type: 'RUNNING',
      name: 'Running',
      timestamp: new Date(),
      message: null,
      stateDetails: {},
      data: null,
    });
    await Promise.all(
      Array.from({ length: 8 }, () =>
        api.taskRuns.recordBatch({ states: [{ taskRunId, state: running() }] }),
      ),
    );
    expect((await api.taskRuns.read({ id: taskRunId })).runCount).toBe(8);
  });
});
