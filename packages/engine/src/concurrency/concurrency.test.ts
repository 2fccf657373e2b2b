import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flow } from '../flows/flow';
import { task } from '../tasks/task';
import { startTestEngine, type TestEngine } from '../testing/test-engine';
import { ConcurrencySlotTimeoutError, concurrency, rateLimit } from './concurrency';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine({ listen: true });
});
afterAll(() => t?.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const activeSlots = async (name: string) =>
  (await t.client.concurrencyLimits.read.query({ name })).activeSlots;

describe('concurrency()', () => {
  it('holds the slot while fn runs and releases it afterwards, also on throw', async () => {
    await t.client.concurrencyLimits.create.mutate({ name: 'db', limit: 1 });
    const seen = await concurrency('db', { occupy: 1 }, async () => activeSlots('db'));
    expect(seen).toBe(1);
    expect(await activeSlots('db')).toBe(0);
    await expect(
      concurrency(['db'], {}, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await activeSlots('db')).toBe(0);
  });

  it('waits for a free slot, or times out', async () => {
    await t.client.concurrencyLimits.create.mutate({ name: 'one', limit: 1 });
    let inside = 0;
    let most = 0;
    const work = () =>
      concurrency('one', {}, async () => {
        inside += 1;
        most = Math.max(most, inside);
        await sleep(100);
        inside -= 1;
      });
    await Promise.all([work(), work(), work()]);
    expect(most).toBe(1);
    const blocker = concurrency('one', {}, () => sleep(800));
    await sleep(200);
    await expect(concurrency('one', { timeoutSeconds: 0.3 }, () => 1)).rejects.toBeInstanceOf(
      ConcurrencySlotTimeoutError,
    );
    await blocker;
  });

  it('renews the lease in the background beyond its ttl', async () => {
    await t.client.concurrencyLimits.create.mutate({ name: 'long', limit: 1 });
    await concurrency('long', { ttlSeconds: 1 }, async () => {
      await sleep(1800);
      expect(await activeSlots('long')).toBe(1);
      const leases = await t.client.concurrencyLimits.listLeases.query({ name: 'long' });
      expect(leases[0]?.holder).toMatchObject({ type: 'process', id: String(process.pid) });
    });
  });

  it('rateLimit takes decaying slots', async () => {
    await t.client.concurrencyLimits.create.mutate({ name: 'api', limit: 2, slotDecayPerSecond: 10 });
    const started = Date.now();
    for (let i = 0; i < 4; i++) await rateLimit('api');
    // 2 at once, then refilled at 10/s: the last two waited about 0.1 s each.
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    await expect(rateLimit('db')).rejects.toThrow(/mode/);
  });
});

describe('task tag limits', () => {
  it('never runs more than 2 of 10 tasks tagged with a limit of 2 at once', async () => {
    await t.client.concurrencyLimits.create.mutate({ name: 'tag:gpu', limit: 2 });
    let inside = 0;
    let most = 0;
    const train = task({ name: 'train', tags: ['gpu'] }, async (i: number) => {
      inside += 1;
      most = Math.max(most, inside);
      await sleep(60);
      inside -= 1;
      return i;
    });
    const free = task({ name: 'free', tags: ['cpu'] }, async (i: number) => i);
    const pipeline = flow({ name: 'tagged' }, async () => {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => train(i)));
      await free(1);
      return results;
    });
    expect(await pipeline()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(most).toBe(2);
    expect(await activeSlots('tag:gpu')).toBe(0);
    // The server's recorded states agree: never more than 2 Running intervals overlap.
    const runs = (await t.client.taskRuns.list.query({ filter: { name: { like: 'train' } } })).filter((r) =>
      r.name.startsWith('train'),
    );
    expect(runs).toHaveLength(10);
    const events: [number, number][] = [];
    for (const run of runs) {
      const states = await t.client.taskRuns.states.query({ id: run.id });
      const start = states.find((s) => s.type === 'RUNNING');
      const end = states.find((s) => s.type === 'COMPLETED');
      if (!start || !end) throw new Error('missing states');
      events.push([new Date(start.timestamp).getTime(), 1], [new Date(end.timestamp).getTime(), -1]);
    }
    events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let running = 0;
    let peak = 0;
    for (const [, delta] of events) {
      running += delta;
      peak = Math.max(peak, running);
    }
    expect(peak).toBeLessThanOrEqual(2);
  }, 30_000);
});

describe('proof: no orphaned slots (Prefect #17415)', () => {
  it('frees the slot of a SIGKILLed holder within its lease ttl', async () => {
    await t.client.concurrencyLimits.create.mutate({ name: 'proof', limit: 1 });
    const script = fileURLToPath(new URL('../testing/fixtures/hold-slot.ts', import.meta.url));
    const child = spawn(process.execPath, ['--conditions=dev-source', '--import', 'tsx', script], {
      env: {
        ...process.env,
        WEFT_API_URL: t.server.url,
        WEFT_HOME: t.home,
        WEFT_LOGGING_TO_CONSOLE: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += String(d);
        if (out.includes('holding')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    const [lease] = await t.client.concurrencyLimits.listLeases.query({ name: 'proof' });
    expect(lease?.holder).toMatchObject({ type: 'process', id: String(child.pid) });
    await sleep(2500); // longer than the ttl: the live holder renewed it
    expect(await activeSlots('proof')).toBe(1);
    const exited = new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const killedAt = Date.now();
    while ((await activeSlots('proof')) > 0) {
      expect(Date.now() - killedAt).toBeLessThan(2500);
      await sleep(100);
    }
    expect(await t.server.runService('concurrency-limit-repossessor')).toBe(true);
    expect(await t.client.concurrencyLimits.listLeases.query({ name: 'proof' })).toEqual([]);
    expect(await concurrency('proof', { timeoutSeconds: 1 }, () => 'free again')).toBe('free again');
  }, 60_000);
});
