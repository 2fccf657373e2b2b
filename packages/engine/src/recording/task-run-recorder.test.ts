import { MAX_TASK_RUN_BATCH, newState, uuid7 } from '@weft/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flow } from '../flows/flow';
import { task } from '../tasks/task';
import { startTestEngine, type TestEngine } from '../testing/test-engine';
import { TaskRunRecorder } from './task-run-recorder';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine({ listen: true });
});
afterAll(() => t?.close());

describe('task run recording', () => {
  it('records 1,000 task runs and their states in a few batches over HTTP, not 1,000 calls', async () => {
    const noop = task({ name: 'noop' }, async (i: number) => i);
    const batchesBefore = t.session.recorder.batchesSent;
    const requestsBefore = t.httpRequests();
    const outcome = await flow({ name: 'thousand' }, async () => {
      const futures = noop.map(Array.from({ length: 1000 }, (_, i) => i));
      return (await futures.result()).length;
    }).returnState();
    expect(await outcome.result()).toBe(1000);
    await t.session.flush();
    const batches = t.session.recorder.batchesSent - batchesBefore;
    const requests = t.httpRequests() - requestsBefore;
    expect(batches).toBeLessThan(40);
    expect(requests).toBeLessThan(60);
    const count = await t.client.taskRuns.count.query({
      filter: { flowRunId: { any: [outcome.flowRunId] }, stateType: { any: ['COMPLETED'] } },
    });
    expect(count).toBe(1000);
  });

  it('keeps per-run order and retries a failed batch', async () => {
    const flowRecord = await t.client.flows.create.mutate({ name: 'recorder-direct' });
    const flowRun = await t.client.flowRuns.create.mutate({ flowId: flowRecord.id });
    let failures = 1;
    const sent: number[] = [];
    const recorder = new TaskRunRecorder({
      intervalMs: 1,
      maxQueued: 3,
      send: async (batch) => {
        if (failures-- > 0) throw new Error('network blip');
        sent.push(batch.taskRuns.length + batch.states.length);
        return t.client.taskRuns.recordBatch.mutate(batch);
      },
    });
    const id = uuid7();
    recorder.createRun({ id, name: 'direct', flowRunId: flowRun.id, taskKey: 'direct', dynamicKey: '0' });
    const base = Date.now();
    for (const [i, type] of (['PENDING', 'RUNNING', 'COMPLETED'] as const).entries()) {
      recorder.setState(id, newState(type, { timestamp: new Date(base + i) }));
    }
    await recorder.flush();
    expect(sent.reduce((a, b) => a + b, 0)).toBe(4);
    const states = await t.client.taskRuns.states.query({ id });
    expect(states.map((s) => s.type)).toEqual(['PENDING', 'RUNNING', 'COMPLETED']);
    expect((await t.client.taskRuns.read.query({ id })).stateType).toBe('COMPLETED');
  });

  it('keeps up to two batches in flight, never with records of one run in both', async () => {
    type Sent = { runs: string[]; states: { taskRunId: string; type: string }[]; release: () => void };
    const sent: Sent[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const recorder = new TaskRunRecorder({
      intervalMs: 1,
      maxQueued: 4,
      lingerMs: 0,
      send: (batch) =>
        new Promise<void>((resolve) => {
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          sent.push({
            runs: batch.taskRuns.map((r) => r.id),
            states: batch.states.map((s) => ({ taskRunId: s.taskRunId, type: s.state.type })),
            release: () => {
              inFlight -= 1;
              resolve();
            },
          });
        }),
    });
    const ids = [uuid7(), uuid7(), uuid7(), uuid7()];
    const base = Date.now();
    for (const id of ids) {
      recorder.createRun({ id, name: id, flowRunId: null, taskKey: 'k', dynamicKey: id });
      recorder.setState(id, newState('PENDING', { timestamp: new Date(base) }));
    }
    // Two batches left at 4 records each; the states below belong to runs in them.
    expect(recorder.inFlight).toBe(2);
    for (const id of ids) recorder.setState(id, newState('RUNNING', { timestamp: new Date(base + 1) }));
    for (const id of ids) recorder.setState(id, newState('COMPLETED', { timestamp: new Date(base + 2) }));
    const flushed = recorder.flush();
    // Release batches one at a time, oldest first, until everything is sent.
    for (let released = 0; released < 10 && (released < sent.length || recorder.queued > 0); released++) {
      await new Promise((r) => setTimeout(r, 5));
      sent[released]?.release();
    }
    await flushed;
    expect(maxInFlight).toBe(2);
    // No run in two batches that were on their way together (consecutive batches overlap in time).
    const touched = sent.map((b) => new Set([...b.runs, ...b.states.map((s) => s.taskRunId)]));
    for (let i = 1; i < touched.length; i++) {
      for (const id of touched[i]!) expect(touched[i - 1]!.has(id)).toBe(false);
    }
    // Each run: created first, then its states in order, across batches.
    for (const id of ids) {
      const history = sent.flatMap((b) => [
        ...(b.runs.includes(id) ? ['created'] : []),
        ...b.states.filter((s) => s.taskRunId === id).map((s) => s.type),
      ]);
      expect(history).toEqual(['created', 'PENDING', 'RUNNING', 'COMPLETED']);
    }
  });

  it('records a run whose states span batches in order on the server', async () => {
    const flowRecord = await t.client.flows.create.mutate({ name: 'recorder-in-flight' });
    const flowRun = await t.client.flowRuns.create.mutate({ flowId: flowRecord.id });
    const recorder = new TaskRunRecorder({
      intervalMs: 1,
      maxQueued: 2,
      lingerMs: 0,
      send: (batch) => t.client.taskRuns.recordBatch.mutate(batch),
    });
    const ids = Array.from({ length: 20 }, () => uuid7());
    const base = Date.now();
    for (const [i, type] of (['PENDING', 'RUNNING', 'COMPLETED'] as const).entries()) {
      for (const id of ids) {
        if (i === 0)
          recorder.createRun({ id, name: id, flowRunId: flowRun.id, taskKey: 'k', dynamicKey: id });
        recorder.setState(id, newState(type, { timestamp: new Date(base + i) }));
      }
    }
    await recorder.flush();
    expect(recorder.batchesSent).toBeGreaterThan(2);
    for (const id of ids) {
      const states = await t.client.taskRuns.states.query({ id });
      expect(states.map((s) => s.type)).toEqual(['PENDING', 'RUNNING', 'COMPLETED']);
      expect((await t.client.taskRuns.read.query({ id })).stateType).toBe('COMPLETED');
    }
  });
});

type Recorded = { runs: string[]; states: { taskRunId: string; type: string }[] };

/** A recorder whose batches are kept, not sent anywhere. */
function keepingRecorder(options: { lingerMs: number; intervalMs?: number }) {
  const sent: Recorded[] = [];
  const recorder = new TaskRunRecorder({
    ...options,
    send: async (batch) => {
      sent.push({
        runs: batch.taskRuns.map((r) => r.id),
        states: batch.states.map((s) => ({ taskRunId: s.taskRunId, type: s.state.type })),
      });
    },
  });
  const start = (id: string) => {
    recorder.createRun({ id, name: id, flowRunId: null, taskKey: 'k', dynamicKey: id });
    recorder.setState(id, newState('PENDING'));
    recorder.setState(id, newState('RUNNING'));
  };
  return { recorder, sent, start };
}

describe('the wire form of a batch', () => {
  it('leaves out defaults and details that hold only the run’s ids, and the server stores the same', async () => {
    const flowRecord = await t.client.flows.create.mutate({ name: 'recorder-details' });
    const flowRun = await t.client.flowRuns.create.mutate({ flowId: flowRecord.id });
    const sentStates: Array<Record<string, unknown>> = [];
    const sentRuns: Array<Record<string, unknown>> = [];
    const recorder = new TaskRunRecorder({
      send: (batch) => {
        for (const run of batch.taskRuns) sentRuns.push(run as Record<string, unknown>);
        for (const s of batch.states) sentStates.push(s.state as Record<string, unknown>);
        return t.client.taskRuns.recordBatch.mutate(batch);
      },
    });
    const id = uuid7();
    const ids = { flowRunId: flowRun.id, taskRunId: id };
    const when = new Date('2026-01-02T03:04:05.000Z');
    const created = new Date('2026-01-02T03:04:00.000Z');
    recorder.createRun({
      id,
      name: 'details',
      flowRunId: flowRun.id,
      taskKey: 'details',
      dynamicKey: '0',
      taskVersion: null,
      tags: [],
      taskInputs: {},
      empiricalPolicy: { retries: 0, retryDelaySeconds: 0, retryJitterFactor: null },
      createdAt: created,
    });
    const other = uuid7();
    recorder.createRun({
      id: other,
      name: 'kept',
      flowRunId: flowRun.id,
      taskKey: 'kept',
      dynamicKey: '0',
      taskVersion: 'v1',
      tags: ['a'],
      taskInputs: { x: [{ inputType: 'task_run', id }] },
      empiricalPolicy: { retries: 2, retryDelaySeconds: 0, retryJitterFactor: null },
    });
    // Distinct timestamps: states are read back in timestamp order.
    const base = Date.now();
    recorder.setState(id, newState('RUNNING', { stateDetails: { ...ids }, timestamp: new Date(base) }));
    recorder.setState(
      id,
      newState('COMPLETED', {
        message: 'done',
        stateDetails: { ...ids, cacheKey: 'k', cacheExpiration: when },
        data: { type: 'unpersisted' },
        timestamp: new Date(base + 1),
      }),
    );
    await recorder.flush();
    expect(Object.keys(sentRuns[0]!)).toEqual([
      'id',
      'name',
      'flowRunId',
      'taskKey',
      'dynamicKey',
      'createdAt',
    ]);
    expect(sentRuns[0]!.createdAt).toBe(created.getTime());
    expect(sentRuns[1]).toMatchObject({ taskVersion: 'v1', tags: ['a'], empiricalPolicy: { retries: 2 } });
    expect(sentStates[0]).toEqual({
      id: expect.any(String),
      type: 'RUNNING',
      name: 'Running',
      timestamp: base,
    });
    expect(sentStates[1]).toMatchObject({ message: 'done', stateDetails: { ...ids, cacheKey: 'k' } });
    const stored = await t.client.taskRuns.states.query({ id });
    expect(stored.map((s) => [s.message, s.stateDetails, s.data, s.timestamp.getTime()])).toEqual([
      [null, ids, null, base],
      ['done', { ...ids, cacheKey: 'k', cacheExpiration: when }, { type: 'unpersisted' }, base + 1],
    ]);
    const run = await t.client.taskRuns.read.query({ id });
    expect(run).toMatchObject({
      taskVersion: null,
      tags: [],
      taskInputs: {},
      empiricalPolicy: { retries: 0, retryDelaySeconds: 0, retryJitterFactor: null },
      createdAt: created,
    });
    const kept = await t.client.taskRuns.read.query({ id: other });
    expect(kept).toMatchObject({
      taskVersion: 'v1',
      tags: ['a'],
      taskInputs: { x: [{ inputType: 'task_run', id }] },
      empiricalPolicy: { retries: 2 },
    });
  });
});

describe('records of runs that have not finished linger', () => {
  it('sends a short run in one piece: created with all its states in one batch', async () => {
    const { recorder, sent, start } = keepingRecorder({ lingerMs: 60_000, intervalMs: 1 });
    const id = uuid7();
    start(id);
    await new Promise((r) => setTimeout(r, 30));
    expect(sent).toEqual([]);
    recorder.setState(id, newState('COMPLETED'));
    await expect.poll(() => sent.length).toBe(1);
    expect(sent[0]).toEqual({
      runs: [id],
      states: ['PENDING', 'RUNNING', 'COMPLETED'].map((type) => ({ taskRunId: id, type })),
    });
  });

  it('sends a run that is still open once it has lingered, and its end later', async () => {
    const { recorder, sent, start } = keepingRecorder({ lingerMs: 40, intervalMs: 1 });
    const id = uuid7();
    start(id);
    await expect.poll(() => sent.length, { timeout: 2_000 }).toBe(1);
    expect(sent[0]!.states.map((s) => s.type)).toEqual(['PENDING', 'RUNNING']);
    recorder.setState(id, newState('COMPLETED'));
    await expect.poll(() => sent.length).toBe(2);
    expect(sent[1]).toEqual({ runs: [], states: [{ taskRunId: id, type: 'COMPLETED' }] });
  });

  it('flush sends open runs at once', async () => {
    const { recorder, sent, start } = keepingRecorder({ lingerMs: 60_000 });
    start(uuid7());
    await recorder.flush();
    expect(sent.map((b) => b.states.length)).toEqual([2]);
  });

  it('keeps each of thousands of runs started at once in one batch, their ends queued after all starts', async () => {
    const { recorder, sent, start } = keepingRecorder({ lingerMs: 60_000 });
    const ids = Array.from({ length: 3_000 }, () => uuid7());
    for (const id of ids) start(id);
    for (const id of ids) recorder.setState(id, newState('COMPLETED'));
    await recorder.flush();
    expect(sent.length).toBeGreaterThan(1);
    for (const batch of sent) {
      expect(batch.states.length).toBeLessThanOrEqual(MAX_TASK_RUN_BATCH);
      // Every run created in a batch has all three states in it.
      const counts = new Map<string, number>();
      for (const s of batch.states) counts.set(s.taskRunId, (counts.get(s.taskRunId) ?? 0) + 1);
      expect(batch.runs.every((id) => counts.get(id) === 3)).toBe(true);
      expect(counts.size).toBe(batch.runs.length);
    }
    expect(sent.flatMap((b) => b.runs).sort()).toEqual([...ids].sort());
  });
});

describe('a final state carrying the last task records', () => {
  it('sends the flow run state and its queued task records in one call', async () => {
    const one = task({ name: 'one' }, async () => 1);
    const oneCall = flow({ name: 'one-call-final' }, async () => one());
    await oneCall(); // the first call also registers the flow
    await t.session.flush();
    const batchesBefore = t.session.recorder.batchesSent;
    const outcome = await oneCall.returnState();
    expect(outcome.state.type).toBe('COMPLETED');
    // No flush: the task run is recorded already, because the final state carried it.
    expect(t.session.recorder.queued).toBe(0);
    expect(t.session.recorder.inFlight).toBe(0);
    expect(t.session.recorder.batchesSent - batchesBefore).toBe(1);
    const tasks = await t.client.taskRuns.list.query({ filter: { flowRunId: { any: [outcome.flowRunId] } } });
    expect(tasks.map((task) => task.stateType)).toEqual(['COMPLETED']);
  });

  it('falls back to a separate batch and a second call when the carrying call fails', async () => {
    const flowRecord = await t.client.flows.create.mutate({ name: 'recorder-fallback' });
    const flowRun = await t.client.flowRuns.create.mutate({
      flowId: flowRecord.id,
      state: { type: 'RUNNING' },
    });
    const separate: number[] = [];
    const recorder = new TaskRunRecorder({
      intervalMs: 60_000,
      send: async (batch) => {
        separate.push(batch.states.length);
        return t.client.taskRuns.recordBatch.mutate(batch);
      },
    });
    const id = uuid7();
    recorder.createRun({ id, name: 'carried', flowRunId: flowRun.id, taskKey: 'carried', dynamicKey: '0' });
    recorder.setState(id, newState('COMPLETED', { stateDetails: { flowRunId: flowRun.id, taskRunId: id } }));
    const carried: (number | undefined)[] = [];
    const result = await recorder.sendWith(async (batch) => {
      carried.push(batch?.taskRuns.length);
      if (batch) throw new Error('connection reset');
      return t.client.flowRuns.setState.mutate({ id: flowRun.id, state: { type: 'COMPLETED' } });
    });
    expect(result.status).toBe('ACCEPT');
    expect(carried).toEqual([1, undefined]);
    expect(separate).toEqual([1]);
    expect((await t.client.taskRuns.read.query({ id })).stateType).toBe('COMPLETED');
  });

  it('keeps a run’s later records behind the carrying call', async () => {
    const sent: string[] = [];
    const recorder = new TaskRunRecorder({
      intervalMs: 1,
      send: async (batch) => {
        sent.push(...batch.states.map((s) => s.state.type));
      },
    });
    const id = uuid7();
    recorder.setState(id, newState('RUNNING'));
    let release!: () => void;
    const carrying = recorder.sendWith(async (batch) => {
      sent.push(...(batch?.states.map((s) => `carried ${s.state.type}`) ?? []));
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    recorder.setState(id, newState('COMPLETED'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sent).toEqual(['carried RUNNING']);
    release();
    await carrying;
    await recorder.flush();
    expect(sent).toEqual(['carried RUNNING', 'COMPLETED']);
  });
});
