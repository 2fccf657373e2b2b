import type { Artifact } from '@weft/schemas';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCliApiTest } from '../test-helpers/cli-api-test';

// `weft artifact` against a real server over HTTP.
const made: Record<string, Artifact> = {};

const cli = useCliApiTest();
const { weft, json } = cli;

beforeAll(async () => {
  made.v1 = await cli.client.artifacts.create.mutate({ key: 'report', type: 'markdown', data: '# v1' });
  made.v2 = await cli.client.artifacts.create.mutate({ key: 'report', type: 'markdown', data: '# v2' });
  made.progress = await cli.client.artifacts.create.mutate({ key: 'load', type: 'progress', data: 40 });
  made.unkeyed = await cli.client.artifacts.create.mutate({ type: 'table', data: [{ a: 1 }] });
});

describe('weft artifact', () => {
  it('lists the latest of each key, every version of one key, or everything', async () => {
    const latest = await json<Artifact[]>(['artifact', 'ls']);
    expect(latest.map((a) => [a.key, a.data])).toEqual([
      ['load', 40],
      ['report', '# v2'],
    ]);
    const text = (await weft(['artifact', 'ls'])).stdout;
    expect(text).toMatch(/KEY\s+TYPE\s+DATA/);
    expect(text).toMatch(/load\s+progress\s+40%/);
    expect((await json<Artifact[]>(['artifact', 'ls', '--key', 'report'])).map((a) => a.id)).toEqual([
      made.v2!.id,
      made.v1!.id,
    ]);
    expect(await json<Artifact[]>(['artifact', 'ls', '--all'])).toHaveLength(4);
  });

  it('inspects by id and by key', async () => {
    expect((await json<Artifact>(['artifact', 'inspect', made.unkeyed!.id])).data).toEqual([{ a: 1 }]);
    const versions = await json<Artifact[]>(['artifact', 'inspect', 'report']);
    expect(versions.map((a) => a.data)).toEqual(['# v2', '# v1']);
    const text = (await weft(['artifact', 'inspect', 'report'])).stdout;
    expect(text).toContain('# v2');
    expect(text).toContain('Versions');
    const missing = await weft(['artifact', 'inspect', 'nope']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("No artifact with the key 'nope'");
  });

  it('deletes by id: the key falls back to its previous version; a bad id fails before any request', async () => {
    expect((await weft(['artifact', 'delete', made.v2!.id])).stdout).toContain(made.v2!.id);
    expect((await cli.client.artifacts.readLatest.query({ key: 'report' })).id).toBe(made.v1!.id);
    const again = await weft(['artifact', 'delete', made.v2!.id]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/not found/i);
    const bad = await weft(['artifact', 'delete', 'report']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('expected an artifact id');
    expect(await cli.client.artifacts.count.query({})).toBe(3);
  });
});
