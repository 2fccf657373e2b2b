import { type State, type StateType, uuid7 } from '@weft/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';
import { createTestClock } from '../../testing/test-clock';

const clock = createTestClock();
let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
let flowRunId: string;

const T0 = new Date('2026-01-01T00:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function state(type: StateType, seconds: number, extra: Partial<State> = {}): State {
  const name = type.charAt(0) + type.slice(1).toLowerCase();
  return {
    id: uuid7(),
    type,
    name,
    timestamp: at(seconds),
    message: null,
    stateDetails: {},
    data: null,
    ...extra,
  };
}

function taskRun(key: string, dynamicKey = '0') {
  return { id: uuid7(), name: key, flowRunId, taskKey: key, dynamicKey };
}

beforeAll(async () => {
  t = await createTestServer({ clock });
  api = appRouter.createCaller(await t.server.createContext());
  const flow = await api.flows.create({ name: 'tasks' });
  flowRunId = (await api.flowRuns.create({ flowId: flow.id })).id;
});
afterAll(() => t.close());

describe('taskRuns.recordBatch', () => {
  it('applies the global transforms: run count, start, end and total run time', async () => {
    const run = taskRun('transforms');
    const result = await api.taskRuns.recordBatch({
      taskRuns: [run],
      states: [
        { taskRunId: run.id, state: state('PENDING', 0) },
        { taskRunId: run.id, state: state('RUNNING', 1) },
        { taskRunId: run.id, state: state('COMPLETED', 4.5) },
      ],
    });
    expect(result).toEqual({ taskRuns: 1, states: 3 });
    const stored = await api.taskRuns.read({ id: run.id });
    expect(stored).toMatchObject({
      runCount: 1,
      startTime: at(1),
      endTime: at(4.5),
      totalRunTime: 3.5,
      expectedStartTime: at(0),
      stateType: 'COMPLETED',
      estimatedRunTime: 3.5,
    });
    expect(stored.state?.stateDetails).toMatchObject({ taskRunId: run.id, flowRunId });
    expect((await api.taskRuns.states({ id: run.id })).map((s) => s.type)).toEqual([
      'PENDING',
      'RUNNING',
      'COMPLETED',
    ]);
  });

  it('counts every entry into RUNNING across batches (retries)', async () => {
    const run = taskRun('retries');
    await api.taskRuns.recordBatch({
      taskRuns: [run],
      states: [
        { taskRunId: run.id, state: state('RUNNING', 0) },
        { taskRunId: run.id, state: state('FAILED', 2) },
      ],
    });
    await api.taskRuns.recordBatch({
      states: [
        { taskRunId: run.id, state: state('RUNNING', 3) },
        { taskRunId: run.id, state: state('COMPLETED', 4) },
      ],
    });
    expect(await api.taskRuns.read({ id: run.id })).toMatchObject({
      runCount: 2,
      totalRunTime: 3,
      endTime: at(4),
    });
  });

  it('treats a re-sent batch as a no-op', async () => {
    const run = taskRun('resent');
    const batch = {
      taskRuns: [run],
      states: [
        { taskRunId: run.id, state: state('RUNNING', 0) },
        { taskRunId: run.id, state: state('COMPLETED', 1) },
      ],
    };
    await api.taskRuns.recordBatch(batch);
    expect(await api.taskRuns.recordBatch(batch)).toEqual({ taskRuns: 0, states: 0 });
    expect(await api.taskRuns.read({ id: run.id })).toMatchObject({ runCount: 1, totalRunTime: 1 });
    expect(await api.taskRuns.states({ id: run.id })).toHaveLength(2);
  });

  it('writes nothing when one state names an unknown task run', async () => {
    const run = taskRun('all-or-nothing');
    const unknown = uuid7();
    await expect(
      api.taskRuns.recordBatch({
        taskRuns: [run],
        states: [
          { taskRunId: run.id, state: state('RUNNING', 0) },
          { taskRunId: unknown, state: state('RUNNING', 0) },
        ],
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: `Task run ${unknown} not found` });
    await expect(api.taskRuns.read({ id: run.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('writes nothing when one record is invalid, naming its path', async () => {
    const good = taskRun('valid');
    await expect(
      api.taskRuns.recordBatch({ taskRuns: [good, { ...taskRun('bad'), taskKey: '' }] }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^taskRuns\.1\.taskKey: /),
    });
    expect(await api.taskRuns.count({ filter: { id: { any: [good.id] } } })).toBe(0);
  });

  it('answers NOT_FOUND for a task run of a missing flow run', async () => {
    const missing = uuid7();
    await expect(
      api.taskRuns.recordBatch({ taskRuns: [{ ...taskRun('orphan'), flowRunId: missing }] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: `Flow run ${missing} not found` });
  });
});

describe('taskRuns.create', () => {
  it('is idempotent on (flowRunId, taskKey, dynamicKey)', async () => {
    const first = await api.taskRuns.create(taskRun('idem', '7'));
    const second = await api.taskRuns.create(taskRun('idem', '7'));
    expect(second.id).toBe(first.id);
    expect(await api.taskRuns.count({ filter: { taskKey: { any: ['idem'] } } })).toBe(1);
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    await expect(api.taskRuns.read({ id: uuid7() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.taskRuns.states({ id: uuid7() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('taskRuns.list', () => {
  it('filters, sorts and pages', async () => {
    const runs = [taskRun('list-x', '0'), taskRun('list-x', '1'), taskRun('list-y', '0')];
    await api.taskRuns.recordBatch({
      taskRuns: runs.map((run, i) => ({ ...run, name: `list-${i}`, tags: i === 2 ? ['blue'] : [] })),
      states: [
        { taskRunId: runs[0]!.id, state: state('PENDING', 100) },
        { taskRunId: runs[1]!.id, state: state('RUNNING', 200) },
        { taskRunId: runs[2]!.id, state: state('PENDING', 300) },
      ],
    });
    const names = async (input: Parameters<typeof api.taskRuns.list>[0]) =>
      (await api.taskRuns.list(input)).map((run) => run.name);
    const mine = { taskKey: { startsWith: 'list-' } };
    expect(await names({ filter: mine })).toEqual(['list-0', 'list-1', 'list-2']);
    expect(await names({ filter: mine, sort: 'EXPECTED_START_TIME_DESC', limit: 2 })).toEqual([
      'list-2',
      'list-1',
    ]);
    expect(await names({ filter: { ...mine, stateType: { any: ['PENDING'] } } })).toEqual([
      'list-0',
      'list-2',
    ]);
    expect(await names({ filter: { ...mine, startTime: { isNull: false } } })).toEqual(['list-1']);
    expect(await names({ filter: { ...mine, expectedStartTime: { before: at(200) } } })).toEqual([
      'list-0',
      'list-1',
    ]);
    expect(await names({ filter: { ...mine, tags: { any: ['blue'] } } })).toEqual(['list-2']);
    expect(
      await names({ filter: { ...mine, flowRunId: { any: [flowRunId] }, name: { like: 'T-1' } } }),
    ).toEqual(['list-1']);
    expect(await names({ filter: mine, sort: 'NAME_DESC', offset: 1 })).toEqual(['list-1', 'list-0']);
    expect(await api.taskRuns.count({ filter: { ...mine, subflowRuns: { exists: false } } })).toBe(3);
  });
});
