import type { ArtifactType, JsonValue } from '@weft/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';
import { createTestClock } from '../../testing/test-clock';

let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
const clock = createTestClock();
let flowRunId: string;

beforeAll(async () => {
  t = await createTestServer({ clock });
  api = appRouter.createCaller(await t.server.createContext());
  const flow = await api.flows.create({ name: 'artifact-flow' });
  flowRunId = (await api.flowRuns.create({ flowId: flow.id })).id;
});
afterAll(() => t.close());

describe('artifacts', () => {
  it('creates each type tied to a flow run and a task run, and reads it back', async () => {
    const taskRunId = '01939b0e-7c1a-7d3e-9f2a-3b4c5d6e7f80';
    const inputs: { type: ArtifactType; data: JsonValue }[] = [
      { type: 'markdown', data: '# Report' },
      { type: 'table', data: [{ a: 1, b: null }] },
      {
        type: 'table',
        data: [
          [1, 2],
          [3, 4],
        ],
      },
      { type: 'link', data: '[docs](https://example.com)' },
      { type: 'progress', data: 12.5 },
      { type: 'image', data: 'https://example.com/chart.png' },
    ];
    for (const input of inputs) {
      const created = await api.artifacts.create({ ...input, flowRunId, taskRunId, description: 'd' });
      expect(created).toMatchObject({
        ...input,
        key: null,
        flowRunId,
        taskRunId,
        description: 'd',
        metadata: {},
      });
      expect(await api.artifacts.read({ id: created.id })).toEqual(created);
    }
    expect(await api.artifacts.count({ filter: { flowRunId: { any: [flowRunId] } } })).toBe(inputs.length);
    expect(await api.artifacts.count({ filter: { type: { any: ['table'] } } })).toBe(2);
  });

  it('answers BAD_REQUEST naming the field for bad keys, types and data, and writes nothing', async () => {
    const before = await api.artifacts.count({});
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ key: 'Bad_Key', type: 'markdown', data: 'x' }, /key: .*lowercase/],
      [{ key: 'k'.repeat(256), type: 'markdown', data: 'x' }, /key: /],
      [{ type: 'chart', data: 'x' }, /type: /],
      [{ type: 'progress', data: 101 }, /data: .*0 to 100/],
      [{ type: 'progress', data: 'half' }, /data: /],
      [{ type: 'table', data: { a: [1] } }, /data: .*row/],
      [{ type: 'markdown', data: 'x'.repeat(1_000_001) }, /data: .*1000000/],
      [{ type: 'markdown', data: 'x', metadata: { a: 1 } }, /metadata\.a: /],
      [{ type: 'markdown', data: 'x', flowRunId: 'nope' }, /flowRunId: /],
    ];
    for (const [input, message] of bad) {
      await expect(api.artifacts.create(input as never)).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message,
      });
    }
    const missingRun = '01939b0e-7c1a-7d3e-9f2a-000000000000';
    await expect(
      api.artifacts.create({ type: 'markdown', data: 'x', flowRunId: missingRun }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await api.artifacts.count({})).toBe(before);
  });

  it('keeps versions of a key and serves the newest of each key as the latest collection', async () => {
    const v1 = await api.artifacts.create({ key: 'report', type: 'markdown', data: 'v1' });
    const v2 = await api.artifacts.create({ key: 'report', type: 'markdown', data: 'v2' });
    const other = await api.artifacts.create({ key: 'errors', type: 'table', data: [{ n: 1 }] });
    // Same timestamp as v2: the order of creation still decides.
    const v3 = await api.artifacts.create({ key: 'report', type: 'markdown', data: 'v3' });
    expect((await api.artifacts.readLatest({ key: 'report' })).id).toBe(v3.id);
    const latest = await api.artifacts.latest({ sort: 'KEY_ASC' });
    expect(latest.map((a) => [a.key, a.data])).toEqual([
      ['errors', [{ n: 1 }]],
      ['report', 'v3'],
    ]);
    expect(await api.artifacts.countLatest({})).toBe(2);
    // The filter applies to the latest versions: an older version never stands in for its key.
    expect(await api.artifacts.latest({ filter: { id: { any: [v1.id] } } })).toEqual([]);
    expect((await api.artifacts.list({ filter: { key: { any: ['report'] } } })).map((a) => a.data)).toEqual([
      'v3',
      'v2',
      'v1',
    ]);
    expect(
      (
        await api.artifacts.list({
          filter: { key: { any: ['report'] } },
          sort: 'OLDEST',
          limit: 1,
          offset: 1,
        })
      )[0]?.id,
    ).toBe(v2.id);

    // Deleting the newest re-points the key at the previous version; deleting all removes the key.
    await api.artifacts.delete({ id: v3.id });
    expect((await api.artifacts.readLatest({ key: 'report' })).id).toBe(v2.id);
    await api.artifacts.delete({ id: v2.id });
    await api.artifacts.delete({ id: v1.id });
    await expect(api.artifacts.readLatest({ key: 'report' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await api.artifacts.latest({})).map((a) => a.id)).toEqual([other.id]);
    await expect(api.artifacts.delete({ id: v1.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('updates progress within its type and refuses data of another type, changing nothing', async () => {
    const progress = await api.artifacts.create({ key: 'load', type: 'progress', data: 0 });
    clock.advance(5);
    const updated = await api.artifacts.update({ id: progress.id, data: 40, description: 'loading' });
    expect(updated).toMatchObject({ data: 40, description: 'loading', type: 'progress' });
    expect(updated.updatedAt.getTime()).toBe(progress.updatedAt.getTime() + 5000);
    await expect(api.artifacts.update({ id: progress.id, data: 'done' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: /data: .*0 to 100/,
    });
    await expect(api.artifacts.update({ id: progress.id, data: 140 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect((await api.artifacts.read({ id: progress.id })).data).toBe(40);
    await expect(
      api.artifacts.update({ id: '01939b0e-7c1a-7d3e-9f2a-000000000000', data: 1 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps an artifact when its flow run is deleted, without the run id', async () => {
    const flow = await api.flows.create({ name: 'short-lived' });
    const run = await api.flowRuns.create({ flowId: flow.id });
    const artifact = await api.artifacts.create({ type: 'markdown', data: 'kept', flowRunId: run.id });
    await api.flowRuns.delete({ id: run.id });
    expect((await api.artifacts.read({ id: artifact.id })).flowRunId).toBeNull();
  });
});
