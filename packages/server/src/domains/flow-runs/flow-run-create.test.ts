import { uuid7 } from '@weft/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';
import { createTestClock } from '../../testing/test-clock';

// `flowRuns.create`, `flows.create` and `taskRuns.create` answer from what they wrote, without
// reading it back: these pin that the answer is what a later read returns.

const clock = createTestClock();
let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
let flowId: string;

beforeAll(async () => {
  t = await createTestServer({ clock });
  api = appRouter.createCaller(await t.server.createContext());
  flowId = (await api.flows.create({ name: 'create-answers' })).id;
});
afterAll(() => t.close());

describe('flowRuns.create answers what a read returns', () => {
  it('for a default Pending run', async () => {
    const run = await api.flowRuns.create({ flowId });
    expect(await api.flowRuns.read({ id: run.id })).toEqual(run);
  });

  it('for a Scheduled run with parameters, tags, policy and details', async () => {
    const scheduled = new Date(clock().getTime() + 60_000);
    const run = await api.flowRuns.create({
      flowId,
      name: 'full',
      flowVersion: 'v1',
      parameters: { b: [1, { c: null }], a: 'x', when: '2026-01-01T00:00:00.000Z' },
      tags: ['t1', 't2'],
      empiricalPolicy: { retries: 3, retryDelaySeconds: 2 },
      state: {
        type: 'SCHEDULED',
        message: 'later',
        stateDetails: { scheduledTime: scheduled },
        data: { k: 1 },
      },
    });
    expect(run.state).toMatchObject({ type: 'SCHEDULED', message: 'later', data: { k: 1 } });
    expect(run.state?.stateDetails.scheduledTime).toEqual(scheduled);
    expect(await api.flowRuns.read({ id: run.id })).toEqual(run);
  });

  it('for a run created straight into RUNNING', async () => {
    const run = await api.flowRuns.create({ flowId, state: { type: 'RUNNING' } });
    expect(run).toMatchObject({ runCount: 1, stateType: 'RUNNING' });
    expect(await api.flowRuns.read({ id: run.id })).toEqual(run);
  });

  it('for a repeated pre-assigned id', async () => {
    const id = uuid7();
    const first = await api.flowRuns.create({ id, flowId });
    expect(await api.flowRuns.create({ id, flowId, name: 'other' })).toEqual(first);
  });
});

describe('flowRuns.create refusals write nothing', () => {
  it('answers NOT_FOUND for a subflow of a missing parent task run', async () => {
    const id = uuid7();
    const parentTaskRunId = uuid7();
    await expect(api.flowRuns.create({ id, flowId, parentTaskRunId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `Task run ${parentTaskRunId} not found`,
    });
    await expect(api.flowRuns.read({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers CONFLICT when the first state id is taken', async () => {
    const other = await api.flowRuns.create({ flowId });
    const id = uuid7();
    await expect(
      api.flowRuns.create({ id, flowId, state: { id: other.stateId!, type: 'PENDING' } }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: `State ${other.stateId} already exists` });
    await expect(api.flowRuns.read({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers NOT_FOUND for a missing flow, every time', async () => {
    const missing = uuid7();
    for (let i = 0; i < 2; i++) {
      await expect(api.flowRuns.create({ flowId: missing })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: `Flow ${missing} not found`,
      });
    }
  });
});

describe('flows.create and taskRuns.create', () => {
  it('gives concurrent creators of one name the same flow', async () => {
    const flows = await Promise.all(Array.from({ length: 5 }, () => api.flows.create({ name: 'race' })));
    expect(new Set(flows.map((flow) => flow.id)).size).toBe(1);
    expect(await api.flows.readByName({ name: 'race' })).toEqual(flows[0]);
  });

  it('answers a created task run as a read returns it', async () => {
    const run = await api.flowRuns.create({ flowId });
    const taskRun = await api.taskRuns.create({
      id: uuid7(),
      name: 'one',
      flowRunId: run.id,
      taskKey: 'one',
      dynamicKey: '0',
      tags: ['x'],
      taskInputs: { a: [{ inputType: 'parameter', name: 'a' }] },
      empiricalPolicy: { retries: 1 },
    });
    expect(await api.taskRuns.read({ id: taskRun.id })).toEqual(taskRun);
  });

  it('answers NOT_FOUND for a task run of a missing flow run', async () => {
    const missing = uuid7();
    await expect(
      api.taskRuns.create({ id: uuid7(), name: 'orphan', flowRunId: missing, taskKey: 'o', dynamicKey: '0' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: `Flow run ${missing} not found` });
  });
});
