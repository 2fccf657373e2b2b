import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachePolicies } from '../caching/cache-policies';
import { flow } from '../flows/flow';
import { startTestEngine, type TestEngine } from '../testing/test-engine';
import { task } from './task';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(() => t?.close());

async function lastTaskRun(flowRunId: string) {
  await t.session.flush();
  const runs = await t.client.taskRuns.list.query({ filter: { flowRunId: { any: [flowRunId] } } });
  return runs.at(-1)!;
}

async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).length;
}

describe('caching', () => {
  it('serves a second flow run from the cache by inputs, finishing Cached', async () => {
    let calls = 0;
    const square = task({ name: 'square-cached', cachePolicy: 'inputs' }, async (n: number) => {
      calls += 1;
      return n * n;
    });
    const run = flow({ name: 'cache-flow' }, async (n: number) => square(n));
    expect(await run(4)).toBe(16);
    const second = await run.returnState(4);
    expect(await second.result()).toBe(16);
    expect(calls).toBe(1);
    const cached = await lastTaskRun(second.flowRunId);
    expect(cached.stateName).toBe('Cached');
    expect(cached.state?.stateDetails.cacheKey).toBeTruthy();
    expect(await run(5)).toBe(25);
    expect(calls).toBe(2);
  });

  it('combines policies and honours exclusions', async () => {
    let calls = 0;
    const fetchIt = task(
      {
        name: 'fetch-excl',
        cachePolicy: cachePolicies.INPUTS.exclude('requestId').add(cachePolicies.TASK_SOURCE),
      },
      async (url: string, requestId: string) => {
        calls += 1;
        return `${url}:${requestId}`;
      },
    );
    const run = flow({ name: 'excl-flow' }, async (id: string) => fetchIt('a', id));
    expect(await run('r1')).toBe('a:r1');
    expect(await run('r2')).toBe('a:r1');
    expect(calls).toBe(1);
  });

  it('uses a cacheKeyFn over the policy', async () => {
    let calls = 0;
    const keyed = task(
      { name: 'keyed', cacheKeyFn: (_ctx, p) => `k-${String(p.n).length}` },
      async (n: number) => {
        calls += 1;
        return n;
      },
    );
    const run = flow({ name: 'keyfn-flow' }, async (n: number) => keyed(n));
    expect(await run(1)).toBe(1);
    expect(await run(2)).toBe(1);
    expect(await run(10)).toBe(10);
    expect(calls).toBe(2);
  });

  it('ignores an expired cache entry', async () => {
    let calls = 0;
    const brief = task({ name: 'brief', cachePolicy: 'inputs', cacheExpiration: 1.5 }, async () => ++calls);
    const run = flow({ name: 'expiry-flow' }, async () => brief());
    expect(await run()).toBe(1);
    expect(await run()).toBe(1);
    await new Promise((r) => setTimeout(r, 1600));
    expect(await run()).toBe(2);
  });

  it('runs again and overwrites the entry with refreshCache', async () => {
    let calls = 0;
    const base = task({ name: 'refreshable', cachePolicy: 'inputs' }, async () => ++calls);
    const refreshing = base.with({ refreshCache: true });
    expect(await flow({ name: 'refresh-a' }, async () => base())()).toBe(1);
    expect(await flow({ name: 'refresh-b' }, async () => refreshing())()).toBe(2);
    expect(await flow({ name: 'refresh-c' }, async () => base())()).toBe(2);
  });
});

describe('built-in policies', () => {
  it("'default' caches within one flow run (inputs + source + run id), not across runs", async () => {
    let calls = 0;
    const step = task({ name: 'default-cached', cachePolicy: 'default' }, async (n: number) => {
      calls += 1;
      return n;
    });
    const run = flow({ name: 'default-policy-flow' }, async () => [await step(1), await step(1)]);
    expect(await run()).toEqual([1, 1]);
    expect(calls).toBe(1);
    await run();
    expect(calls).toBe(2);
  });

  it("'flowParameters' caches by the flow's parameters, whatever the task's inputs", async () => {
    let calls = 0;
    const step = task({ name: 'by-flow-params', cachePolicy: ['flowParameters'] }, async (n: string) => {
      calls += 1;
      return n;
    });
    const run = flow({ name: 'flow-params-flow' }, async (day: string) => step(`${day}-${Math.random()}`));
    const first = await run('mon');
    expect(await run('mon')).toBe(first);
    expect(await run('tue')).not.toBe(first);
    expect(calls).toBe(2);
  });

  it("'none' never caches", async () => {
    let calls = 0;
    const step = task(
      { name: 'never-cached', cachePolicy: 'none', persistResult: true },
      async () => ++calls,
    );
    const run = flow({ name: 'none-policy-flow' }, async () => step());
    await run();
    await run();
    expect(calls).toBe(2);
  });
});

describe('persistResult', () => {
  it('persists a flow result when the flow asks for it', async () => {
    const kept = flow({ name: 'kept-flow', persistResult: true }, async () => ({ rows: 3 }));
    const outcome = await kept.returnState();
    const run = await t.client.flowRuns.read.query({ id: outcome.flowRunId });
    expect(run.state?.data).toMatchObject({ storageKey: expect.any(String), serializer: { type: 'json' } });
    const plain = await flow({ name: 'unkept-flow' }, async () => 1).returnState();
    expect((await t.client.flowRuns.read.query({ id: plain.flowRunId })).state?.data).toEqual({
      type: 'unpersisted',
    });
  });

  it('writes no result by default and one when persistResult is true', async () => {
    const storage = join(t.home, 'storage');
    const before = await countFiles(storage);
    const plain = task({ name: 'plain' }, async () => 'x');
    const kept = task({ name: 'kept', persistResult: true }, async () => 'y');
    const outcome = await flow({ name: 'persist-flow' }, async () => [
      await plain(),
      await kept(),
    ]).returnState();
    expect(await outcome.result()).toEqual(['x', 'y']);
    await t.session.flush();
    expect(await countFiles(storage)).toBe(before + 1);
    const runs = await t.client.taskRuns.list.query({ filter: { flowRunId: { any: [outcome.flowRunId] } } });
    const byName = Object.fromEntries(runs.map((r) => [r.name.split('-')[0], r.state?.data]));
    expect(byName.plain).toEqual({ type: 'unpersisted' });
    expect(byName.kept).toMatchObject({ storageKey: expect.any(String) });
  });

  it('never caches when persistResult is false, even with a policy', async () => {
    let calls = 0;
    const off = task({ name: 'off', cachePolicy: 'inputs', persistResult: false }, async () => ++calls);
    const run = flow({ name: 'persist-off-flow' }, async () => off());
    await run();
    await run();
    expect(calls).toBe(2);
  });
});
