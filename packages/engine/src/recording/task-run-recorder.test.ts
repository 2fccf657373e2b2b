import { newState, uuid7 } from '@weft/schemas';
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
});
