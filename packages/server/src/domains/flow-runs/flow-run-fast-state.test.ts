import { FlowRunCreate, newState, TaskRunBatch, uuid7 } from '@weft/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';
import { createFlowRunCreator } from './flow-run-creator';
import { trySetStateFast } from './flow-run-fast-state';
import { FlowRunSnapshotCache } from './flow-run-snapshot-cache';

// The one-statement state change against a cached snapshot (flow-run-fast-state.ts): taken when
// it applies, and when the row changed or the batch needs the stored runs it writes nothing and
// leaves the change to the locked path.
let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
let flowId: string;
const cache = new FlowRunSnapshotCache();
let create: ReturnType<typeof createFlowRunCreator>;

beforeAll(async () => {
  t = await createTestServer();
  api = appRouter.createCaller(await t.server.createContext());
  flowId = (await api.flows.create({ name: 'fast-state' })).id;
  create = createFlowRunCreator(t.resources, cache);
});
afterAll(() => t.close());

const runningRun = async (retries = 0) =>
  (
    await create(
      FlowRunCreate.parse({
        flowId,
        state: newState('RUNNING'),
        empiricalPolicy: { retries, retryDelaySeconds: 0 },
      }),
    )
  ).id;

function oneTask(flowRunId: string, taskRunId = uuid7()) {
  const stateDetails = { flowRunId, taskRunId };
  return TaskRunBatch.parse({
    taskRuns: [{ id: taskRunId, name: 'last-0', flowRunId, taskKey: 'last', dynamicKey: taskRunId }],
    states: (['PENDING', 'RUNNING', 'COMPLETED'] as const).map((type, i) => ({
      taskRunId,
      state: newState(type, { stateDetails, timestamp: new Date(Date.now() + i) }),
    })),
  });
}

const fast = (
  id: string,
  type: 'COMPLETED' | 'FAILED' | 'RUNNING',
  extra: Partial<Parameters<typeof trySetStateFast>[2]> = {},
) =>
  trySetStateFast(t.resources.db, cache, {
    id,
    state: newState(type),
    force: false,
    hasRunUpdate: false,
    now: new Date(),
    ...extra,
  });

const stateTypes = async (id: string) => (await api.flowRuns.states({ id })).map((s) => s.type);

describe('a state change in one statement', () => {
  it('writes the final state, the run fields and the carried task runs with their states', async () => {
    const id = await runningRun();
    const batch = oneTask(id);
    const outcome = await fast(id, 'COMPLETED', { taskRuns: batch });
    expect(outcome?.result).toMatchObject({ status: 'ACCEPT', state: { type: 'COMPLETED' } });
    const run = await api.flowRuns.read({ id });
    expect(run).toMatchObject({ stateType: 'COMPLETED', runCount: 1 });
    expect(run.endTime).toBeInstanceOf(Date);
    expect(run.totalRunTime).toBeGreaterThanOrEqual(0);
    expect(await stateTypes(id)).toEqual(['RUNNING', 'COMPLETED']);
    const taskRunId = batch.taskRuns[0]!.id!;
    expect(await api.taskRuns.read({ id: taskRunId })).toMatchObject({ stateType: 'COMPLETED', runCount: 1 });
    expect((await api.taskRuns.states({ id: taskRunId })).map((s) => s.type)).toEqual([
      'PENDING',
      'RUNNING',
      'COMPLETED',
    ]);
  });

  it('follows a run through a retry: each change starts from the snapshot the last one wrote', async () => {
    const id = await runningRun(1);
    const retry = await fast(id, 'FAILED');
    expect(retry?.result.state).toMatchObject({ type: 'SCHEDULED', name: 'AwaitingRetry' });
    expect((await fast(id, 'RUNNING'))?.result.state?.type).toBe('RUNNING');
    expect((await fast(id, 'COMPLETED'))?.result.state?.type).toBe('COMPLETED');
    expect(await api.flowRuns.read({ id })).toMatchObject({ stateType: 'COMPLETED', runCount: 2 });
  });

  it('writes nothing when the row changed since (a field update): the locked path decides', async () => {
    const id = await runningRun();
    await api.flowRuns.update({ id, tags: ['changed'] });
    const batch = oneTask(id);
    expect(await fast(id, 'COMPLETED', { taskRuns: batch })).toBeUndefined();
    expect(await stateTypes(id)).toEqual(['RUNNING']);
    expect(await api.taskRuns.count({ filter: { flowRunId: { any: [id] } } })).toBe(0);
    expect(cache.get(id)).toBeUndefined();
  });

  it('leaves a run another writer cancelled to the policy, not to the stale snapshot', async () => {
    const { id } = await api.flowRuns.create({ flowId, state: { type: 'RUNNING' } });
    await api.flowRuns.bulkCancel({ ids: [id] });
    const cancelled = (await api.flowRuns.read({ id })).stateType;
    expect(['CANCELLING', 'CANCELLED']).toContain(cancelled);
    const result = await api.flowRuns.setState({ id, state: { type: 'COMPLETED' } });
    expect(result.status).not.toBe('ACCEPT');
    expect((await api.flowRuns.read({ id })).stateType).toBe(cancelled);
  });

  it('undoes everything when a carried task run is already stored, and the locked path records it', async () => {
    const id = await runningRun();
    const taskRunId = uuid7();
    const first = oneTask(id, taskRunId);
    await api.taskRuns.recordBatch({ taskRuns: first.taskRuns, states: first.states.slice(0, 1) });
    const before = cache.get(id);
    expect(await fast(id, 'COMPLETED', { taskRuns: first })).toBeUndefined();
    expect(await stateTypes(id)).toEqual(['RUNNING']);
    expect(before).toBeDefined();
    const result = await api.flowRuns.setState({ id, state: { type: 'COMPLETED' }, taskRuns: first });
    expect(result.status).toBe('ACCEPT');
    expect((await api.taskRuns.states({ id: taskRunId })).map((s) => s.type)).toEqual([
      'PENDING',
      'RUNNING',
      'COMPLETED',
    ]);
  });

  it('writes nothing when a carried task run names a missing flow run', async () => {
    const id = await runningRun();
    const ghost = uuid7();
    const batch = oneTask(ghost);
    expect(await fast(id, 'COMPLETED', { taskRuns: batch })).toBeUndefined();
    expect(await stateTypes(id)).toEqual(['RUNNING']);
    await expect(
      api.flowRuns.setState({ id, state: { type: 'COMPLETED' }, taskRuns: batch }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining(ghost),
    });
    expect(await stateTypes(id)).toEqual(['RUNNING']);
  });

  it('does not apply to a run update, states of stored task runs, or a run it did not write', async () => {
    const id = await runningRun();
    expect(await fast(id, 'COMPLETED', { hasRunUpdate: true })).toBeUndefined();
    const batch = oneTask(id);
    expect(await fast(id, 'COMPLETED', { taskRuns: { taskRuns: [], states: batch.states } })).toBeUndefined();
    expect(await fast(uuid7(), 'COMPLETED')).toBeUndefined();
    expect(await stateTypes(id)).toEqual(['RUNNING']);
  });
});
