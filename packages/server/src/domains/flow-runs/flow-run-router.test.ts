import { uuid7 } from '@weft/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';
import { createTestClock } from '../../testing/test-clock';

const clock = createTestClock();
let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
let flowId: string;

beforeAll(async () => {
  t = await createTestServer({ clock });
  api = appRouter.createCaller(await t.server.createContext());
  flowId = (await api.flows.create({ name: 'flow-runs' })).id;
});
afterAll(() => t.close());

describe('flowRuns.create', () => {
  it('creates a Pending run with a generated name and expected start time', async () => {
    const run = await api.flowRuns.create({ flowId, parameters: { x: 1 } });
    expect(run.name).toMatch(/^[a-z]+-[a-z]+$/);
    expect(run.flowName).toBe('flow-runs');
    expect(run.stateType).toBe('PENDING');
    expect(run.state).toMatchObject({
      type: 'PENDING',
      name: 'Pending',
      stateDetails: { flowRunId: run.id },
    });
    expect(run.expectedStartTime).toEqual(clock());
    expect(run.parameters).toEqual({ x: 1 });
    expect(await api.flowRuns.states({ id: run.id })).toHaveLength(1);
  });

  it('returns the existing run for a repeated idempotency key', async () => {
    const first = await api.flowRuns.create({ flowId, idempotencyKey: 'key-1', name: 'first' });
    const second = await api.flowRuns.create({ flowId, idempotencyKey: 'key-1', name: 'second' });
    expect(second.id).toBe(first.id);
    expect(second.name).toBe('first');
    expect(await api.flowRuns.count({ filter: { idempotencyKey: { any: ['key-1'] } } })).toBe(1);
  });

  it('takes a SCHEDULED initial state and a pre-assigned id', async () => {
    const id = uuid7();
    const scheduledTime = new Date(clock().getTime() + 60_000);
    const run = await api.flowRuns.create({
      id,
      flowId,
      state: { type: 'SCHEDULED', stateDetails: { scheduledTime } },
    });
    expect(run.id).toBe(id);
    expect(run.expectedStartTime).toEqual(scheduledTime);
    expect(run.nextScheduledStartTime).toEqual(scheduledTime);
  });

  it('answers NOT_FOUND naming a missing flow', async () => {
    const missing = uuid7();
    await expect(api.flowRuns.create({ flowId: missing })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `Flow ${missing} not found`,
    });
  });

  it('answers BAD_REQUEST naming the field', async () => {
    await expect(api.flowRuns.create({ flowId: 'nope' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'flowId: Invalid UUID',
    });
  });
});

describe('flowRuns.setState', () => {
  it('accepts RUNNING then COMPLETED and keeps counts and times', async () => {
    const run = await api.flowRuns.create({ flowId });
    const started = clock.advance(10);
    const running = await api.flowRuns.setState({ id: run.id, state: { type: 'RUNNING' } });
    expect(running.status).toBe('ACCEPT');
    expect(running.state?.type).toBe('RUNNING');
    clock.advance(5);
    expect((await api.flowRuns.read({ id: run.id })).estimatedRunTime).toBe(5);
    const ended = clock.advance(2.5);
    const completed = await api.flowRuns.setState({ id: run.id, state: { type: 'COMPLETED' } });
    expect(completed.status).toBe('ACCEPT');
    const after = await api.flowRuns.read({ id: run.id });
    expect(after).toMatchObject({ runCount: 1, startTime: started, endTime: ended, totalRunTime: 7.5 });
    expect(after.stateType).toBe('COMPLETED');
    expect(after.estimatedStartTimeDelta).toBe(10);
    expect((await api.flowRuns.states({ id: run.id })).map((s) => s.type)).toEqual([
      'PENDING',
      'RUNNING',
      'COMPLETED',
    ]);
  });

  it('rejects RUNNING→FAILED into AwaitingRetry when retries remain', async () => {
    const run = await api.flowRuns.create({ flowId, empiricalPolicy: { retries: 1, retryDelaySeconds: 30 } });
    await api.flowRuns.setState({ id: run.id, state: { type: 'RUNNING' } });
    const result = await api.flowRuns.setState({ id: run.id, state: { type: 'FAILED', message: 'boom' } });
    expect(result.status).toBe('REJECT');
    expect(result.state).toMatchObject({ type: 'SCHEDULED', name: 'AwaitingRetry' });
    expect((await api.flowRuns.read({ id: run.id })).stateName).toBe('AwaitingRetry');
  });

  it('aborts PENDING→PENDING and writes nothing', async () => {
    const run = await api.flowRuns.create({ flowId });
    const result = await api.flowRuns.setState({ id: run.id, state: { type: 'PENDING' } });
    expect(result.status).toBe('ABORT');
    expect(await api.flowRuns.states({ id: run.id })).toHaveLength(1);
  });

  it('writes with force what the policy would refuse', async () => {
    const run = await api.flowRuns.create({ flowId });
    const result = await api.flowRuns.setState({
      id: run.id,
      state: { type: 'PENDING', name: 'Pending' },
      force: true,
    });
    expect(result.status).toBe('ACCEPT');
    expect(await api.flowRuns.states({ id: run.id })).toHaveLength(2);
  });

  it('answers CONFLICT for a state id that is already stored, and writes nothing', async () => {
    const run = await api.flowRuns.create({ flowId });
    await expect(
      api.flowRuns.setState({ id: run.id, state: { id: run.stateId!, type: 'RUNNING' } }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: `State ${run.stateId} already exists` });
    expect((await api.flowRuns.read({ id: run.id })).stateType).toBe('PENDING');
  });

  it('answers NOT_FOUND for a missing run', async () => {
    await expect(api.flowRuns.setState({ id: uuid7(), state: { type: 'RUNNING' } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('flowRuns.update and delete', () => {
  it('updates descriptive fields and merges the policy', async () => {
    const run = await api.flowRuns.create({ flowId, empiricalPolicy: { retries: 2 } });
    const updated = await api.flowRuns.update({
      id: run.id,
      name: 'renamed',
      tags: ['t'],
      infrastructurePid: '123',
      empiricalPolicy: { retryDelaySeconds: 5 },
    });
    expect(updated).toMatchObject({ name: 'renamed', tags: ['t'], infrastructurePid: '123' });
    expect(updated.empiricalPolicy).toMatchObject({ retries: 2, retryDelaySeconds: 5 });
  });

  it('resets a policy field to its default value, leaving the fields it does not name', async () => {
    const run = await api.flowRuns.create({ flowId, empiricalPolicy: { retries: 3, retryDelaySeconds: 7 } });
    const updated = await api.flowRuns.update({ id: run.id, empiricalPolicy: { retries: null } });
    expect(updated.empiricalPolicy).toMatchObject({ retries: null, retryDelaySeconds: 7 });
    expect((await api.flowRuns.read({ id: run.id })).empiricalPolicy.retries).toBeNull();
  });

  it('deletes a run with its states, task runs and logs', async () => {
    const run = await api.flowRuns.create({ flowId });
    const taskRunId = uuid7();
    await api.taskRuns.recordBatch({
      taskRuns: [{ id: taskRunId, name: 't', flowRunId: run.id, taskKey: 'k', dynamicKey: '0' }],
      states: [
        {
          taskRunId,
          state: {
            id: uuid7(),
            type: 'RUNNING',
            name: 'Running',
            timestamp: clock(),
            message: null,
            stateDetails: {},
            data: null,
          },
        },
      ],
    });
    await api.logs.create([
      { name: 'l', level: 20, message: 'flow', timestamp: clock(), flowRunId: run.id },
      { name: 'l', level: 20, message: 'task', timestamp: clock(), taskRunId },
    ]);
    expect(await api.flowRuns.delete({ id: run.id })).toEqual({ id: run.id });
    const { db } = t.resources;
    const count = async (table: 'flow_run_state' | 'task_run' | 'task_run_state' | 'log') =>
      (await db.selectFrom(table).select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    await expect(api.flowRuns.read({ id: run.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await db.selectFrom('flow_run_state').select('id').where('flow_run_id', '=', run.id).execute(),
    ).toEqual([]);
    expect(await db.selectFrom('task_run').select('id').where('id', '=', taskRunId).execute()).toEqual([]);
    expect(
      await db.selectFrom('task_run_state').select('id').where('task_run_id', '=', taskRunId).execute(),
    ).toEqual([]);
    expect(await api.logs.list({ filter: { flowRunId: { any: [run.id] } } })).toEqual([]);
    expect(await api.logs.list({ filter: { taskRunId: { any: [taskRunId] } } })).toEqual([]);
    expect(Number(await count('log'))).toBeGreaterThanOrEqual(0);
    await expect(api.flowRuns.delete({ id: run.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('subflows', () => {
  it('mirrors a subflow run state onto its parent task run', async () => {
    const parent = await api.flowRuns.create({ flowId });
    const taskRunId = uuid7();
    await api.taskRuns.create({
      id: taskRunId,
      name: 'child',
      flowRunId: parent.id,
      taskKey: 'child',
      dynamicKey: '0',
    });
    const child = await api.flowRuns.create({ flowId, parentTaskRunId: taskRunId });
    expect(child.state?.stateDetails.taskRunId).toBe(taskRunId);
    clock.advance(1);
    await api.flowRuns.setState({ id: child.id, state: { type: 'RUNNING' } });
    const tracking = await api.taskRuns.read({ id: taskRunId });
    expect(tracking).toMatchObject({ stateType: 'RUNNING', runCount: 1, subflowRunId: child.id });
    expect(tracking.state?.stateDetails).toMatchObject({
      childFlowRunId: child.id,
      taskRunId,
      flowRunId: parent.id,
    });
    expect(tracking.stateId).not.toBe((await api.flowRuns.read({ id: child.id })).stateId);
    expect((await api.taskRuns.states({ id: taskRunId })).map((s) => s.type)).toEqual(['PENDING', 'RUNNING']);
    expect(await api.taskRuns.count({ filter: { subflowRuns: { exists: true } } })).toBe(1);
    expect(
      (await api.flowRuns.list({ filter: { parentFlowRunId: { any: [parent.id] } } })).map((r) => r.id),
    ).toEqual([child.id]);
  });
});
