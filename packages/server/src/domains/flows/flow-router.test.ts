import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';

let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;

beforeAll(async () => {
  t = await createTestServer();
  api = appRouter.createCaller(await t.server.createContext());
});
afterAll(() => t.close());

describe('flows', () => {
  it('creates a flow idempotently by name', async () => {
    const first = await api.flows.create({ name: 'etl', tags: ['a'] });
    const second = await api.flows.create({ name: 'etl', tags: ['b'] });
    expect(second.id).toBe(first.id);
    expect(second.tags).toEqual(['a']);
    expect(await api.flows.count({ filter: { name: { any: ['etl'] } } })).toBe(1);
  });

  it('reads a flow by id and by name', async () => {
    const flow = await api.flows.create({ name: 'reader' });
    expect((await api.flows.read({ id: flow.id })).name).toBe('reader');
    expect((await api.flows.readByName({ name: 'reader' })).id).toBe(flow.id);
  });

  it('answers NOT_FOUND naming the missing flow', async () => {
    await expect(api.flows.readByName({ name: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Flow nope not found',
    });
  });

  it('answers BAD_REQUEST naming the field of a bad input', async () => {
    await expect(api.flows.read({ id: 'not-a-uuid' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^id: /),
    });
    await expect(api.flows.create({ name: 'a/b' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('name: name must not contain'),
    });
  });

  it('lists flows with filters, sorts and paging', async () => {
    await api.flows.create({ name: 'list-b', tags: ['x', 'y'] });
    await api.flows.create({ name: 'list-a', tags: ['x'] });
    await api.flows.create({ name: 'list-c', tags: [] });
    const names = async (input: Parameters<typeof api.flows.list>[0]) =>
      (await api.flows.list(input)).map((flow) => flow.name);
    expect(await names({ filter: { name: { startsWith: 'list-' } } })).toEqual([
      'list-a',
      'list-b',
      'list-c',
    ]);
    expect(await names({ filter: { name: { startsWith: 'list-' } }, sort: 'NAME_DESC', limit: 2 })).toEqual([
      'list-c',
      'list-b',
    ]);
    expect(await names({ filter: { name: { startsWith: 'list-' } }, offset: 2 })).toEqual(['list-c']);
    expect(await names({ filter: { tags: { all: ['x', 'y'] } } })).toEqual(['list-b']);
    expect(await names({ filter: { name: { like: 'IST-' }, tags: { isNull: true } } })).toEqual(['list-c']);
    expect(
      await names({ filter: { operator: 'or', name: { any: ['list-a'] }, tags: { any: ['y'] } } }),
    ).toEqual(['list-a', 'list-b']);
  });

  it('answers BAD_REQUEST, not a 500, for a value the database refuses', async () => {
    await expect(api.flows.create({ name: 'nul\u0000name' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: { code: 'VALIDATION' },
    });
  });
});
