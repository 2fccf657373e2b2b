import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';
import { createTestClock } from '../../testing/test-clock';

let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
const clock = createTestClock();

beforeAll(async () => {
  t = await createTestServer({ clock });
  api = appRouter.createCaller(await t.server.createContext());
});
afterAll(() => t.close());

const countLimits = async () =>
  (await t.resources.db.selectFrom('concurrency_limit').select('id').execute()).length;

describe('concurrencyLimits CRUD', () => {
  it('creates, reads, lists, updates, deletes', async () => {
    const created = await api.concurrencyLimits.create({ name: 'db', limit: 3 });
    expect(created).toMatchObject({ name: 'db', limit: 3, active: true, activeSlots: 0, deniedSlots: 0 });
    expect(await api.concurrencyLimits.read({ name: 'db' })).toEqual(created);
    await api.concurrencyLimits.create({ name: 'api', limit: 1, slotDecayPerSecond: 0.5 });
    expect((await api.concurrencyLimits.list({})).map((l) => l.name)).toEqual(['api', 'db']);
    expect((await api.concurrencyLimits.list({ namePrefix: 'd' })).map((l) => l.name)).toEqual(['db']);
    const updated = await api.concurrencyLimits.update({
      name: 'db',
      newName: 'db2',
      limit: 5,
      active: false,
    });
    expect(updated).toMatchObject({ name: 'db2', limit: 5, active: false });
    await expect(api.concurrencyLimits.create({ name: 'db2', limit: 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await api.concurrencyLimits.delete({ name: 'db2' })).toMatchObject({ name: 'db2' });
    await expect(api.concurrencyLimits.read({ name: 'db2' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.concurrencyLimits.delete({ name: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await api.concurrencyLimits.delete({ name: 'api' });
  });

  it.each([
    [{ name: '', limit: 1 }, 'name'],
    [{ name: 'a/b', limit: 1 }, 'name'],
    [{ name: 'x', limit: -1 }, 'limit'],
    [{ name: 'x', limit: 1.5 }, 'limit'],
    [{ name: 'x', limit: 1, slotDecayPerSecond: -1 }, 'slotDecayPerSecond'],
  ])('rejects bad create input %j naming %s and writes nothing', async (input, field) => {
    const before = await countLimits();
    const error = await api.concurrencyLimits.create(input).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect((error as Error).message).toContain(field);
    expect(await countLimits()).toBe(before);
  });
});

describe('acquire, renew, release', () => {
  it('takes slots up to the limit, denies with a retry hint, frees on release', async () => {
    await api.concurrencyLimits.create({ name: 'pool', limit: 2 });
    const holder = { type: 'process' as const, id: 'p1' };
    const a = await api.concurrencyLimits.acquire({ names: ['pool'], slots: 2, ttlSeconds: 60, holder });
    expect(a).toMatchObject({ acquired: true, limits: [{ name: 'pool', limit: 2 }] });
    const denied = await api.concurrencyLimits.acquire({ names: ['pool'] });
    expect(denied).toMatchObject({ acquired: false, blockedBy: 'pool' });
    expect(denied.acquired === false && denied.retryAfterSeconds).toBeGreaterThan(0);
    expect(await api.concurrencyLimits.read({ name: 'pool' })).toMatchObject({
      activeSlots: 2,
      deniedSlots: 1,
    });
    const leases = await api.concurrencyLimits.listLeases({ name: 'pool' });
    expect(leases).toMatchObject([{ names: ['pool'], slots: 2, holder }]);
    if (!a.acquired || !a.leaseId) throw new Error('expected a lease');
    expect(await api.concurrencyLimits.release({ leaseId: a.leaseId })).toEqual({ released: true });
    expect(await api.concurrencyLimits.release({ leaseId: a.leaseId })).toEqual({ released: false });
    expect(await api.concurrencyLimits.read({ name: 'pool' })).toMatchObject({ activeSlots: 0 });
  });

  it('is all or nothing across names', async () => {
    await api.concurrencyLimits.create({ name: 'm-a', limit: 1 });
    await api.concurrencyLimits.create({ name: 'm-b', limit: 1 });
    const b = await api.concurrencyLimits.acquire({ names: ['m-b'] });
    expect(b.acquired).toBe(true);
    const both = await api.concurrencyLimits.acquire({ names: ['m-b', 'm-a'] });
    expect(both).toMatchObject({ acquired: false, blockedBy: 'm-b' });
    expect(await api.concurrencyLimits.read({ name: 'm-a' })).toMatchObject({ activeSlots: 0 });
    if (b.acquired && b.leaseId) await api.concurrencyLimits.release({ leaseId: b.leaseId });
    const ok = await api.concurrencyLimits.acquire({ names: ['m-a', 'm-b'] });
    expect(ok).toMatchObject({ acquired: true });
    const leases = await api.concurrencyLimits.listLeases({ name: 'm-a' });
    expect(leases[0]?.names).toEqual(['m-a', 'm-b']);
  });

  it('ignores inactive and (by default) missing limits; NOT_FOUND when asked', async () => {
    await api.concurrencyLimits.create({ name: 'off', limit: 0, active: false });
    expect(await api.concurrencyLimits.acquire({ names: ['off', 'ghost'] })).toEqual({
      acquired: true,
      leaseId: null,
      expiresAt: null,
      limits: [],
    });
    await expect(
      api.concurrencyLimits.acquire({ names: ['ghost'], ignoreMissing: false }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rejects slots over the limit and rate mode on a plain limit, writing nothing', async () => {
    await api.concurrencyLimits.create({ name: 'small', limit: 1 });
    const over = await api.concurrencyLimits.acquire({ names: ['small'], slots: 2 }).catch((e: Error) => e);
    expect(over).toMatchObject({ code: 'BAD_REQUEST' });
    expect((over as Error).message).toContain('slots');
    const rate = await api.concurrencyLimits
      .acquire({ names: ['small'], mode: 'rate' })
      .catch((e: Error) => e);
    expect((rate as Error).message).toContain('mode');
    const bad = await api.concurrencyLimits
      .acquire({ names: ['small'], ttlSeconds: 0 })
      .catch((e: Error) => e);
    expect((bad as Error).message).toContain('ttlSeconds');
    expect(await api.concurrencyLimits.read({ name: 'small' })).toMatchObject({
      activeSlots: 0,
      deniedSlots: 0,
    });
    expect(await api.concurrencyLimits.listLeases({ name: 'small' })).toEqual([]);
  });

  it('renews a live lease; an expired one is NOT_FOUND and the repossessor removes it', async () => {
    await api.concurrencyLimits.create({ name: 'ttl', limit: 1 });
    const a = await api.concurrencyLimits.acquire({ names: ['ttl'], ttlSeconds: 30 });
    if (!a.acquired || !a.leaseId) throw new Error('expected a lease');
    clock.advance(20);
    const renewed = await api.concurrencyLimits.renew({ leaseId: a.leaseId, ttlSeconds: 30 });
    expect(renewed.expiresAt).toEqual(new Date(clock().getTime() + 30_000));
    clock.advance(25);
    expect(await api.concurrencyLimits.read({ name: 'ttl' })).toMatchObject({ activeSlots: 1 });
    clock.advance(10);
    // Holder died: the slot stops counting at expiry, and the repossessor deletes the lease.
    expect(await api.concurrencyLimits.read({ name: 'ttl' })).toMatchObject({ activeSlots: 0 });
    await expect(api.concurrencyLimits.renew({ leaseId: a.leaseId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await t.runService('concurrency-limit-repossessor')).toBe(true);
    const rows = await t.resources.db
      .selectFrom('concurrency_lease')
      .select('id')
      .where('lease_id', '=', a.leaseId)
      .execute();
    expect(rows).toEqual([]);
    expect((await api.concurrencyLimits.acquire({ names: ['ttl'] })).acquired).toBe(true);
  });

  it('rate limits: slots decay over time', async () => {
    await api.concurrencyLimits.create({ name: 'rate', limit: 2, slotDecayPerSecond: 1 });
    expect((await api.concurrencyLimits.acquire({ names: ['rate'], mode: 'rate', slots: 2 })).acquired).toBe(
      true,
    );
    const denied = await api.concurrencyLimits.acquire({ names: ['rate'], mode: 'rate' });
    expect(denied).toMatchObject({ acquired: false, retryAfterSeconds: 1 });
    clock.advance(1);
    expect(await api.concurrencyLimits.read({ name: 'rate' })).toMatchObject({ activeSlots: 1 });
    expect((await api.concurrencyLimits.acquire({ names: ['rate'], mode: 'rate' })).acquired).toBe(true);
  });

  it('reset drops leases and counters', async () => {
    await api.concurrencyLimits.create({ name: 'rst', limit: 1 });
    await api.concurrencyLimits.acquire({ names: ['rst'] });
    await api.concurrencyLimits.acquire({ names: ['rst'] });
    expect(await api.concurrencyLimits.read({ name: 'rst' })).toMatchObject({
      activeSlots: 1,
      deniedSlots: 1,
    });
    expect(await api.concurrencyLimits.reset({ name: 'rst' })).toMatchObject({
      activeSlots: 0,
      deniedSlots: 0,
    });
  });
});
