import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtime } from '../context/runtime';
import { RunTimeoutError } from '../errors';
import { flow } from '../flows/flow';
import { exponentialBackoff } from '../retries/retry-delay';
import { startTestEngine, type TestEngine } from '../testing/test-engine';
import { task } from './task';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(() => t?.close());

describe('calling a task', () => {
  it('returns its value and records Pending → Running → Completed in the flow run', async () => {
    const double = task(
      { name: 'double', version: '1.2', description: 'doubles' },
      async (n: number) => n * 2,
    );
    const outcome = await flow({ name: 'call-flow' }, async () => double(21)).returnState();
    expect(await outcome.result()).toBe(42);
    const [run] = await t.taskRunsOf(outcome.flowRunId);
    expect(run).toMatchObject({ stateType: 'COMPLETED', taskVersion: '1.2', runCount: 1 });
    expect(await t.stateNames(run!.id)).toEqual(['Pending', 'Running', 'Completed']);
  });

  it('throws the error of a failed task and records it as data', async () => {
    const boom = task({ name: 'boom' }, async () => {
      throw new TypeError('bad input');
    });
    const outcome = await flow({ name: 'boom-flow' }, async () => boom()).returnState();
    expect(outcome.state.type).toBe('FAILED');
    await expect(outcome.result()).rejects.toThrow(TypeError);
    const [run] = await t.taskRunsOf(outcome.flowRunId);
    expect(run?.state?.data).toMatchObject({ kind: 'builtin', name: 'TypeError', message: 'bad input' });
  });

  it('runs outside a flow too', async () => {
    const inc = task({ name: 'inc' }, async (n: number) => n + 1);
    expect(await inc(1)).toBe(2);
  });
});

describe('retries', () => {
  it('retries with the listed delays, recording AwaitingRetry and Retrying', async () => {
    let calls = 0;
    const started: number[] = [];
    const flaky = task({ name: 'flaky', retries: 2, retryDelaySeconds: [0.1, 0.2] }, async () => {
      started.push(Date.now());
      calls += 1;
      if (calls < 3) throw new Error(`fail ${calls}`);
      return runtime.taskRun.runCount;
    });
    const outcome = await flow({ name: 'retry-flow' }, async () => flaky()).returnState();
    expect(await outcome.result()).toBe(3);
    expect(started[1]! - started[0]!).toBeGreaterThanOrEqual(95);
    expect(started[2]! - started[1]!).toBeGreaterThanOrEqual(195);
    const [run] = await t.taskRunsOf(outcome.flowRunId);
    expect(await t.stateNames(run!.id)).toEqual([
      'Pending',
      'Running',
      'AwaitingRetry',
      'Retrying',
      'AwaitingRetry',
      'Retrying',
      'Completed',
    ]);
    expect(run?.runCount).toBe(3);
  });

  it('waits exponentially longer with exponentialBackoff', async () => {
    const started: number[] = [];
    const flaky = task(
      { name: 'backoff', retries: 2, retryDelaySeconds: exponentialBackoff(0.1) },
      async () => {
        started.push(Date.now());
        if (started.length < 3) throw new Error('again');
        return 'ok';
      },
    );
    await flow({ name: 'backoff-flow' }, async () => flaky())();
    expect(started[1]! - started[0]!).toBeGreaterThanOrEqual(95);
    expect(started[2]! - started[1]!).toBeGreaterThanOrEqual(195);
  });

  it('spreads retry delays with retryJitterFactor', async () => {
    const failedOnce = new Set<number>();
    const jittery = task(
      { name: 'jittery', retries: 1, retryDelaySeconds: 0.2, retryJitterFactor: 1 },
      async (i: number) => {
        if (!failedOnce.has(i)) {
          failedOnce.add(i);
          throw new Error('once');
        }
        return i;
      },
    );
    const outcome = await flow({ name: 'jitter-flow' }, async () =>
      jittery.map([1, 2, 3, 4, 5, 6]).result(),
    ).returnState();
    expect(await outcome.result()).toEqual([1, 2, 3, 4, 5, 6]);
    const runs = await t.taskRunsOf(outcome.flowRunId);
    const delays: number[] = [];
    for (const run of runs) {
      expect(run.empiricalPolicy.retryJitterFactor).toBe(1);
      const awaiting = (await t.client.taskRuns.states.query({ id: run.id })).find(
        (s) => s.name === 'AwaitingRetry',
      )!;
      delays.push(awaiting.stateDetails.scheduledTime!.getTime() - awaiting.timestamp.getTime());
    }
    for (const delay of delays) expect(delay).toBeLessThanOrEqual(401);
    expect(new Set(delays.map((d) => Math.round(d / 10))).size).toBeGreaterThan(1);
  });

  it('stops retrying when retryCondition says no', async () => {
    let calls = 0;
    const fatal = task(
      {
        name: 'fatal',
        retries: 5,
        retryCondition: (_task, _run, state) => !String(state.message).includes('fatal'),
      },
      async () => {
        calls += 1;
        throw new Error(calls === 1 ? 'transient' : 'fatal');
      },
    );
    await expect(flow({ name: 'condition-flow' }, async () => fatal())()).rejects.toThrow('fatal');
    expect(calls).toBe(2);
  });
});

describe('timeouts', () => {
  it('fails a slow task TimedOut and aborts its signal', async () => {
    let aborted = false;
    const slow = task({ name: 'slow', timeoutSeconds: 0.1 }, async () => {
      runtime.taskRun.signal?.addEventListener('abort', () => {
        aborted = true;
      });
      await new Promise((r) => setTimeout(r, 1000));
    });
    const outcome = await flow({ name: 'timeout-flow' }, async () => slow()).returnState();
    await expect(outcome.result()).rejects.toThrow(RunTimeoutError);
    expect(aborted).toBe(true);
    const [run] = await t.taskRunsOf(outcome.flowRunId);
    expect(run?.stateName).toBe('TimedOut');
    expect(run?.state?.message).toBe('Task run exceeded timeout of 0.1 second(s)');
  });
});

describe('nesting and logPrints', () => {
  it('records a task called inside a task with its parent, and captures prints with logPrints', async () => {
    const inner = task({ name: 'inner' }, async (n: number) => {
      console.log(`inner got ${n}`);
      return n + 1;
    });
    const outer = task({ name: 'outer', logPrints: true }, async (n: number) => inner(n));
    const outcome = await flow({ name: 'nested-flow' }, async () => outer(1)).returnState();
    expect(await outcome.result()).toBe(2);
    const runs = await t.taskRunsOf(outcome.flowRunId);
    const outerRun = runs.find((r) => r.name.startsWith('outer'))!;
    const innerRun = runs.find((r) => r.name.startsWith('inner'))!;
    expect(innerRun.taskInputs.__parents__).toEqual([{ inputType: 'task_run', id: outerRun.id }]);
    const logs = await t.client.logs.list.query({ filter: { flowRunId: { any: [outcome.flowRunId] } } });
    expect(logs.find((l) => l.message === 'inner got 1')?.taskRunId).toBe(innerRun.id);
  });
});

describe('names, hooks and runtime', () => {
  it('names runs from a taskRunName template', async () => {
    const greet = task({ name: 'greet', taskRunName: 'greet-{who}' }, async (who: string) => `hi ${who}`);
    const outcome = await flow({ name: 'name-flow' }, async () => greet('ada')).returnState();
    const [run] = await t.taskRunsOf(outcome.flowRunId);
    expect(run?.name).toBe('greet-ada');
  });

  it('fires onRunning, onCompletion and onFailure hooks, and a failing hook changes nothing', async () => {
    const seen: string[] = [];
    const hooks = {
      onRunning: (_t: unknown, _run: { name: string }, s: { name: string }) =>
        void seen.push(`running:${s.name}`),
      onCompletion: [
        () => {
          throw new Error('hook broke');
        },
        (_t: unknown, _r: unknown, s: { name: string }) => void seen.push(`completed:${s.name}`),
      ],
      onFailure: (_t: unknown, _r: unknown, s: { name: string }) => void seen.push(`failed:${s.name}`),
    };
    const ok = task({ name: 'hooked-ok', ...hooks }, async () => 1);
    const ko = task({ name: 'hooked-ko', ...hooks }, async () => {
      throw new Error('x');
    });
    await flow({ name: 'hook-flow' }, async () => {
      await ok();
      await ko().catch(() => undefined);
    })();
    expect(seen).toEqual(['running:Running', 'completed:Completed', 'running:Running', 'failed:Failed']);
  });

  it('exposes the current task run through runtime.taskRun', async () => {
    const probe = task({ name: 'probe', tags: ['t1'] }, async (x: number) => ({
      x,
      id: runtime.taskRun.id,
      name: runtime.taskRun.name,
      taskName: runtime.taskRun.taskName,
      parameters: runtime.taskRun.parameters,
      tags: runtime.taskRun.tags,
      flowRunId: runtime.flowRun.id,
    }));
    const outcome = await flow({ name: 'runtime-task-flow' }, async () => probe(7)).returnState();
    const value = await outcome.result();
    const [run] = await t.taskRunsOf(outcome.flowRunId);
    expect(value).toEqual({
      x: 7,
      id: run!.id,
      name: run!.name,
      taskName: 'probe',
      parameters: { x: 7 },
      tags: ['t1'],
      flowRunId: outcome.flowRunId,
    });
    expect(runtime.taskRun.id).toBeUndefined();
  });
});
