import { MAX_PARAMETERS_SIZE } from '@weft/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';
import { createTestClock } from '../../testing/test-clock';

let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
const clock = createTestClock(new Date('2026-03-01T12:00:00.000Z'));

beforeAll(async () => {
  t = await createTestServer({ clock });
  api = appRouter.createCaller(await t.server.createContext());
  await api.workPools.create({
    name: 'pool',
    baseJobTemplate: {
      jobConfiguration: { image: '{{ image }}', command: '{{ command }}' },
      variables: {
        type: 'object',
        properties: { image: { type: 'string' }, command: { type: 'string', default: 'run' } },
        required: ['image'],
      },
    },
  });
});
afterAll(() => t.close());

async function tableCounts() {
  const db = t.resources.db;
  const count = async (table: 'deployment' | 'deployment_schedule' | 'work_queue' | 'flow') =>
    Number((await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return {
    deployments: await count('deployment'),
    schedules: await count('deployment_schedule'),
    queues: await count('work_queue'),
    flows: await count('flow'),
  };
}

describe('deployments CRUD', () => {
  it('creates a deployment with its flow by name, then upserts it by flow and name', async () => {
    const created = await api.deployments.create({
      flowName: 'etl',
      name: 'nightly',
      tags: ['a'],
      parameters: { n: 1 },
      workPoolName: 'pool',
      jobVariables: { image: 'node:20' },
    });
    expect(created).toMatchObject({
      flowName: 'etl',
      name: 'nightly',
      tags: ['a'],
      workPoolName: 'pool',
      workQueueName: 'default',
      paused: false,
      status: 'NOT_READY',
      enforceParameterSchema: true,
    });
    expect(created.workQueueId).not.toBeNull();
    clock.advance(5);
    const updated = await api.deployments.create({ flowId: created.flowId, name: 'nightly', tags: ['b'] });
    expect(updated.id).toBe(created.id);
    expect(updated.tags).toEqual(['b']);
    // Fields left out of the upsert stay as they were.
    expect(updated.parameters).toEqual({ n: 1 });
    expect(updated.workPoolName).toBe('pool');
    expect(updated.createdAt).toEqual(created.createdAt);
    expect(updated.updatedAt.getTime()).toBe(created.updatedAt.getTime() + 5000);
    expect(await api.deployments.count({ filter: { flowName: { any: ['etl'] } } })).toBe(1);
  });

  it('reads a deployment by id and by flow-name/deployment-name', async () => {
    const created = await api.deployments.create({ flowName: 'reader', name: 'one' });
    expect((await api.deployments.read({ name: 'reader/one' })).id).toBe(created.id);
    expect((await api.deployments.read({ id: created.id })).name).toBe('one');
    await expect(api.deployments.read({ name: 'reader/two' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Deployment reader/two not found',
    });
  });

  it('puts work on a named queue of the pool, creating it when missing', async () => {
    const created = await api.deployments.create({
      flowName: 'queued',
      name: 'q',
      workPoolName: 'pool',
      workQueueName: 'high',
      jobVariables: { image: 'x' },
    });
    const queue = await api.workQueues.read({ workPoolName: 'pool', name: 'high' });
    expect(created).toMatchObject({ workQueueName: 'high', workQueueId: queue.id });
  });

  it('updates: a field left out stays, null clears', async () => {
    const created = await api.deployments.create({
      flowName: 'upd',
      name: 'd',
      description: 'text',
      version: '1',
      workPoolName: 'pool',
      concurrencyLimit: 2,
    });
    const updated = await api.deployments.update({ id: created.id, description: null, entrypoint: 'a.ts:f' });
    expect(updated).toMatchObject({
      description: null,
      version: '1',
      entrypoint: 'a.ts:f',
      concurrencyLimit: 2,
    });
    const cleared = await api.deployments.update({
      id: created.id,
      workPoolName: null,
      concurrencyLimit: null,
    });
    expect(cleared).toMatchObject({ workPoolName: null, workQueueName: null, workQueueId: null });
    expect(cleared.concurrencyLimit).toBeNull();
  });

  it('deletes a deployment, and answers NOT_FOUND for one that is gone', async () => {
    const created = await api.deployments.create({ flowName: 'gone', name: 'd' });
    expect(await api.deployments.delete({ id: created.id })).toEqual({ id: created.id });
    await expect(api.deployments.read({ id: created.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.deployments.delete({ id: created.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.deployments.update({ id: created.id, tags: [] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('lists with filters, sorts and paging, and counts', async () => {
    for (const [name, tags] of [
      ['list-b', ['x', 'y']],
      ['list-a', ['x']],
      ['list-c', []],
    ] as const) {
      await api.deployments.create({ flowName: 'lister', name, tags: [...tags] });
    }
    await api.deployments.pause({ id: (await api.deployments.read({ name: 'lister/list-c' })).id });
    const names = async (input: Parameters<typeof api.deployments.list>[0]) =>
      (await api.deployments.list(input)).map((d) => d.name);
    const mine = { flowName: { any: ['lister'] } };
    expect(await names({ filter: mine })).toEqual(['list-a', 'list-b', 'list-c']);
    expect(await names({ filter: mine, sort: 'NAME_DESC', limit: 2 })).toEqual(['list-c', 'list-b']);
    expect(await names({ filter: mine, offset: 2 })).toEqual(['list-c']);
    expect(await names({ filter: { ...mine, tags: { all: ['x', 'y'] } } })).toEqual(['list-b']);
    expect(await names({ filter: { ...mine, paused: true } })).toEqual(['list-c']);
    expect(await names({ filter: { ...mine, status: { any: ['READY'] } } })).toEqual([]);
    expect(await names({ filter: { ...mine, name: { startsWith: 'list-a' } } })).toEqual(['list-a']);
    expect(await api.deployments.count({ filter: { ...mine, tags: { any: ['x'] } } })).toBe(2);
    expect(await api.deployments.count({ filter: { workPoolName: { any: ['pool'] } } })).toBe(2);
  });
});

describe('deployments: bad inputs name the field and write nothing', () => {
  it('answers NOT_FOUND for an unknown work pool', async () => {
    const before = await tableCounts();
    await expect(
      api.deployments.create({ flowName: 'new-flow', name: 'd', workPoolName: 'nope' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Work pool nope not found' });
    expect(await tableCounts()).toEqual(before);
  });

  it('answers BAD_REQUEST for a queue without a pool', async () => {
    await expect(
      api.deployments.create({ flowName: 'etl', name: 'd', workQueueName: 'high' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^workQueueName: /) });
  });

  it('answers BAD_REQUEST for a bad schedule', async () => {
    const before = await tableCounts();
    await expect(
      api.deployments.create({
        flowName: 'etl',
        name: 'bad-schedule',
        schedules: [{ schedule: { cron: '0 9 * * *' } }, { schedule: { cron: '61 * * * *' } }],
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^schedules\.1\.schedule\.cron: /),
    });
    expect(await tableCounts()).toEqual(before);
  });

  it('answers BAD_REQUEST for oversized parameters', async () => {
    await expect(
      api.deployments.create({
        flowName: 'etl',
        name: 'big',
        parameters: { blob: 'x'.repeat(MAX_PARAMETERS_SIZE) },
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^parameters: /) });
  });

  it('answers BAD_REQUEST for job variables the pool does not allow', async () => {
    const before = await tableCounts();
    await expect(
      api.deployments.create({
        flowName: 'etl',
        name: 'jv',
        workPoolName: 'pool',
        jobVariables: { image: 3 },
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'jobVariables.image: must be string' });
    expect(await tableCounts()).toEqual(before);
  });

  it('answers BAD_REQUEST for a parameter schema that is not one', async () => {
    await expect(
      api.deployments.create({ flowName: 'etl', name: 'ps', parameterSchema: { type: 'nonsense' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^parameterSchema: /) });
  });

  it('answers BAD_REQUEST for default parameters that break an enforced schema', async () => {
    const parameterSchema = { type: 'object', properties: { n: { type: 'integer' } }, required: ['n', 'm'] };
    await expect(
      api.deployments.create({ flowName: 'etl', name: 'params', parameterSchema, parameters: { n: 'one' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'parameters.n: must be integer' });
    // Defaults may be partial: required parameters come with each run.
    const created = await api.deployments.create({ flowName: 'etl', name: 'params', parameterSchema });
    await expect(api.deployments.update({ id: created.id, parameters: { n: 1.5 } })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'parameters.n: must be integer',
    });
    const relaxed = await api.deployments.update({
      id: created.id,
      parameters: { n: 'one' },
      enforceParameterSchema: false,
    });
    expect(relaxed.parameters).toEqual({ n: 'one' });
  });

  it('answers BAD_REQUEST for a flow given twice or not at all', async () => {
    await expect(api.deployments.create({ name: 'd' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      api.deployments.create({ name: 'd', flowName: 'etl', flowId: '01900000-0000-7000-8000-000000000009' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^flowId: /) });
  });

  it('answers NOT_FOUND for an unknown flow id', async () => {
    await expect(
      api.deployments.create({ name: 'd', flowId: '01900000-0000-7000-8000-000000000009' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
