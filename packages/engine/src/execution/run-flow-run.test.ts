import { type JsonObject, newState } from '@weft/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runtime } from '../context/runtime';
import { flow } from '../flows/flow';
import { task } from '../tasks/task';
import { startTestEngine, type TestEngine } from '../testing/test-engine';
import { runFlowRun } from './run-flow-run';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine({ listen: true });
});
afterAll(() => t?.close());

const stateNames = async (id: string) => (await t.client.flowRuns.states.query({ id })).map((s) => s.name);

/** A run created through the API, as a deployment or a user would, before any engine touches it. */
async function createRun(flowName: string, parameters: JsonObject, scheduledTime = new Date()) {
  const created = await t.client.flows.create.mutate({ name: flowName });
  return t.client.flowRuns.create.mutate({
    flowId: created.id,
    parameters,
    state: newState('SCHEDULED', { scheduledTime }),
  });
}

describe('runFlowRun', () => {
  it('runs an existing run with the parameters stored on it, recording its task runs', async () => {
    const double = task('double', async (n: number) => n * 2);
    const seen: Record<string, unknown>[] = [];
    const sum = flow('sum-doubles', async (a: number, b: number) => {
      seen.push({ id: runtime.flowRun.id, parameters: runtime.flowRun.parameters });
      return (await double(a)) + (await double(b));
    });
    const run = await createRun('sum-doubles', { a: 2, b: 5 });
    const outcome = await runFlowRun(sum, run.id);
    expect(outcome.flowRunId).toBe(run.id);
    expect(outcome.state.type).toBe('COMPLETED');
    expect(await outcome.result()).toBe(14);
    expect(seen).toEqual([{ id: run.id, parameters: { a: 2, b: 5 } }]);
    const after = await t.client.flowRuns.read.query({ id: run.id });
    expect(after).toMatchObject({ stateType: 'COMPLETED', runCount: 1, parameters: { a: 2, b: 5 } });
    expect(after.flowVersion).toMatch(/^[0-9a-f]{32}$/);
    expect(await stateNames(run.id)).toEqual(['Scheduled', 'Running', 'Completed']);
    const taskRuns = await t.taskRunsOf(run.id);
    expect(taskRuns.map((r) => r.stateType)).toEqual(['COMPLETED', 'COMPLETED']);
  });

  it('waits for the scheduled time the server names before it runs', async () => {
    const asked = Date.now();
    const at = new Date(asked + 2500);
    const when = flow('wait-for-time', async () => Date.now());
    const run = await createRun('wait-for-time', {}, at);
    const outcome = await runFlowRun(when, run.id);
    // The server's WAIT is in whole seconds, rounded as Prefect rounds them: up to half a second early.
    expect((await outcome.result()) as number).toBeGreaterThanOrEqual(at.getTime() - 500);
    const after = await t.client.flowRuns.read.query({ id: run.id });
    expect(after.startTime!.getTime()).toBeGreaterThanOrEqual(at.getTime() - 500);
    expect(await stateNames(run.id)).toEqual(['Scheduled', 'Running', 'Completed']);
  });

  it('validates the run parameters through the flow schema: a bad value fails the run', async () => {
    let called = false;
    const typed = flow(
      { name: 'typed-params', parameters: z.object({ n: z.number().int() }) },
      async ({ n }) => {
        called = true;
        return n;
      },
    );
    const ok = await runFlowRun(typed, (await createRun('typed-params', { n: 3 })).id);
    expect(await ok.result()).toBe(3);
    called = false;
    const bad = await runFlowRun(typed, (await createRun('typed-params', { n: 'three' })).id);
    expect(called).toBe(false);
    expect(bad.state.type).toBe('FAILED');
    expect(bad.state.message).toMatch(/^Validation of flow parameters failed with error: .*n/);
  });

  it('retries on the same run, with the retry policy of the flow written to the run', async () => {
    let attempts = 0;
    const flaky = flow({ name: 'flaky-existing', retries: 1 }, async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('first attempt fails');
      return runtime.flowRun.runCount;
    });
    const run = await createRun('flaky-existing', {});
    const outcome = await runFlowRun(flaky, run.id);
    expect(await outcome.result()).toBe(2);
    const after = await t.client.flowRuns.read.query({ id: run.id });
    expect(after).toMatchObject({ stateType: 'COMPLETED', runCount: 2 });
    expect(after.empiricalPolicy.retries).toBe(1);
    expect(await stateNames(run.id)).toEqual([
      'Scheduled',
      'Running',
      'AwaitingRetry',
      'Retrying',
      'Completed',
    ]);
  });

  it('names the run from the flow template before it starts', async () => {
    const named = flow({ name: 'named-existing', flowRunName: 'load-{day}' }, async (day: string) => day);
    const run = await createRun('named-existing', { day: 'monday' });
    await runFlowRun(named, run.id);
    expect((await t.client.flowRuns.read.query({ id: run.id })).name).toBe('load-monday');
  });

  it('reports the deployment it is given through runtime.deployment', async () => {
    let seen: unknown;
    const deployed = flow('deployed-runtime', async () => {
      seen = { ...runtime.deployment };
    });
    const run = await createRun('deployed-runtime', { x: 1 });
    const deployment = { id: '0190a000-0000-7000-8000-000000000001', name: 'nightly', version: 'v3' };
    await runFlowRun(deployed, run.id, { deployment });
    expect(seen).toEqual({
      id: deployment.id,
      name: 'nightly',
      version: 'v3',
      flowRunId: run.id,
      parameters: { x: 1 },
    });
  });

  it('does not run the function when the server keeps the run where it is (Cancelling)', async () => {
    let called = false;
    const never = flow('never-starts', async () => {
      called = true;
    });
    const run = await createRun('never-starts', {});
    await t.client.flowRuns.setState.mutate({ id: run.id, state: newState('PENDING') });
    await t.client.flowRuns.setState.mutate({ id: run.id, state: newState('CANCELLING') });
    const outcome = await runFlowRun(never, run.id);
    expect(called).toBe(false);
    expect(outcome.state.type).toBe('CANCELLING');
  });

  it('rejects an unknown run id', async () => {
    const any = flow('unknown-run', async () => 1);
    await expect(runFlowRun(any, '0190a000-0000-7000-8000-0000000000ff')).rejects.toThrow(/not found/i);
  });
});
