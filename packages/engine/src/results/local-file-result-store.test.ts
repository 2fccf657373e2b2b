import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidResultKeyError, ResultStoreError, UnknownSerializerError } from '../errors';
import { createLocalFileResultStore, defaultLocalStoragePath } from './local-file-result-store';
import { resultKeyToRelativePath } from './result-key-path';

let base: string;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'weft-results-'));
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('local file result store', () => {
  it('round-trips rich values: Date, Map, Set, bigint, undefined, nested', async () => {
    const store = createLocalFileResultStore({ basePath: base });
    const value = {
      at: new Date('2026-11-21T03:00:00.000Z'),
      counts: new Map([['a', 1n << 70n]]),
      tags: new Set(['x', 'y']),
      missing: undefined,
      list: [1, null, undefined, 'two'],
    };
    await store.write('run-1/add/abc-0', value);
    const record = await store.read('run-1/add/abc-0');
    expect(record?.result).toEqual(value);
    expect((record!.result as typeof value).at).toBeInstanceOf(Date);
    expect(Object.hasOwn(record!.result as object, 'missing')).toBe(true);
  });

  it('returns metadata naming the key, the json serializer and the version', async () => {
    const store = createLocalFileResultStore({ basePath: base });
    const metadata = await store.write('k', 1);
    expect(metadata).toMatchObject({ storageKey: 'k', serializer: { type: 'json' }, expiration: null });
    expect(metadata.weftVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect((await store.read('k'))?.metadata).toEqual(metadata);
  });

  it('answers undefined and false for a key never written', async () => {
    const store = createLocalFileResultStore({ basePath: base });
    expect(await store.read('nope')).toBeUndefined();
    expect(await store.exists('nope')).toBe(false);
  });

  it('overwrites a key with the latest value', async () => {
    const store = createLocalFileResultStore({ basePath: base });
    await store.write('k', 'first');
    await store.write('k', 'second');
    expect((await store.read('k'))?.result).toBe('second');
  });

  it('treats an expired record as missing', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const store = createLocalFileResultStore({ basePath: base, clock: () => now });
    await store.write('k', 1, { expiration: new Date('2026-01-01T00:01:00Z') });
    expect(await store.exists('k')).toBe(true);
    expect((await store.read('k'))?.metadata.expiration).toEqual(new Date('2026-01-01T00:01:00Z'));
    now = new Date('2026-01-01T00:01:00Z');
    expect(await store.exists('k')).toBe(false);
    expect(await store.read('k')).toBeUndefined();
  });

  it('rejects keys that would escape the base folder', async () => {
    const store = createLocalFileResultStore({ basePath: join(base, 'store') });
    for (const key of ['../evil', 'a/../../evil', '..', './x', '/etc/passwd', 'a//b', '']) {
      await expect(store.write(key, 1), key).rejects.toBeInstanceOf(InvalidResultKeyError);
    }
    expect(await readdir(base)).toEqual([]);
  });

  it('keeps backslashes, drive letters and NUL inside the base folder', async () => {
    const store = createLocalFileResultStore({ basePath: join(base, 'store') });
    for (const key of ['..\\..\\evil', 'C:\\evil', 'a\0b', '%2e%2e']) {
      await store.write(key, key);
      expect((await store.read(key))?.result).toBe(key);
    }
    expect(await readdir(base)).toEqual(['store']);
  });

  it('maps distinct keys to distinct files, also when they differ only in case', async () => {
    const keys = ['Task', 'task', 'a b', 'a%20b', 'x'.repeat(300), `${'x'.repeat(299)}y`];
    const paths = keys.map(resultKeyToRelativePath);
    expect(new Set(paths.map((p) => p.toLowerCase())).size).toBe(keys.length);
    expect(paths.every((p) => p.length < 130)).toBe(true);
    const store = createLocalFileResultStore({ basePath: base });
    for (const key of keys) await store.write(key, key);
    for (const key of keys) expect((await store.read(key))?.result).toBe(key);
  });

  it('leaves a whole record when many writers race on one key', async () => {
    const store = createLocalFileResultStore({ basePath: base });
    const payload = (i: number) => ({ writer: i, rows: Array.from({ length: 2000 }, (_, j) => `${i}:${j}`) });
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.write('shared/key', payload(i))));
    const record = await store.read('shared/key');
    const writer = (record!.result as { writer: number }).writer;
    expect(record?.result).toEqual(payload(writer));
    expect(await readdir(join(base, 'shared'))).toEqual(['key']);
  });

  it('reads while writers race without ever seeing a torn record', async () => {
    const store = createLocalFileResultStore({ basePath: base });
    await store.write('k', { n: -1, pad: 'x'.repeat(50_000) });
    const writes = Array.from({ length: 20 }, (_, n) => store.write('k', { n, pad: 'x'.repeat(50_000) }));
    const reads = Array.from({ length: 20 }, () => store.read('k'));
    const results = await Promise.all(reads);
    await Promise.all(writes);
    for (const r of results) expect((r!.result as { pad: string }).pad).toHaveLength(50_000);
  });

  it('fails a read with an error naming an unknown serializer', async () => {
    const store = createLocalFileResultStore({ basePath: base });
    await store.write('k', 1);
    const file = join(base, 'k');
    const raw = JSON.parse(await readFile(file, 'utf8'));
    raw.metadata.serializer.type = 'pickle';
    await writeFile(file, JSON.stringify(raw));
    await expect(store.read('k')).rejects.toBeInstanceOf(UnknownSerializerError);
    await expect(store.read('k')).rejects.toThrow(/serializer 'pickle'/);
    expect(await store.exists('k')).toBe(true);
  });

  it('reads a custom serializer it was given', async () => {
    const upper = {
      type: 'upper',
      dumps: (v: unknown) => String(v).toUpperCase(),
      loads: (d: unknown) => `loaded:${String(d)}`,
    };
    const writer = createLocalFileResultStore({ basePath: base, serializer: upper });
    await writer.write('k', 'hi');
    expect((await writer.read('k'))?.result).toBe('loaded:HI');
    await expect(createLocalFileResultStore({ basePath: base }).read('k')).rejects.toThrow(/'upper'/);
  });

  it('reports a corrupt file as a ResultStoreError', async () => {
    await writeFile(join(base, 'bad'), '{"metadata":');
    const store = createLocalFileResultStore({ basePath: base });
    await expect(store.read('bad')).rejects.toBeInstanceOf(ResultStoreError);
    await expect(store.read('bad')).rejects.toThrow(/not valid JSON/);
  });

  it('defaults to $WEFT_HOME/storage and describes itself', () => {
    expect(defaultLocalStoragePath({ WEFT_HOME: '/srv/weft' })).toBe(join('/srv/weft', 'storage'));
    expect(defaultLocalStoragePath({})).toMatch(/\.weft[/\\]storage$/);
    expect(createLocalFileResultStore({ basePath: base }).describe()).toContain(base);
  });
});
