import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MappingLengthMismatchError, MappingMissingIterableError, UpstreamTaskError } from '../errors';
import { flow } from '../flows/flow';
import { allowFailure, unmapped } from '../futures/annotations';
import { asCompleted, waitForAll } from '../futures/as-completed';
import { task } from '../tasks/task';
import { startTestEngine, type TestEngine } from '../testing/test-engine';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(() => t?.close());

describe('submit, map and futures', () => {
  it('submits concurrently and resolves futures passed as arguments, recording them as inputs', async () => {
    const add = task({ name: 'add' }, async (a: number, b: number) => a + b);
    const outcome = await flow({ name: 'submit-flow' }, async () => {
      const a = add.submit(1, 2);
      const b = add.submit(a, 10);
      expect(a.taskRunId).toMatch(/^[0-9a-f-]{36}$/);
      return b.result();
    }).returnState();
    expect(await outcome.result()).toBe(13);
    const runs = await t.taskRunsOf(outcome.flowRunId);
    const second = runs.find((r) => r.taskInputs.a?.length);
    expect(second?.taskInputs.a).toEqual([{ inputType: 'task_run', id: runs.find((r) => r !== second)!.id }]);
  });

  it('records an awaited object result passed on to another task as its upstream input', async () => {
    const extract = task({ name: 'extract' }, async (n: number) => Array.from({ length: n }, (_, i) => i));
    const counter = (name: string) => task({ name }, async (rows: number[]) => rows.length);
    const [same, copy, viaFuture] = [counter('count-same'), counter('count-copy'), counter('count-future')];
    const outcome = await flow({ name: 'tracked-results' }, async () => {
      const rows = await extract(3);
      // The same object is tracked; an equal copy is not.
      return [await same(rows), await copy([...rows]), await viaFuture.submit(rows).result()];
    }).returnState();
    expect(await outcome.result()).toEqual([3, 3, 3]);
    const runs = await t.taskRunsOf(outcome.flowRunId);
    const runOf = (name: string) => runs.find((r) => r.name.startsWith(`${name}-`))!;
    const fromExtract = [{ inputType: 'task_run', id: runOf('extract').id }];
    expect(runOf('count-same').taskInputs.rows).toEqual(fromExtract);
    expect(runOf('count-copy').taskInputs.rows).toBeUndefined();
    expect(runOf('count-future').taskInputs.rows).toEqual(fromExtract);
  });

  it('maps over iterables of equal length and broadcasts unmapped values', async () => {
    const mul = task({ name: 'mul' }, async (a: number, b: number) => a * b);
    const result = await flow({ name: 'map-flow' }, async () => mul.map([1, 2, 3], unmapped(10)).result())();
    expect(result).toEqual([10, 20, 30]);
  });

  it('rejects maps with different lengths or no iterable', async () => {
    const mul = task({ name: 'mul2' }, async (a: number, b: number) => a * b);
    expect(() => mul.map([1, 2], [1, 2, 3])).toThrow(MappingLengthMismatchError);
    expect(() => mul.map(1 as never, 2 as never)).toThrow(MappingMissingIterableError);
  });

  it('marks a downstream NotReady when an upstream failed, unless allowFailure', async () => {
    const bad = task({ name: 'bad' }, async () => {
      throw new Error('upstream broke');
    });
    const after = task({ name: 'after' }, async (x: unknown) =>
      x instanceof Error ? `saw ${x.message}` : 'value',
    );
    const outcome = await flow({ name: 'allow-failure-flow' }, async () => {
      const upstream = bad.submit();
      const blocked = after.submit(upstream);
      const allowed = after.submit(allowFailure(upstream));
      const blockedState = await blocked.wait();
      await expect(blocked.result()).rejects.toThrow(UpstreamTaskError);
      return { blocked: blockedState.name, allowed: await allowed.result() };
    }).returnState();
    expect(outcome.state.type).toBe('COMPLETED');
    expect(await outcome.result()).toEqual({ blocked: 'NotReady', allowed: 'saw upstream broke' });
  });

  it('waits for waitFor futures before running', async () => {
    const order: string[] = [];
    const first = task({ name: 'first' }, async () => {
      await new Promise((r) => setTimeout(r, 50));
      order.push('first');
    });
    const second = task({ name: 'second' }, async () => {
      order.push('second');
    });
    await flow({ name: 'wait-for-flow' }, async () => {
      const f = first.submit();
      await second
        .with({ waitFor: [f] })
        .submit()
        .result();
    })();
    expect(order).toEqual(['first', 'second']);
  });

  it('shows the current state while the run progresses', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const gated = task({ name: 'gated' }, async () => {
      await gate;
      return 'open';
    });
    await flow({ name: 'state-flow' }, async () => {
      const future = gated.submit();
      expect(future.isDone()).toBe(false);
      await new Promise((r) => setTimeout(r, 10));
      expect(future.state()).toMatchObject({ type: 'RUNNING', name: 'Running' });
      release();
      expect(await future.wait()).toMatchObject({ type: 'COMPLETED' });
      expect(future.state().type).toBe('COMPLETED');
      expect(await future.result()).toBe('open');
    })();
  });

  it('yields futures as they complete and waits for all', async () => {
    const sleepy = task({ name: 'sleepy' }, async (ms: number) => {
      await new Promise((r) => setTimeout(r, ms));
      return ms;
    });
    await flow({ name: 'as-completed-flow' }, async () => {
      const futures = sleepy.map([120, 10, 60]);
      const seen: number[] = [];
      for await (const f of asCompleted(futures)) seen.push(await f.result());
      expect(seen).toEqual([10, 60, 120]);
      const { done, notDone } = await waitForAll(futures);
      expect(done).toHaveLength(3);
      expect(notDone).toHaveLength(0);
    })();
  });
});
