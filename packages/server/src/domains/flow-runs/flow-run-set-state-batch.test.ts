import { newState, uuid7 } from '@weft/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';

// A flow run's final state may carry its last task run records: both in one transaction.
let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
let flowId: string;

beforeAll(async () => {
  t = await createTestServer();
  api = appRouter.createCaller(await t.server.createContext());
  flowId = (await api.flows.create({ name: 'with-batch' })).id;
});
afterAll(() => t.close());

const runningRun = async () => (await api.flowRuns.create({ flowId, state: { type: 'RUNNING' } })).id;

describe('flowRuns.setState with taskRuns', () => {
  it('records the task runs and their states, then the flow run state', async () => {
    const flowRunId = await runningRun();
    const taskRunId = uuid7();
    const result = await api.flowRuns.setState({
      id: flowRunId,
      state: { type: 'COMPLETED' },
      taskRuns: {
        taskRuns: [{ id: taskRunId, name: 'last-0', flowRunId, taskKey: 'last', dynamicKey: '0' }],
        states: [
          { taskRunId, state: newState('RUNNING', { stateDetails: { flowRunId, taskRunId } }) },
          { taskRunId, state: newState('COMPLETED', { stateDetails: { flowRunId, taskRunId } }) },
        ],
      },
    });
    expect(result.status).toBe('ACCEPT');
    expect((await api.flowRuns.read({ id: flowRunId })).stateType).toBe('COMPLETED');
    const task = await api.taskRuns.read({ id: taskRunId });
    expect(task).toMatchObject({ flowRunId, stateType: 'COMPLETED', runCount: 1 });
  });

  it('writes nothing when the batch is bad: the state stays as it was', async () => {
    const flowRunId = await runningRun();
    const ghost = uuid7();
    await expect(
      api.flowRuns.setState({
        id: flowRunId,
        state: { type: 'COMPLETED' },
        taskRuns: { states: [{ taskRunId: ghost, state: newState('COMPLETED') }] },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining(ghost) });
    expect((await api.flowRuns.read({ id: flowRunId })).stateType).toBe('RUNNING');
  });

  it('answers BAD_REQUEST naming the field of a malformed record', async () => {
    const flowRunId = await runningRun();
    await expect(
      api.flowRuns.setState({
        id: flowRunId,
        state: { type: 'COMPLETED' },
        taskRuns: { taskRuns: [{ id: 'nope', name: 'x', flowRunId, taskKey: 'x', dynamicKey: '0' }] },
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('taskRuns.taskRuns.0.id'),
    });
    expect((await api.flowRuns.read({ id: flowRunId })).stateType).toBe('RUNNING');
  });

  it('applies a run update first, so the retry rule sees the policy it sets', async () => {
    const flowRunId = await runningRun();
    const result = await api.flowRuns.setState({
      id: flowRunId,
      state: { type: 'FAILED' },
      runUpdate: { flowVersion: 'v7', empiricalPolicy: { retries: 1, retryDelaySeconds: 0 } },
    });
    expect(result.state).toMatchObject({ type: 'SCHEDULED', name: 'AwaitingRetry' });
    const run = await api.flowRuns.read({ id: flowRunId });
    expect(run).toMatchObject({ flowVersion: 'v7', empiricalPolicy: { retries: 1, retryDelaySeconds: 0 } });
  });

  it('refuses an unknown field in the run update, changing nothing', async () => {
    const flowRunId = await runningRun();
    await expect(
      api.flowRuns.setState({
        id: flowRunId,
        state: { type: 'COMPLETED' },
        runUpdate: { tags: ['x'] } as never,
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('runUpdate') });
    expect((await api.flowRuns.read({ id: flowRunId })).stateType).toBe('RUNNING');
  });
});
