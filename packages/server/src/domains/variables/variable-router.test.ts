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

describe('variables', () => {
  it('creates and reads JSON values of every kind, by name and by id', async () => {
    const values = {
      'a-string': 'hello',
      'a-number': 42.5,
      'a-bool': false,
      'a-null': null,
      'an-object': { nested: { list: [1, 'two', null] } },
      'a-list': [1, 2, 3],
    };
    for (const [name, value] of Object.entries(values)) {
      const created = await api.variables.create({ name, value, tags: ['kinds'] });
      expect(created).toMatchObject({ name, value, tags: ['kinds'] });
      expect((await api.variables.read({ name })).value).toEqual(value);
      expect((await api.variables.readById({ id: created.id })).name).toBe(name);
    }
    expect(await api.variables.count({ filter: { tags: { all: ['kinds'] } } })).toBe(6);
  });

  it('answers CONFLICT for a duplicate name and keeps the first value', async () => {
    await api.variables.create({ name: 'dup', value: 1 });
    await expect(api.variables.create({ name: 'dup', value: 2 })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: "A variable with the name 'dup' already exists",
    });
    expect((await api.variables.read({ name: 'dup' })).value).toBe(1);
  });

  it('answers BAD_REQUEST naming the field for bad names, values and tags, and writes nothing', async () => {
    const before = await api.variables.count({});
    const bad: [{ name: string; value: unknown; tags?: string[] }, RegExp][] = [
      [{ name: 'Upper', value: 1 }, /name: .*lowercase/],
      [{ name: 'has space', value: 1 }, /name: /],
      [{ name: '', value: 1 }, /name: /],
      [{ name: 'x'.repeat(256), value: 1 }, /name: .*255/],
      [{ name: 'big', value: 'x'.repeat(5000) }, /value: .*5000/],
      [{ name: 'tagged', value: 1, tags: [''] }, /tags\.0: /],
    ];
    for (const [input, message] of bad) {
      await expect(api.variables.create(input as { name: string; value: 1 })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message,
      });
    }
    // 4998 characters of text is 5000 with its quotes: exactly at the limit.
    await api.variables.create({ name: 'at-limit', value: 'x'.repeat(4998) });
    expect(await api.variables.count({})).toBe(before + 1);
  });

  it('sets: creates, refuses to overwrite without overwrite, replaces with it', async () => {
    const created = await api.variables.set({ name: 'setting', value: { a: 1 }, tags: ['t1'] });
    expect(created.value).toEqual({ a: 1 });
    await expect(api.variables.set({ name: 'setting', value: 2 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    clock.advance(10);
    const replaced = await api.variables.set({ name: 'setting', value: 2, overwrite: true });
    expect(replaced).toMatchObject({ id: created.id, value: 2, tags: ['t1'] });
    expect(replaced.updatedAt.getTime()).toBe(created.updatedAt.getTime() + 10_000);
    const retagged = await api.variables.set({ name: 'setting', value: 3, overwrite: true, tags: [] });
    expect(retagged.tags).toEqual([]);
  });

  it('updates value, tags and name; NOT_FOUND for a missing one; CONFLICT renaming onto a taken name', async () => {
    await api.variables.create({ name: 'upd', value: 'old', tags: ['a'] });
    await api.variables.create({ name: 'other', value: 0 });
    const updated = await api.variables.update({ name: 'upd', value: 'new', tags: ['b'] });
    expect(updated).toMatchObject({ value: 'new', tags: ['b'] });
    await expect(api.variables.update({ name: 'upd', newName: 'other' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const renamed = await api.variables.update({ name: 'upd', newName: 'renamed' });
    expect(renamed.value).toBe('new');
    await expect(api.variables.read({ name: 'upd' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.variables.update({ name: 'missing', value: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(api.variables.update({ name: 'renamed', value: 'y'.repeat(6000) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: /value: /,
    });
    expect((await api.variables.read({ name: 'renamed' })).value).toBe('new');
  });

  it('deletes by name; a second delete is NOT_FOUND', async () => {
    await api.variables.create({ name: 'gone', value: 1 });
    expect((await api.variables.delete({ name: 'gone' })).name).toBe('gone');
    await expect(api.variables.delete({ name: 'gone' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.variables.read({ name: 'gone' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists with filters, sorts, limit and offset', async () => {
    for (const name of ['l-c', 'l-a', 'l-b']) {
      clock.advance(1);
      await api.variables.create({ name, value: name, tags: name === 'l-b' ? ['x', 'y'] : ['x'] });
    }
    const filter = { name: { startsWith: 'l-' } };
    const names = async (input: Parameters<typeof api.variables.list>[0]) =>
      (await api.variables.list(input)).map((v) => v.name);
    expect(await names({ filter })).toEqual(['l-a', 'l-b', 'l-c']);
    expect(await names({ filter, sort: 'NAME_DESC' })).toEqual(['l-c', 'l-b', 'l-a']);
    expect(await names({ filter, sort: 'CREATED_DESC' })).toEqual(['l-b', 'l-a', 'l-c']);
    expect(await names({ filter, limit: 1, offset: 1 })).toEqual(['l-b']);
    expect(await names({ filter: { ...filter, tags: { all: ['x', 'y'] } } })).toEqual(['l-b']);
    expect(await api.variables.count({ filter })).toBe(3);
    await expect(api.variables.list({ limit: 1000 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: /limit/,
    });
  });
});
