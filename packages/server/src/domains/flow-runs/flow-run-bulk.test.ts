import { newState, uuid7 } from '@weft/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';
import { createTestClock } from '../../testing/test-clock';
import { cancelOutcome } from './flow-run-bulk';

const clock = createTestClock();
let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
let flowId: string;

async function runIn(...types: ('PENDING' | 'RUNNING' | 'COMPLETED' | 'CANCELLING')[]): Promise<string> {
  const { id } = await api.flowRuns.create({ flowId });
  for (const type of types) {
    clock.advance(1);
    await api.flowRuns.setState({ id, state: { type } });
  }
  return id;
}

/** A run with a task run (and its state) and logs of both. */
async function runWithChildren(): Promise<string> {
  const id = await runIn('RUNNING');
  const taskRunId = uuid7();
  await api.taskRuns.recordBatch({
    taskRuns: [{ id: taskRunId, name: 't', flowRunId: id, taskKey: 't', dynamicKey: '0' }],
    states: [{ taskRunId, state: newState('RUNNING', { timestamp: clock() }) }],
  });
  const log = { name: 'x', level: 20, message: 'hi', timestamp: clock() };
  await api.logs.create([
    { ...log, flowRunId: id },
    { ...log, taskRunId },
  ]);
  return id;
}

beforeAll(async () => {
  t = await createTestServer({ clock });
  api = appRouter.createCaller(await t.server.createContext());
  flowId = (await api.flows.create({ name: 'bulk' })).id;
});
afterAll(() => t.close());

describe('flowRuns.bulkCancel', () => {
  it('cancels running, pending and scheduled runs; skips finished and missing ones', async () => {
    const running = await runIn('RUNNING');
    const pending = await runIn();
    const { id: scheduled } = await api.flowRuns.create({
      flowId,
      state: { type: 'SCHEDULED', stateDetails: { scheduledTime: new Date(clock().getTime() + 3_600_000) } },
    });
    const completed = await runIn('RUNNING', 'COMPLETED');
    const missing = uuid7();
    const { results } = await api.flowRuns.bulkCancel({
      ids: [running, pending, scheduled, completed, missing, running],
    });
    expect(results).toEqual([
      { id: running, outcome: 'ok', reason: null },
      { id: pending, outcome: 'ok', reason: null },
      // Nothing to tear down: orchestration moves it straight to CANCELLED.
      { id: scheduled, outcome: 'ok', reason: 'Scheduled flow run has no infrastructure to terminate.' },
      { id: completed, outcome: 'skipped', reason: 'already COMPLETED; nothing to cancel' },
      { id: missing, outcome: 'skipped', reason: 'flow run not found' },
    ]);
    const states = await api.flowRuns.list({
      filter: { id: { any: [running, pending, scheduled, completed] } },
    });
    expect(Object.fromEntries(states.map((r) => [r.id, r.stateType]))).toEqual({
      [running]: 'CANCELLING',
      [pending]: 'CANCELLING',
      [scheduled]: 'CANCELLED',
      [completed]: 'COMPLETED',
    });
    const state = states.find((r) => r.id === running)?.state;
    expect(state).toMatchObject({ name: 'Cancelling', message: 'Cancelled by a bulk cancel request' });
  });

  it('skips a run that is already cancelling', async () => {
    const cancelling = await runIn('RUNNING', 'CANCELLING');
    expect((await api.flowRuns.bulkCancel({ ids: [cancelling] })).results).toEqual([
      {
        id: cancelling,
        outcome: 'skipped',
        reason: 'already CANCELLING; its infrastructure is being stopped',
      },
    ]);
  });

  it('reports a refusal (abort, wait, reject into another state) as rejected with the reason', () => {
    const id = uuid7();
    const running = newState('RUNNING', { timestamp: clock() });
    expect(
      cancelOutcome(id, {
        status: 'ABORT',
        state: running,
        details: { type: 'abort_details', reason: 'no' },
      }),
    ).toEqual({ id, outcome: 'rejected', reason: 'no' });
    expect(
      cancelOutcome(id, {
        status: 'WAIT',
        state: running,
        details: { type: 'wait_details', delaySeconds: 5, reason: 'busy' },
      }),
    ).toEqual({ id, outcome: 'rejected', reason: 'cancel must wait 5s: busy' });
    expect(
      cancelOutcome(id, {
        status: 'REJECT',
        state: running,
        details: { type: 'reject_details', reason: null },
      }),
    ).toEqual({ id, outcome: 'rejected', reason: 'orchestration answered REJECT' });
  });
});

describe('flowRuns.bulkDelete', () => {
  it('takes an id in any case as one run, answering in lower case', async () => {
    const a = await runWithChildren();
    const { results } = await api.flowRuns.bulkDelete({ ids: [a.toUpperCase(), a] });
    expect(results).toEqual([{ id: a, outcome: 'ok', reason: null }]);
    expect(await api.taskRuns.count({ filter: { flowRunId: { any: [a] } } })).toBe(0);
  });

  it('deletes the runs with their states, task runs and logs; skips missing ids', async () => {
    const a = await runWithChildren();
    const b = await runWithChildren();
    const kept = await runWithChildren();
    const missing = uuid7();
    const { results } = await api.flowRuns.bulkDelete({ ids: [a, missing, b] });
    expect(results).toEqual([
      { id: a, outcome: 'ok', reason: null },
      { id: missing, outcome: 'skipped', reason: 'flow run not found' },
      { id: b, outcome: 'ok', reason: null },
    ]);
    expect(await api.flowRuns.count({ filter: { id: { any: [a, b, kept] } } })).toBe(1);
    expect(await api.taskRuns.count({ filter: { flowRunId: { any: [a, b] } } })).toBe(0);
    expect(await api.taskRuns.count({ filter: { flowRunId: { any: [kept] } } })).toBe(1);
    expect(await api.logs.list({ filter: { flowRunId: { any: [a, b] } } })).toEqual([]);
    const { db } = t.resources;
    const states = await db
      .selectFrom('flow_run_state')
      .select('id')
      .where('flow_run_id', 'in', [a, b])
      .execute();
    expect(states).toEqual([]);
  });

  it('answers BAD_REQUEST naming the field and writes nothing for bad input', async () => {
    const run = await runWithChildren();
    await expect(api.flowRuns.bulkDelete({ ids: [run, 'nope'] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'ids.1: Invalid UUID',
    });
    await expect(api.flowRuns.bulkDelete({ ids: [] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'ids: ids must name at least one run',
    });
    const tooMany = Array.from({ length: 201 }, () => uuid7());
    await expect(api.flowRuns.bulkCancel({ ids: [run, ...tooMany] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'ids: ids may name at most 200 runs',
    });
    expect((await api.flowRuns.read({ id: run })).stateType).toBe('RUNNING');
    expect(await api.taskRuns.count({ filter: { flowRunId: { any: [run] } } })).toBe(1);
  });
});
