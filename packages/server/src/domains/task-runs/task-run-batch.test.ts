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

describe('taskRuns.recordBatch state details', () => {
  // The usual details ({ flowRunId, taskRunId }, which the transforms set on every task run
  // state) are built in SQL; any others travel whole. Either way the stored details are the same.
  it('stores each state’s details, message and data: the run’s ids set, every other key kept', async () => {
    const run = taskRun('details');
    const at = (ms: number) => new Date(Date.parse('2026-05-06T07:08:09.000Z') + ms);
    const usual = { flowRunId, taskRunId: run.id };
    const sent: State[] = [
      { ...state('PENDING', at(0)), stateDetails: usual },
      { ...state('RUNNING', at(1)), stateDetails: { ...usual, cacheKey: 'k', scheduledTime: at(5) } },
      { ...state('RUNNING', at(2)), stateDetails: { flowRunId: null, taskRunId: run.id } },
      { ...state('RUNNING', at(3)), stateDetails: {} },
      { ...state('RUNNING', at(4)), stateDetails: { flowRunId, taskRunId: uuid7() } },
      {
        ...state('COMPLETED', at(6)),
        message: 'it’s "done"',
        data: { rows: [1, 2], note: null },
        stateDetails: usual,
      },
    ];
    await api.taskRuns.recordBatch({
      taskRuns: [run],
      states: sent.map((s) => ({ taskRunId: run.id, state: s })),
    });
    const stored = await api.taskRuns.states({ id: run.id });
    expect(stored.map((s) => s.stateDetails)).toEqual([
      usual,
      { ...usual, cacheKey: 'k', scheduledTime: at(5) },
      usual,
      usual,
      usual,
      usual,
    ]);
    expect(stored.at(-1)).toMatchObject({ message: 'it’s "done"', data: { rows: [1, 2], note: null } });
    expect(stored.map((s) => s.timestamp.getTime())).toEqual(sent.map((s) => s.timestamp.getTime()));
  });
});

describe('taskRuns.recordBatch columns', () => {
  it('stores tags, inputs, policy, version and cache fields of every run as sent, odd characters included', async () => {
    const odd = ['a,b', 'quote"d', 'back\\slash', '{braced}', 'NULL', 'ünï ☃'];
    const cacheExpiration = new Date('2030-01-02T03:04:05.678Z');
    const fields = {
      tags: odd,
      taskVersion: 'v1',
      cacheKey: 'key-"1"',
      cacheExpiration,
      taskInputs: { x: [{ inputType: 'parameter', name: 'x' }], 'odd "name"': [] },
      empiricalPolicy: { retries: 2, retryDelaySeconds: 3 },
      flowRunRunCount: 2,
    };
    const first = taskRun('columns-a', fields);
    const second = taskRun('columns-b');
    await api.taskRuns.recordBatch({ taskRuns: [first, second] });
    const a = await api.taskRuns.read({ id: first.id });
    expect(a).toMatchObject({ ...fields, runCount: 0, stateType: null });
    const b = await api.taskRuns.read({ id: second.id });
    expect(b).toMatchObject({ tags: [], taskVersion: null, cacheKey: null, cacheExpiration: null });
    expect(b.empiricalPolicy).toMatchObject({ retries: 0 });
  });
});

describe('taskRuns.recordBatch ids', () => {
  it('takes uuids in upper case: the runs and their states are stored under the same ids', async () => {
    const run = { ...taskRun('upper'), flowRunId: flowRunId.toUpperCase() };
    const upperId = run.id.toUpperCase();
    const earlier = state('PENDING', new Date(Date.now() - 10));
    const later = state('COMPLETED', new Date());
    const first = await api.taskRuns.recordBatch({
      taskRuns: [{ ...run, id: upperId }],
      states: [{ taskRunId: upperId, state: earlier }],
    });
    expect(first).toEqual({ taskRuns: 1, states: 1 });
    // A later state of the stored run, named in upper case again.
    expect(await api.taskRuns.recordBatch({ states: [{ taskRunId: upperId, state: later }] })).toEqual({
      taskRuns: 0,
      states: 1,
    });
    const stored = await api.taskRuns.read({ id: run.id });
    expect(stored).toMatchObject({ id: run.id, flowRunId, stateType: 'COMPLETED' });
  });
});

describe('taskRuns.recordBatch with a state id another run has', () => {
  it('answers CONFLICT and writes nothing of the batch', async () => {
    const first = taskRun('state-owner');
    const taken = state('PENDING', new Date());
    await api.taskRuns.recordBatch({ taskRuns: [first], states: [{ taskRunId: first.id, state: taken }] });
    const second = taskRun('state-thief');
    const other = taskRun('state-bystander');
    const attempt = api.taskRuns.recordBatch({
      taskRuns: [other, second],
      states: [
        { taskRunId: other.id, state: state('PENDING', new Date()) },
        { taskRunId: second.id, state: { ...taken, timestamp: new Date() } },
      ],
    });
    await expect(attempt).rejects.toMatchObject({ code: 'CONFLICT' });
    for (const run of [second, other]) {
      await expect(api.taskRuns.read({ id: run.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect((await api.taskRuns.states({ id: first.id })).map((s) => s.id)).toEqual([taken.id]);
  });
});
