import { type State, type StateType, uuid7 } from '@weft/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';

// recordBatch sends timestamps as epoch milliseconds and writes runs and states in one
// statement: these pin exact times and the counts of a partly stored batch.

let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
let flowRunId: string;

function state(type: StateType, timestamp: Date): State {
  const name = type.charAt(0) + type.slice(1).toLowerCase();
  return { id: uuid7(), type, name, timestamp, message: null, stateDetails: {}, data: null };
}

function taskRun(key: string, extra: Record<string, unknown> = {}) {
  return { id: uuid7(), name: key, flowRunId, taskKey: key, dynamicKey: '0', ...extra };
}

beforeAll(async () => {
  t = await createTestServer();
  api = appRouter.createCaller(await t.server.createContext());
  const flow = await api.flows.create({ name: 'batch-times' });
  flowRunId = (await api.flowRuns.create({ flowId: flow.id })).id;
});
afterAll(() => t.close());

describe('taskRuns.recordBatch timestamps', () => {
  it.each([
    ['a recent instant', '2026-03-04T05:06:07.891Z'],
    ['an instant before 1970', '1969-12-31T23:59:59.999Z'],
    ['a far future instant', '2999-12-31T23:59:59.001Z'],
  ])('keeps %s to the millisecond', async (_, iso) => {
    const when = new Date(iso);
    const later = new Date(when.getTime() + 1_234);
    const run = taskRun(`times-${iso}`, { cacheExpiration: later, createdAt: when });
    const running = state('RUNNING', when);
    const completed = state('COMPLETED', later);
    await api.taskRuns.recordBatch({
      taskRuns: [run],
      states: [
        { taskRunId: run.id, state: running },
        { taskRunId: run.id, state: completed },
      ],
    });
    const stored = await api.taskRuns.read({ id: run.id });
    expect(stored).toMatchObject({
      cacheExpiration: later,
      createdAt: when,
      startTime: when,
      endTime: later,
      totalRunTime: 1.234,
      expectedStartTime: when,
      stateId: completed.id,
    });
    expect(stored.state?.timestamp).toEqual(later);
    const states = await api.taskRuns.states({ id: run.id });
    expect(states.map((s) => s.timestamp)).toEqual([when, later]);
  });
});

describe('taskRuns.recordBatch with some runs already stored', () => {
  it('writes the new runs with their states and records the rest on the stored runs', async () => {
    const t0 = new Date('2026-05-01T00:00:00.000Z');
    const stored = taskRun('stored');
    await api.taskRuns.recordBatch({
      taskRuns: [stored],
      states: [{ taskRunId: stored.id, state: state('PENDING', t0) }],
    });
    const fresh = taskRun('fresh');
    const result = await api.taskRuns.recordBatch({
      taskRuns: [stored, fresh],
      states: [
        { taskRunId: stored.id, state: state('RUNNING', new Date(t0.getTime() + 1000)) },
        { taskRunId: fresh.id, state: state('PENDING', t0) },
        { taskRunId: fresh.id, state: state('RUNNING', new Date(t0.getTime() + 2000)) },
      ],
    });
    expect(result).toEqual({ taskRuns: 1, states: 3 });
    expect(await api.taskRuns.read({ id: stored.id })).toMatchObject({ stateType: 'RUNNING', runCount: 1 });
    expect(await api.taskRuns.read({ id: fresh.id })).toMatchObject({ stateType: 'RUNNING', runCount: 1 });
    expect((await api.taskRuns.states({ id: fresh.id })).map((s) => s.type)).toEqual(['PENDING', 'RUNNING']);
  });
});
