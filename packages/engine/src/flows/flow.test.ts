import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runtime } from '../context/runtime';
import { FlowDefinitionError, MissingContextError, ParameterValidationError } from '../errors';
import { getRunLogger } from '../logging/run-logger';
import { exponentialBackoff } from '../retries/retry-delay';
import { task } from '../tasks/task';
import { startTestEngine, type TestEngine } from '../testing/test-engine';
import { flow } from './flow';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(() => t?.close());

const read = (id: string) => t.client.flowRuns.read.query({ id });
const stateNames = async (id: string) => (await t.client.flowRuns.states.query({ id })).map((s) => s.name);

describe('a flow run', () => {
  it('is created Running in one call, runs and completes through the server', async () => {
    const hello = flow({ name: 'hello', tags: ['demo'] }, async (name: string) => `hello ${name}`);
    const outcome = await hello.returnState('ada');
    expect(await outcome.result()).toBe('hello ada');
    const run = await read(outcome.flowRunId);
    expect(run).toMatchObject({
      flowName: 'hello',
      stateType: 'COMPLETED',
      parameters: { name: 'ada' },
      tags: ['demo'],
      runCount: 1,
    });
    expect(await stateNames(outcome.flowRunId)).toEqual(['Running', 'Completed']);
  });

  it('fires onRunning for the Running state it was created in', async () => {
    const seen: string[] = [];
    const hooked = flow(
      {
        name: 'hooked-running',
        onRunning: [(_f, run, state) => void seen.push(`${state.name}:${run.runCount}`)],
      },
      async () => 1,
    );
    await hooked();
    expect(seen).toEqual(['Running:1']);
  });

  it('fails with the thrown error as data, and the call throws it', async () => {
    class QuotaError extends Error {}
    const broken = flow({ name: 'broken' }, async () => {
      throw new QuotaError('over quota');
    });
    await expect(broken()).rejects.toThrow(QuotaError);
    const [run] = await t.client.flowRuns.list.query({ filter: { flowName: { any: ['broken'] } } });
    expect(run?.stateType).toBe('FAILED');
    expect(run?.state?.data).toMatchObject({ kind: 'custom', message: 'over quota' });
  });

  it('validates zod parameters: a failure is a Failed run with the message', async () => {
    const typed = flow(
      {
        name: 'typed',
        parameters: z.object({ count: z.number().int().min(1), label: z.string().default('x') }),
      },
      async ({ count, label }) => `${label}${count}`,
    );
    expect(await typed({ count: 2 })).toBe('x2');
    expect(typed.parameterSchema).toMatchObject({
      type: 'object',
      properties: { count: { type: 'integer' } },
    });
    const outcome = await typed.returnState({ count: 0 });
    expect(outcome.state.type).toBe('FAILED');
    expect(outcome.state.message).toContain('Validation of flow parameters failed');
    await expect(outcome.result()).rejects.toThrow(ParameterValidationError);
    const run = await read(outcome.flowRunId);
    expect(run.stateType).toBe('FAILED');
    expect(run.parameters).toEqual({ count: 0 });
    expect(await stateNames(outcome.flowRunId)).toEqual(['Pending', 'Failed']);
  });

  it('saves the flowRunName before Running', async () => {
    let nameWhileRunning: string | undefined;
    const named = flow({ name: 'named', flowRunName: 'report-{day}' }, async (day: string) => {
      nameWhileRunning = runtime.flowRun.name;
      return day;
    });
    const outcome = await named.returnState('monday');
    expect((await read(outcome.flowRunId)).name).toBe('report-monday');
    expect(nameWhileRunning).toBe('report-monday');
    expect(await stateNames(outcome.flowRunId)).toEqual(['Running', 'Completed']);
  });

  it('retries through the server: AwaitingRetry, then Running again', async () => {
    let attempts = 0;
    const flaky = flow({ name: 'flaky-flow', retries: 2, retryDelaySeconds: 0.1 }, async () => {
      attempts += 1;
      if (attempts < 2) throw new Error('first attempt fails');
      return runtime.flowRun.runCount;
    });
    const outcome = await flaky.returnState();
    expect(await outcome.result()).toBe(2);
    expect(await stateNames(outcome.flowRunId)).toEqual([
      'Running',
      'AwaitingRetry',
      'Retrying',
      'Completed',
    ]);
    expect((await read(outcome.flowRunId)).runCount).toBe(2);
  });

  it('waits the listed delays between flow retries (exponentialBackoff)', async () => {
    const started: number[] = [];
    const backoff = flow(
      { name: 'backoff-flow', retries: 2, retryDelaySeconds: exponentialBackoff(0.2) },
      async () => {
        started.push(Date.now());
        if (started.length < 3) throw new Error('again');
        return 'done';
      },
    );
    expect(await backoff()).toBe('done');
    expect(started[1]! - started[0]!).toBeGreaterThanOrEqual(150);
    expect(started[2]! - started[1]!).toBeGreaterThanOrEqual(350);
  });

  it('rejects a flow name with a banned character when defined', () => {
    expect(() => flow({ name: 'a/b' }, async () => 1)).toThrow(FlowDefinitionError);
  });

  it('copies itself with other options through .with()', async () => {
    const base = flow({ name: 'with-base' }, async () => runtime.flowRun.tags);
    const tagged = base.with({ tags: ['copy'], name: 'with-copy' });
    expect(tagged.name).toBe('with-copy');
    expect(await tagged()).toEqual(['copy']);
    expect(await base()).toEqual([]);
  });

  it('times out as TimedOut', async () => {
    const slow = flow({ name: 'slow-flow', timeoutSeconds: 0.1 }, async () => {
      await new Promise((r) => setTimeout(r, 1000));
    });
    const outcome = await slow.returnState();
    expect(outcome.state).toMatchObject({
      type: 'FAILED',
      name: 'TimedOut',
      message: 'Flow run exceeded timeout of 0.1 second(s)',
    });
  });

  it('aggregates returned futures into its final state', async () => {
    const maybe = task({ name: 'maybe' }, async (n: number) => {
      if (n === 2) throw new Error('two');
      return n;
    });
    const ok = await flow({ name: 'agg-ok' }, async () => maybe.map([1, 3])).returnState();
    expect(ok.state.type).toBe('COMPLETED');
    expect(await ok.result()).toEqual([1, 3]);
    const bad = await flow({ name: 'agg-bad' }, async () => maybe.map([1, 2, 3])).returnState();
    expect(bad.state).toMatchObject({ type: 'FAILED', message: '1/3 states failed.' });
  });

  it('fires its hooks for the state just entered', async () => {
    const seen: string[] = [];
    const hooks = {
      onRunning: () => void seen.push('running'),
      onCompletion: () => void seen.push('completed'),
      onFailure: [
        () => {
          throw new Error('hook error is logged only');
        },
        () => void seen.push('failed'),
      ],
    };
    await flow({ name: 'hooks-ok', ...hooks }, async () => 1)();
    await flow({ name: 'hooks-ko', ...hooks }, async () => {
      throw new Error('x');
    })().catch(() => undefined);
    expect(seen).toEqual(['running', 'completed', 'running', 'failed']);
  });

  it('exposes the run through runtime.flowRun', async () => {
    const probe = flow({ name: 'probe-flow', tags: ['a'] }, async (x: number) => ({
      x,
      id: runtime.flowRun.id,
      name: runtime.flowRun.name,
      parameters: runtime.flowRun.parameters,
      runCount: runtime.flowRun.runCount,
      tags: runtime.flowRun.tags,
      scheduled: runtime.flowRun.scheduledStartTime instanceof Date,
      deployment: runtime.deployment.id,
    }));
    const outcome = await probe.returnState(5);
    const run = await read(outcome.flowRunId);
    expect(await outcome.result()).toEqual({
      x: 5,
      id: run.id,
      name: run.name,
      parameters: { x: 5 },
      runCount: 1,
      tags: ['a'],
      scheduled: true,
      deployment: undefined,
    });
    expect(runtime.flowRun.id).toBeUndefined();
  });
});

describe('logs', () => {
  it('has no run logger outside a run', () => {
    expect(() => getRunLogger()).toThrow(MissingContextError);
  });

  it('ships getRunLogger() logs in batches, not one call per line', async () => {
    const before = t.session.logs.batchesSent;
    const chatty = flow({ name: 'chatty' }, async () => {
      const logger = getRunLogger();
      for (let i = 0; i < 200; i++) logger.info(`line ${i}`);
    });
    const outcome = await chatty.returnState();
    await t.session.flush();
    const logs = await t.client.logs.list.query({
      filter: { flowRunId: { any: [outcome.flowRunId] }, text: 'line' },
    });
    expect(logs).toHaveLength(200);
    expect(t.session.logs.batchesSent - before).toBeLessThanOrEqual(3);
  });

  it('captures console output as logs with logPrints', async () => {
    const printing = flow({ name: 'printing', logPrints: true }, async () => {
      console.log('printed from a flow', 42);
    });
    const quiet = flow({ name: 'quiet' }, async () => {
      console.log('not captured');
    });
    const outcome = await printing.returnState();
    const other = await quiet.returnState();
    await t.session.flush();
    const logs = await t.client.logs.list.query({ filter: { flowRunId: { any: [outcome.flowRunId] } } });
    expect(logs.map((l) => l.message)).toContain('printed from a flow 42');
    const none = await t.client.logs.list.query({
      filter: { flowRunId: { any: [other.flowRunId] }, text: 'not captured' },
    });
    expect(none).toHaveLength(0);
  });
});
