import { uuid7, type WorkQueue, wireTransformer } from '@weft/schemas';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';
import { FLOW_RUNS_SCHEDULED_CHANNEL } from './scheduled-wakeups';
import { createQueuedRun, insertDeployment } from './work-pool-fixtures';

let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
let flowId: string;
let mine: WorkQueue;
let theirs: WorkQueue;

beforeAll(async () => {
  t = await createTestServer({ listen: true });
  api = appRouter.createCaller(await t.server.createContext());
  flowId = (await api.flows.create({ name: 'woken' })).id;
  await api.workPools.create({ name: 'mine' });
  await api.workPools.create({ name: 'theirs' });
  [mine] = (await api.workQueues.list({ workPoolName: 'mine' })) as [WorkQueue];
  [theirs] = (await api.workQueues.list({ workPoolName: 'theirs' })) as [WorkQueue];
});
afterAll(() => t.close());

/** An in-process caller whose subscriptions end when `signal` aborts. */
async function watcher(signal: AbortSignal) {
  return appRouter.createCaller(await t.server.createContext(), { signal });
}

/** A run of the queue, moved to SCHEDULED through the API (which announces it). */
async function scheduleRun(queue: WorkQueue, deploymentId?: string): Promise<string> {
  const id = await createQueuedRun(t, api, {
    flowId,
    queue,
    at: new Date(),
    ...(deploymentId ? { deploymentId } : {}),
  });
  await api.flowRuns.setState({ id, state: { type: 'SCHEDULED' }, force: true });
  return id;
}

/**
 * Schedule runs (one of another pool, then one of the watched scope) until the watcher wakes:
 * a subscription starts listening at some point after the request, and nothing says when.
 */
async function scheduleUntilWoken(
  woken: Promise<{ ids: string[] }>,
  schedule: () => Promise<{ matching: string; other: string }>,
): Promise<{ ids: string[]; matching: Set<string>; others: Set<string> }> {
  const matching = new Set<string>();
  const others = new Set<string>();
  const result: { value?: { ids: string[] } } = {};
  void woken.then((value) => {
    result.value = value;
  });
  for (let i = 0; i < 100 && !result.value; i++) {
    const ids = await schedule();
    matching.add(ids.matching);
    others.add(ids.other);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!result.value) throw new Error('The watcher never woke');
  return { ids: result.value.ids, matching, others };
}

/** The first `data:` message of an SSE response. */
async function firstMessage(response: Response): Promise<{ ids: string[] }> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('The stream ended');
      buffer += value;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trim())
          .join('\n');
        if (data && !/^event: /m.test(block))
          return wireTransformer.deserialize(JSON.parse(data)) as { ids: string[] };
      }
    }
  } finally {
    await reader.cancel();
  }
}

describe('watchScheduled', () => {
  it('wakes an HTTP subscriber when a run of its pool is scheduled, and only then', async () => {
    const input = encodeURIComponent(JSON.stringify(wireTransformer.serialize({ workPoolName: 'mine' })));
    const response = await fetch(`${t.url}/api/workPools.watchScheduled?input=${input}`, {
      headers: { Accept: 'text/event-stream' },
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const woken = await scheduleUntilWoken(firstMessage(response), async () => ({
      other: await scheduleRun(theirs),
      matching: await scheduleRun(mine),
    }));
    expect(woken.ids.length).toBeGreaterThan(0);
    for (const id of woken.ids) {
      expect(woken.matching.has(id)).toBe(true);
      expect(woken.others.has(id)).toBe(false);
    }
  });

  it('wakes an in-process subscriber for the runs of its deployments', async () => {
    const deploymentId = await insertDeployment(t, { flowId, name: 'served' });
    const controller = new AbortController();
    const stream = await (await watcher(controller.signal)).workPools.watchScheduled({
      deploymentIds: [deploymentId],
    });
    const iterator = stream[Symbol.asyncIterator]();
    const first = iterator.next().then((result) => result.value as { ids: string[] });
    const woken = await scheduleUntilWoken(first, async () => ({
      other: await scheduleRun(mine),
      matching: await scheduleRun(mine, deploymentId),
    }));
    controller.abort();
    expect(woken.ids.every((id) => woken.matching.has(id))).toBe(true);
  });

  it('answers NOT_FOUND for an unknown pool and BAD_REQUEST for a bad deployment id', async () => {
    const unknown = await api.workPools.watchScheduled({ workPoolName: 'nope' });
    await expect(unknown[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.workPools.watchScheduled({ deploymentIds: ['x'] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('deploymentIds.0'),
    });
  });

  it('wakes when another replica schedules a run (LISTEN/NOTIFY), and tells the others', async () => {
    if (!t.resources.capabilities.supportsListenNotify) return; // PGlite: one process, no replicas.
    const listen = t.resources.listen;
    if (!listen) throw new Error('Postgres must offer LISTEN');
    // Publishing: a run scheduled here reaches a listener on the channel, as another replica's.
    const published: string[] = [];
    const stop = await listen(
      FLOW_RUNS_SCHEDULED_CHANNEL,
      (payload) => published.push(payload),
      () => {},
    );
    try {
      const local = await scheduleRun(mine);
      for (let i = 0; i < 100 && !published.some((p) => p.includes(local)); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(published.flatMap((p) => JSON.parse(p).ids)).toContain(local);
    } finally {
      await stop();
    }
    // Receiving: a NOTIFY from another replica (another origin) wakes this replica's watcher.
    const remote = await createQueuedRun(t, api, { flowId, queue: mine, at: new Date() });
    const controller = new AbortController();
    const stream = await (await watcher(controller.signal)).workPools.watchScheduled({
      workPoolName: 'mine',
    });
    const first = stream[Symbol.asyncIterator]()
      .next()
      .then((result) => result.value as { ids: string[] });
    const payload = JSON.stringify({ origin: uuid7(), ids: [remote] });
    const woken = await scheduleUntilWoken(first, async () => {
      await sql`select pg_notify(${FLOW_RUNS_SCHEDULED_CHANNEL}, ${payload})`.execute(t.resources.db);
      return { matching: remote, other: remote };
    });
    controller.abort();
    expect(woken.ids).toEqual([remote]);
  });
});
