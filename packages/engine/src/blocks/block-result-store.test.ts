import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flow } from '../flows/flow';
import { startTestEngine, type TestEngine } from '../testing/test-engine';
import { blockResultStore } from './block-result-store';
import { LocalFileSystem } from './builtin-blocks';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(() => t?.close());

async function filesUnder(path: string): Promise<string[]> {
  return readdir(path, { recursive: true }).catch(() => []);
}

describe('blockResultStore', () => {
  it('persists a flow result at the basePath of a local-file-system block, loaded on first use', async () => {
    const basePath = join(t.home, 'block-results');
    const store = blockResultStore('local-file-system/results');
    expect(store.describe()).toBe('block local-file-system/results');
    const sum = flow({ name: 'sum-to-block', persistResult: true, resultStore: store }, async () => 1 + 2);
    await LocalFileSystem.save('results', { basePath });
    const outcome = await sum.returnState();
    expect(await outcome.result()).toBe(3);
    expect((await filesUnder(basePath)).length).toBeGreaterThan(0);
    expect(await filesUnder(join(t.home, 'storage'))).toHaveLength(0);
  });

  it('takes a loaded block too', async () => {
    await LocalFileSystem.save('loaded', { basePath: join(t.home, 'loaded-results') });
    const store = blockResultStore(await LocalFileSystem.load('loaded'));
    await store.write('k', { a: 1 });
    expect((await store.read('k'))?.result).toEqual({ a: 1 });
    expect(await filesUnder(join(t.home, 'loaded-results'))).toEqual(['k']);
  });

  it('fails the run naming a missing block, and loads it once it exists', async () => {
    const store = blockResultStore('local-file-system/later');
    await expect(store.exists('k')).rejects.toThrow("Block 'local-file-system/later' not found");
    await LocalFileSystem.save('later', { basePath: join(t.home, 'later') });
    expect(await store.exists('k')).toBe(false);
  });

  it('refuses a block that is not a local file system', () => {
    expect(() => blockResultStore('secret/results' as never)).toThrow(
      "Result storage 'secret/results' must be a local-file-system block",
    );
  });
});
