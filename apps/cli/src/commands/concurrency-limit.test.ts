import type { ConcurrencyLease, ConcurrencyLimit } from '@weft/schemas';
import { describe, expect, it } from 'vitest';
import { useCliApiTest } from '../test-helpers/cli-api-test';

// `weft concurrency-limit` against a real server over HTTP.

const cli = useCliApiTest();
const { weft, json } = cli;

describe('weft concurrency-limit', () => {
  it('creates, lists, inspects with holders, resets and deletes', async () => {
    const created = await json<ConcurrencyLimit>(['concurrency-limit', 'create', 'tag:gpu', '2']);
    expect(created).toMatchObject({ name: 'tag:gpu', limit: 2, active: true, slotDecayPerSecond: 0 });
    const rate = await json<ConcurrencyLimit>([
      'concurrency-limit',
      'create',
      'github',
      '5',
      '--slot-decay',
      '0.5',
      '--inactive',
    ]);
    expect(rate).toMatchObject({ limit: 5, active: false, slotDecayPerSecond: 0.5 });
    expect((await weft(['concurrency-limit', 'ls'])).stdout).toMatch(/tag:gpu\s+2\s+0/);
    await cli.client.concurrencyLimits.acquire.mutate({
      names: ['tag:gpu'],
      holder: { type: 'task_run', id: 'abc' },
    });
    const inspected = await json<{ limit: ConcurrencyLimit; leases: ConcurrencyLease[] }>([
      'concurrency-limit',
      'inspect',
      'tag:gpu',
    ]);
    expect(inspected.limit.activeSlots).toBe(1);
    expect(inspected.leases[0]?.holder).toEqual({ type: 'task_run', id: 'abc' });
    expect((await weft(['concurrency-limit', 'inspect', 'tag:gpu'])).stdout).toContain('task_run abc');
    expect((await json<ConcurrencyLimit>(['concurrency-limit', 'reset', 'tag:gpu'])).activeSlots).toBe(0);
    expect((await weft(['concurrency-limit', 'delete', 'tag:gpu'])).stdout).toContain(
      "Deleted concurrency limit 'tag:gpu'",
    );
    expect((await json<ConcurrencyLimit[]>(['concurrency-limit', 'ls'])).map((l) => l.name)).toEqual([
      'github',
    ]);
  });

  it('fails clearly on bad input and missing limits, writing nothing', async () => {
    const negative = await weft(['concurrency-limit', 'create', 'x', '-1']);
    expect(negative.code).not.toBe(0);
    const badName = await weft(['concurrency-limit', 'create', 'a/b', '1']);
    expect(badName.code).not.toBe(0);
    expect(badName.stderr).toContain('name');
    const missing = await weft(['concurrency-limit', 'inspect', 'nope']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('nope');
    expect((await cli.client.concurrencyLimits.list.query({})).map((l) => l.name)).toEqual(['github']);
  });
});
