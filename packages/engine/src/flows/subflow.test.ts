import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runtime } from '../context/runtime';
import { task } from '../tasks/task';
import { startTestEngine, type TestEngine } from '../testing/test-engine';
import { flow } from './flow';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(() => t?.close());

async function trackingRuns(parentId: string) {
  await t.session.flush();
  return t.client.taskRuns.list.query({
    filter: { flowRunId: { any: [parentId] }, subflowRuns: { exists: true } },
  });
}

describe('subflows', () => {
  it('are flow runs linked to a tracking task run in the parent', async () => {
    const child = flow({ name: 'child', parameters: z.object({ n: z.number() }) }, async ({ n }) => ({
      n,
      parentTaskRunId: runtime.flowRun.parentTaskRunId,
    }));
    const parent = flow({ name: 'parent' }, async () => child({ n: 3 }));
    const outcome = await parent.returnState();
    const value = (await outcome.result()) as { n: number; parentTaskRunId: string };
    const [tracking] = await trackingRuns(outcome.flowRunId);
    expect(tracking).toBeDefined();
    expect(value).toEqual({ n: 3, parentTaskRunId: tracking!.id });
    const childRun = await t.client.flowRuns.read.query({ id: tracking!.subflowRunId! });
    expect(childRun).toMatchObject({
      flowName: 'child',
      parentTaskRunId: tracking!.id,
      stateType: 'COMPLETED',
    });
    expect(tracking!.stateType).toBe('COMPLETED');
  });

  /**
   * A retried parent re-uses its completed children, and concurrent children with different
   * inputs never adopt each other's results, whatever order the calls start in on the retry.
   * @see https://github.com/PrefectHQ/prefect/issues/22259
   */
  it('re-uses completed children on parent retry without swapping concurrent results (22259)', async () => {
    const runs: number[] = [];
    const chunk = flow(
      { name: 'load-chunk', parameters: z.object({ chunk: z.number() }) },
      async ({ chunk }) => {
        runs.push(chunk);
        await new Promise((r) => setTimeout(r, (5 - chunk) * 15));
        return Array.from({ length: 3 }, (_, i) => chunk * 10 + i);
      },
    );
    const wrapper = task({ name: 'wrapper' }, async (c: number) => chunk({ chunk: c }));
    let attempt = 0;
    const job = flow({ name: 'chunked-job', retries: 1 }, async () => {
      attempt += 1;
      // The retry starts the calls in the opposite order: call order must not decide identity.
      const order = attempt === 1 ? [1, 2, 3, 4] : [4, 3, 2, 1];
      const futures = order.map((c) => wrapper.submit(c));
      const rows = (await Promise.all(futures.map((f) => f.result()))).flat();
      if (attempt === 1) throw new Error('evicted after the children finished');
      return rows.sort((a, b) => a - b);
    });
    const outcome = await job.returnState();
    expect(await outcome.result()).toEqual([10, 11, 12, 20, 21, 22, 30, 31, 32, 40, 41, 42]);
    expect(runs.sort()).toEqual([1, 2, 3, 4]);
    const children = await t.client.flowRuns.list.query({ filter: { flowName: { any: ['load-chunk'] } } });
    expect(children).toHaveLength(4);
    expect(children.map((c) => c.parameters.chunk).sort()).toEqual([1, 2, 3, 4]);
  });

  it('runs a child again on parent retry when it did not complete', async () => {
    let childCalls = 0;
    const fragile = flow({ name: 'fragile-child' }, async () => {
      childCalls += 1;
      if (childCalls === 1) throw new Error('child failed once');
      return 'ok';
    });
    const parent = flow({ name: 'retrying-parent', retries: 1 }, async () => fragile());
    expect(await parent()).toBe('ok');
    expect(childCalls).toBe(2);
  });
});
