import { newState } from '@weft/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flow } from '../../flows/flow';
import { startTestEngine, type TestEngine } from '../../testing/test-engine';
import { runDeployment } from '../run-deployment';
import { addNumbers, slowFlow } from '../testing/fixture-flows';
import { serve } from './serve';

let t: TestEngine;
beforeAll(async () => {
  // Over real HTTP, so wake-ups and run watches travel as SSE.
  t = await startTestEngine({ listen: true });
});
afterAll(() => t.close());

const quiet = { handleSignals: false, log: () => undefined };

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('flow.serve()', () => {
  it('runs a run created with deployments.createFlowRun in this process, woken by the server', async () => {
    // A poll of a minute: only the server's push can make this run start quickly.
    const served = await addNumbers.serve({
      name: 'serve-basic',
      parameters: { b: 10 },
      pollSeconds: 60,
      ...quiet,
    });
    try {
      expect(served.deployment.deployment.workPoolName).toBeNull();
      const created = await t.client.deployments.createFlowRun.mutate({
        deployment: { id: served.deployment.id },
        parameters: { a: 5 },
      });
      const started = Date.now();
      const run = await waitFor(
        () => t.client.flowRuns.read.query({ id: created.id }),
        (r) => r.stateType === 'COMPLETED',
      );
      expect(run.stateType).toBe('COMPLETED');
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(run.parameters).toEqual({ a: 5, b: 10 });
      expect(run.deploymentId).toBe(served.deployment.id);
    } finally {
      await served.stop();
    }
  });

  it('runDeployment waits for the served run and returns it with its result', async () => {
    const served = await addNumbers.serve({ name: 'serve-result', ...quiet });
    try {
      const run = await runDeployment(served.deployment, { a: 2, b: 3 });
      expect(run.stateType).toBe('COMPLETED');
      expect(await run.result()).toEqual({ sum: 5, deploymentId: served.deployment.id });
      const byName = await runDeployment<typeof addNumbers>('deploy-add/serve-result', { a: 1 });
      expect(await byName.result()).toEqual({ sum: 2, deploymentId: served.deployment.id });
    } finally {
      await served.stop();
    }
  });

  it('runs at most `limit` runs at once', async () => {
    const served = await slowFlow.serve({ name: 'serve-limit', limit: 1, pollSeconds: 0.2, ...quiet });
    try {
      const runs = await Promise.all(
        [400, 400].map((ms) =>
          t.client.deployments.createFlowRun.mutate({
            deployment: { id: served.deployment.id },
            parameters: { ms },
          }),
        ),
      );
      const ids = runs.map((r) => r.id);
      let overlap = false;
      const states = await waitFor(
        async () => {
          const read = await Promise.all(ids.map((id) => t.client.flowRuns.read.query({ id })));
          if (read.every((r) => r.stateType === 'RUNNING')) overlap = true;
          return read;
        },
        (read) => read.every((r) => r.stateType === 'COMPLETED'),
      );
      expect(states.map((r) => r.stateType)).toEqual(['COMPLETED', 'COMPLETED']);
      expect(overlap).toBe(false);
      const [first, second] = [...states].sort((x, y) => x.startTime!.getTime() - y.startTime!.getTime());
      expect(second!.startTime!.getTime()).toBeGreaterThanOrEqual(first!.endTime!.getTime());
    } finally {
      await served.stop();
    }
  });

  it('cancels a run that is set Cancelling, and frees its slot', async () => {
    const served = await slowFlow.serve({ name: 'serve-cancel', limit: 1, pollSeconds: 0.2, ...quiet });
    try {
      const slow = await t.client.deployments.createFlowRun.mutate({
        deployment: { id: served.deployment.id },
        parameters: { ms: 1500 },
      });
      await waitFor(
        () => t.client.flowRuns.read.query({ id: slow.id }),
        (r) => r.stateType === 'RUNNING',
      );
      await t.client.flowRuns.setState.mutate({ id: slow.id, state: newState('CANCELLING') });
      const cancelled = await waitFor(
        () => t.client.flowRuns.read.query({ id: slow.id }),
        (r) => r.stateType === 'CANCELLED',
      );
      expect(cancelled.stateType).toBe('CANCELLED');
      // The slot is free at once: the next run completes while the cancelled code still sleeps.
      const next = await runDeployment(served.deployment, { ms: 1 }, { timeoutSeconds: 10 });
      expect(next.stateType).toBe('COMPLETED');
      await new Promise((r) => setTimeout(r, 1600));
      expect((await t.client.flowRuns.read.query({ id: slow.id })).stateType).toBe('CANCELLED');
    } finally {
      await served.stop();
    }
  });

  it('pauses its deployment on stop, and a new serve resumes it', async () => {
    const served = await addNumbers.serve({ name: 'serve-pause', schedules: [{ interval: 3600 }], ...quiet });
    await served.stop();
    await served.done;
    expect((await t.client.deployments.read.query({ id: served.deployment.id })).paused).toBe(true);
    const again = await addNumbers.serve({ name: 'serve-pause', pauseOnShutdown: false, ...quiet });
    expect(again.deployment.id).toBe(served.deployment.id);
    expect((await t.client.deployments.read.query({ id: again.deployment.id })).paused).toBe(false);
    await again.stop();
    expect((await t.client.deployments.read.query({ id: again.deployment.id })).paused).toBe(false);
  });

  it('serves several deployments from one process', async () => {
    const shout = flow({ name: 'serve-shout' }, async (text: string) => text.toUpperCase());
    const served = await serve(
      addNumbers.toDeployment({ name: 'multi' }),
      shout.toDeployment({ name: 'multi', tags: ['loud'] }),
      quiet,
    );
    try {
      expect(served.deployments.map((d) => d.name)).toEqual(['deploy-add/multi', 'serve-shout/multi']);
      const [sum, text] = await Promise.all([
        runDeployment<typeof addNumbers>('deploy-add/multi', { a: 1, b: 1 }),
        runDeployment<typeof shout>('serve-shout/multi', { text: 'hi' }),
      ]);
      expect(await sum.result()).toMatchObject({ sum: 2 });
      expect(await text.result()).toBe('HI');
      expect(text.tags).toContain('loud');
    } finally {
      await served.stop();
    }
  });
});

describe('runDeployment', () => {
  it('returns at once with timeoutSeconds 0, and the run as it is when the timeout passes', async () => {
    const idle = await addNumbers.serve({ name: 'never-served', ...quiet });
    await idle.stop();
    const now = await runDeployment(idle.deployment, { a: 1 }, { timeoutSeconds: 0 });
    expect(now.stateType).toBe('SCHEDULED');
    const later = await runDeployment(idle.deployment, { a: 1 }, { timeoutSeconds: 0.3, pollSeconds: 0.1 });
    expect(later.stateType).toBe('SCHEDULED');
    await expect(later.result()).rejects.toThrow(/is not finished/);
    await expect(runDeployment(idle.deployment, { a: 1 }, { timeoutSeconds: -1 })).rejects.toThrow(
      /timeoutSeconds must be 0 or more/,
    );
  });

  it('reports bad parameters and unknown deployments with the server message', async () => {
    const served = await addNumbers.serve({ name: 'bad-input', ...quiet });
    await served.stop();
    await expect(runDeployment('deploy-add/bad-input', { a: 'x' }, { timeoutSeconds: 0 })).rejects.toThrow(
      /parameters\.a/,
    );
    await expect(runDeployment('deploy-add/missing', {}, { timeoutSeconds: 0 })).rejects.toThrow(
      /not found/i,
    );
  });

  it('inside a flow, links the run as a subflow of the caller through a tracking task run', async () => {
    const served = await addNumbers.serve({ name: 'as-subflow', ...quiet });
    try {
      const parent = flow({ name: 'deploy-parent' }, async () => {
        const child = await runDeployment(served.deployment, { a: 40, b: 2 });
        return { id: child.id, parentTaskRunId: child.parentTaskRunId, result: await child.result() };
      });
      const outcome = await parent.returnState();
      const value = await outcome.result();
      expect(value.result).toMatchObject({ sum: 42 });
      const tracking = await t.taskRunsOf(outcome.flowRunId);
      expect(tracking.map((r) => r.id)).toContain(value.parentTaskRunId);
      const detached = await runDeployment(served.deployment, { a: 1 }, { asSubflow: false });
      expect(detached.parentTaskRunId).toBeNull();
    } finally {
      await served.stop();
    }
  });
});
