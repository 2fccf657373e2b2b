import { type StateType, uuid7 } from '@weft/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';
import { createTestClock } from '../../testing/test-clock';

const T0 = new Date('2026-03-01T00:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const clock = createTestClock(at(7200));
let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
let mainRunId: string;
const window = { start: T0, end: at(3600), intervalSeconds: 900 };

function state(type: StateType, seconds: number) {
  const name = type.charAt(0) + type.slice(1).toLowerCase();
  return { id: uuid7(), type, name, timestamp: at(seconds), message: null, stateDetails: {}, data: null };
}

/** A task run whose first state (and so expected start) is at `pendingAt`, then the given states. */
async function taskRun(flowRunId: string, pendingAt: number, ...later: [StateType, number][]) {
  const id = uuid7();
  await api.taskRuns.recordBatch({
    taskRuns: [{ id, name: `t-${pendingAt}`, flowRunId, taskKey: 'work', dynamicKey: id }],
    states: [
      { taskRunId: id, state: state('PENDING', pendingAt) },
      ...later.map(([type, s]) => ({ taskRunId: id, state: state(type, s) })),
    ],
  });
  return id;
}

beforeAll(async () => {
  t = await createTestServer({ clock });
  api = appRouter.createCaller(await t.server.createContext());
  const flow = await api.flows.create({ name: 'task-history' });
  const other = await api.flows.create({ name: 'task-history-other' });
  mainRunId = (await api.flowRuns.create({ flowId: flow.id })).id;
  const otherRunId = (await api.flowRuns.create({ flowId: other.id })).id;
  await taskRun(mainRunId, 0, ['RUNNING', 5], ['COMPLETED', 25]); // bucket 0: ran 20 s, 5 s late
  await taskRun(mainRunId, 899.5, ['RUNNING', 900], ['FAILED', 901]); // bucket 0 (last instant)
  await taskRun(mainRunId, 900, ['RUNNING', 7100]); // bucket 1: running for 100 s now
  await taskRun(mainRunId, 3600); // the window's end: outside
  await taskRun(otherRunId, 2700, ['RUNNING', 2700], ['COMPLETED', 2710]); // bucket 3, other flow
});
afterAll(() => t.close());

describe('taskRuns.history', () => {
  it('buckets task runs by expected start time with run time and lateness', async () => {
    const buckets = await api.taskRuns.history(window);
    expect(buckets).toHaveLength(4);
    expect(buckets[0]).toEqual({
      intervalStart: T0,
      intervalEnd: at(900),
      states: [
        {
          stateType: 'COMPLETED',
          stateName: 'Completed',
          count: 1,
          sumRunSeconds: 20,
          sumLatenessSeconds: 5,
        },
        { stateType: 'FAILED', stateName: 'Failed', count: 1, sumRunSeconds: 1, sumLatenessSeconds: 0.5 },
      ],
    });
    expect(buckets[1]!.states).toEqual([
      { stateType: 'RUNNING', stateName: 'Running', count: 1, sumRunSeconds: 100, sumLatenessSeconds: 6200 },
    ]);
    expect(buckets[2]!.states).toEqual([]);
    expect(buckets[3]!.states.map((s) => [s.stateType, s.count])).toEqual([['COMPLETED', 1]]);
  });

  it('filters on the task runs and on their flow runs', async () => {
    const failed = await api.taskRuns.history({ ...window, filter: { stateType: { any: ['FAILED'] } } });
    expect(failed.map((b) => b.states.length)).toEqual([1, 0, 0, 0]);
    const main = await api.taskRuns.history({ ...window, flowRunFilter: { id: { any: [mainRunId] } } });
    expect(main.map((b) => b.states.length)).toEqual([2, 1, 0, 0]);
    const byFlowName = await api.taskRuns.history({
      ...window,
      flowRunFilter: { flowName: { any: ['task-history-other'] } },
    });
    expect(byFlowName.map((b) => b.states.length)).toEqual([0, 0, 0, 1]);
  });

  it('answers BAD_REQUEST naming the field for a bad window', async () => {
    await expect(api.taskRuns.history({ start: at(60), end: T0, intervalSeconds: 60 })).rejects.toMatchObject(
      {
        code: 'BAD_REQUEST',
        message: expect.stringContaining('end: end must be after start'),
      },
    );
  });
});
