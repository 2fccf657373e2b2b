import { type StateType, type TaskRunInput, uuid7 } from '@weft/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';
import { createTestClock } from '../../testing/test-clock';
import { buildFlowRunGraph } from './flow-run-graph';

const T0 = new Date('2026-03-01T00:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const clock = createTestClock(T0);
let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
let flowId: string;
let runId: string;
const ids = { a: uuid7(), b: uuid7(), c: uuid7(), s: uuid7(), d: uuid7(), e: uuid7() };
let childId: string;

function state(type: StateType, seconds: number) {
  const name = type.charAt(0) + type.slice(1).toLowerCase();
  return { id: uuid7(), type, name, timestamp: at(seconds), message: null, stateDetails: {}, data: null };
}
const upstream = (id: string): TaskRunInput => ({ inputType: 'task_run', id });

beforeAll(async () => {
  t = await createTestServer({ clock });
  api = appRouter.createCaller(await t.server.createContext());
  flowId = (await api.flows.create({ name: 'graph' })).id;
  runId = (await api.flowRuns.create({ flowId })).id;
  await api.flowRuns.setState({ id: runId, state: { type: 'RUNNING' } });
  const task = (key: keyof typeof ids, taskInputs: Record<string, TaskRunInput[]> = {}) => ({
    id: ids[key],
    name: `task-${key}`,
    flowRunId: runId,
    taskKey: key,
    dynamicKey: '0',
    taskInputs,
  });
  await api.taskRuns.recordBatch({
    taskRuns: [
      task('a'),
      task('b', { x: [upstream(ids.a), { inputType: 'parameter', name: 'n' }] }),
      task('c', { wait_for: [upstream(ids.b)], y: [{ inputType: 'constant', type: 'number' }] }),
      task('s', { value: [upstream(ids.a)] }), // tracks the subflow run below
      task('d', { fromSubflow: [upstream(ids.s)], again: [upstream(ids.s)] }),
      task('e', { __parents__: [upstream(ids.c)] }), // nested in c; never started
    ],
    states: [
      ...(['a', 'b', 'c', 's', 'd', 'e'] as const).map((key) => ({
        taskRunId: ids[key],
        state: state('PENDING', 0.5),
      })),
      { taskRunId: ids.a, state: state('RUNNING', 1) },
      { taskRunId: ids.a, state: state('COMPLETED', 1.5) },
      { taskRunId: ids.b, state: state('RUNNING', 2) },
      { taskRunId: ids.c, state: state('RUNNING', 3) },
      { taskRunId: ids.d, state: state('RUNNING', 5) },
    ],
  });
  const child = await api.flowRuns.create({ flowId, name: 'the-subflow', parentTaskRunId: ids.s });
  childId = child.id;
  clock.set(at(4));
  // The child's states are mirrored onto its tracking task run, which then names the subflow.
  await api.flowRuns.setState({ id: childId, state: { type: 'RUNNING' } });
});
afterAll(() => t.close());

describe('flowRuns.graph', () => {
  it('has task run and subflow nodes, edges from inputs and waitFor, ordered by start time', async () => {
    const graph = await api.flowRuns.graph({ id: runId });
    expect(graph.nodes.map((n) => [n.kind, n.label])).toEqual([
      ['task-run', 'task-a'],
      ['task-run', 'task-b'],
      ['task-run', 'task-c'],
      ['flow-run', 'the-subflow'],
      ['task-run', 'task-d'],
      ['task-run', 'task-e'],
    ]);
    const byLabel = Object.fromEntries(graph.nodes.map((n) => [n.label, n]));
    const sub = byLabel['the-subflow']!;
    expect(sub).toMatchObject({ id: childId, stateType: 'RUNNING', startTime: at(4), endTime: null });
    expect(byLabel['task-a']).toMatchObject({
      id: ids.a,
      stateType: 'COMPLETED',
      stateName: 'Completed',
      startTime: at(1),
      endTime: at(1.5),
      parents: [],
      children: [{ id: ids.b }, { id: childId }],
    });
    expect(byLabel['task-b']!.parents).toEqual([{ id: ids.a }]);
    expect(byLabel['task-c']!.parents).toEqual([{ id: ids.b }]);
    expect(byLabel['task-c']!.children).toEqual([{ id: ids.e }]);
    expect(sub.parents).toEqual([{ id: ids.a }]);
    // The tracking task run's id stands for the subflow node; one edge however often it is used.
    expect(byLabel['task-d']!.parents).toEqual([{ id: childId }]);
    expect(byLabel['task-e']!.parents).toEqual([{ id: ids.c }]);
    expect(graph.rootNodeIds).toEqual([ids.a]);
    expect(graph.states.map((s) => s.type)).toEqual(['PENDING', 'RUNNING']);
    // Its RUNNING state came 1 ms after PENDING (state timestamps are unique per run).
    expect(graph.startTime).toEqual(at(0.001));
    expect(graph.endTime).toBeNull();
  });

  it('keeps only the nodes that changed at or after `since`', async () => {
    const graph = await api.flowRuns.graph({ id: runId, since: at(3.5) });
    expect(graph.nodes.map((n) => n.label)).toEqual(['the-subflow', 'task-d']);
    expect(graph.rootNodeIds).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown run', async () => {
    const missing = uuid7();
    await expect(api.flowRuns.graph({ id: missing })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `Flow run ${missing} not found`,
    });
  });

  it('refuses a run with more task runs than the limit, naming both', async () => {
    await expect(buildFlowRunGraph(t.resources.db, { id: runId }, 5)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: `id: flow run ${runId} has 6 task runs; the graph shows at most 5`,
    });
    expect((await buildFlowRunGraph(t.resources.db, { id: runId }, 6)).nodes).toHaveLength(6);
  });
});
