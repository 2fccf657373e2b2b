import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';
import { createTestClock } from '../../testing/test-clock';
import { PROCESS_BASE_JOB_TEMPLATE } from './process-base-job-template';
import { insertDeployment } from './work-pool-fixtures';

let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
const clock = createTestClock();

beforeAll(async () => {
  t = await createTestServer({ clock });
  api = appRouter.createCaller(await t.server.createContext());
});
afterAll(() => t.close());

const template = {
  jobConfiguration: { image: '{{ image }}', env: '{{ env }}', cmd: 'run {{ image }}' },
  variables: {
    type: 'object',
    properties: {
      image: { type: 'string', default: 'node:20' },
      env: { type: 'object', additionalProperties: { type: 'string' }, default: { A: 'pool' } },
      cpu: { type: 'integer' },
    },
    required: ['cpu'],
  },
};

describe('workPools', () => {
  it('creates a pool with a default queue, NOT_READY, with the process template', async () => {
    const pool = await api.workPools.create({ name: 'local' });
    expect(pool).toMatchObject({
      name: 'local',
      type: 'process',
      status: 'NOT_READY',
      isPaused: false,
      concurrencyLimit: null,
      baseJobTemplate: PROCESS_BASE_JOB_TEMPLATE,
    });
    const queues = await api.workQueues.list({ workPoolName: 'local' });
    expect(queues).toHaveLength(1);
    expect(queues[0]).toMatchObject({
      id: pool.defaultQueueId,
      name: 'default',
      description: "The work pool's default queue.",
      priority: 1,
      workPoolName: 'local',
    });
  });

  it('creates a paused pool PAUSED, and an unknown type with an empty template', async () => {
    const pool = await api.workPools.create({ name: 'paused', type: 'docker', isPaused: true });
    expect(pool.status).toBe('PAUSED');
    expect(pool.baseJobTemplate).toEqual({
      jobConfiguration: {},
      variables: { type: 'object', properties: {} },
    });
  });

  it('answers CONFLICT for a duplicate name and BAD_REQUEST for reserved or banned names', async () => {
    await expect(api.workPools.create({ name: 'local' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'A work pool named local already exists',
    });
    await expect(api.workPools.create({ name: 'Weft-pool' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('name: work pool names starting with "weft" are reserved'),
    });
    await expect(api.workPools.create({ name: 'a/b' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('name: name must not contain'),
    });
    await expect(api.workPools.create({ name: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.workPools.create({ name: 'x', concurrencyLimit: -1 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('concurrencyLimit'),
    });
  });

  it('validates a given base job template strictly', async () => {
    await expect(
      api.workPools.create({
        name: 'bad-default',
        baseJobTemplate: {
          jobConfiguration: {},
          variables: { properties: { image: { type: 'string', default: 1 } } },
        },
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'baseJobTemplate.variables.properties.image: must be string',
    });
    await expect(
      api.workPools.create({
        name: 'bad-placeholder',
        baseJobTemplate: { jobConfiguration: { x: '{{ y }}' } },
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('undeclared variable(s) y'),
    });
    expect(await api.workPools.count({ filter: { name: { startsWith: 'bad-' } } })).toBe(0);
  });

  it('reads, lists, counts and filters pools', async () => {
    expect((await api.workPools.read({ name: 'local' })).name).toBe('local');
    await expect(api.workPools.read({ name: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Work pool nope not found',
    });
    const names = (await api.workPools.list({})).map((pool) => pool.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['local', 'paused']));
    expect(await api.workPools.count({ filter: { status: { any: ['PAUSED'] } } })).toBe(1);
    expect((await api.workPools.list({ filter: { type: { any: ['docker'] } } })).map((p) => p.name)).toEqual([
      'paused',
    ]);
  });

  it('updates fields; pausing sets PAUSED and unpausing NOT_READY', async () => {
    const paused = await api.workPools.update({ name: 'local', isPaused: true, concurrencyLimit: 3 });
    expect(paused).toMatchObject({ status: 'PAUSED', isPaused: true, concurrencyLimit: 3 });
    const resumed = await api.workPools.update({ name: 'local', isPaused: false, description: 'here' });
    expect(resumed).toMatchObject({
      status: 'NOT_READY',
      isPaused: false,
      concurrencyLimit: 3,
      description: 'here',
    });
    const cleared = await api.workPools.update({ name: 'local', concurrencyLimit: null });
    expect(cleared.concurrencyLimit).toBeNull();
    await expect(api.workPools.update({ name: 'nope', description: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      api.workPools.update({ name: 'local', baseJobTemplate: { jobConfiguration: { a: '{{ b }}' } } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('previews the job of a run: template ← deployment ← run, validated', async () => {
    await api.workPools.create({ name: 'preview', type: 'custom', baseJobTemplate: template });
    const flow = await api.flows.create({ name: 'preview-flow' });
    const deploymentId = await insertDeployment(t, {
      flowId: flow.id,
      name: 'd',
      jobVariables: { image: 'node:22', 'env.B': 'dep' },
    });
    const preview = await api.workPools.preview({
      workPoolName: 'preview',
      deploymentId,
      jobVariables: { cpu: 2, env: { C: 'run' } },
    });
    expect(preview.variables).toEqual({ image: 'node:22', env: { A: 'pool', B: 'dep', C: 'run' }, cpu: 2 });
    expect(preview.jobConfiguration).toEqual({
      image: 'node:22',
      env: { A: 'pool', B: 'dep', C: 'run' },
      cmd: 'run node:22',
    });
    await expect(
      api.workPools.preview({ workPoolName: 'preview', jobVariables: { image: 5 } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'jobVariables.image: must be string' });
    await expect(
      api.workPools.preview({ workPoolName: 'preview', deploymentId: flow.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: `Deployment ${flow.id} not found` });
  });

  it('deletes a pool with its queues', async () => {
    const pool = await api.workPools.create({ name: 'doomed' });
    expect(await api.workPools.delete({ name: 'doomed' })).toEqual({ id: pool.id, name: 'doomed' });
    await expect(api.workPools.read({ name: 'doomed' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const queues = await t.resources.db
      .selectFrom('work_queue')
      .where('work_pool_id', '=', pool.id)
      .execute();
    expect(queues).toEqual([]);
    await expect(api.workPools.delete({ name: 'doomed' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('workQueues', () => {
  const priorities = async (pool: string) =>
    Object.fromEntries((await api.workQueues.list({ workPoolName: pool })).map((q) => [q.name, q.priority]));

  it('gives a new queue the first free priority', async () => {
    await api.workPools.create({ name: 'prio' });
    await api.workQueues.create({ workPoolName: 'prio', name: 'b' });
    await api.workQueues.create({ workPoolName: 'prio', name: 'd', priority: 4 });
    await api.workQueues.create({ workPoolName: 'prio', name: 'c' });
    expect(await priorities('prio')).toEqual({ default: 1, b: 2, c: 3, d: 4 });
    const listed = (await api.workQueues.list({ workPoolName: 'prio' })).map((q) => q.name);
    expect(listed).toEqual(['default', 'b', 'c', 'd']);
  });

  it('shifts the others minimally when a held priority is taken', async () => {
    await api.workQueues.create({ workPoolName: 'prio', name: 'g', priority: 7 });
    // 1 default, 2 b, 3 c, 4 d, 7 g: a new queue at 2 moves b, c, d down by one; g keeps 7.
    await api.workQueues.create({ workPoolName: 'prio', name: 'new', priority: 2 });
    expect(await priorities('prio')).toEqual({ default: 1, new: 2, b: 3, c: 4, d: 5, g: 7 });
    // Moving d up to 1 pushes the queues from 1 on down until the first gap.
    await api.workQueues.update({ workPoolName: 'prio', name: 'd', priority: 1 });
    expect(await priorities('prio')).toEqual({ d: 1, default: 2, new: 3, b: 4, c: 5, g: 7 });
    // Moving default down to 5 shifts c only (b stays 4), keeping order.
    await api.workQueues.update({ workPoolName: 'prio', name: 'default', priority: 5 });
    expect(await priorities('prio')).toEqual({ d: 1, new: 3, b: 4, default: 5, c: 6, g: 7 });
  });

  it('reads, renames, pauses and deletes queues', async () => {
    const queue = await api.workQueues.read({ workPoolName: 'prio', name: 'g' });
    expect(queue).toMatchObject({ name: 'g', status: 'NOT_READY', isPaused: false, concurrencyLimit: null });
    const updated = await api.workQueues.update({
      workPoolName: 'prio',
      name: 'g',
      newName: 'h',
      isPaused: true,
      concurrencyLimit: 2,
      description: 'slow',
    });
    expect(updated).toMatchObject({ id: queue.id, name: 'h', status: 'PAUSED', concurrencyLimit: 2 });
    const resumed = await api.workQueues.update({ workPoolName: 'prio', name: 'h', isPaused: false });
    expect(resumed.status).toBe('NOT_READY');
    expect(await api.workQueues.delete({ workPoolName: 'prio', name: 'h' })).toEqual({ id: queue.id });
    await expect(api.workQueues.read({ workPoolName: 'prio', name: 'h' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Work queue prio/h not found',
    });
  });

  it('answers CONFLICT, NOT_FOUND and BAD_REQUEST for bad queue inputs', async () => {
    await expect(api.workQueues.create({ workPoolName: 'prio', name: 'b' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      api.workQueues.update({ workPoolName: 'prio', name: 'b', newName: 'c' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(api.workQueues.create({ workPoolName: 'nope', name: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Work pool nope not found',
    });
    await expect(api.workQueues.list({ workPoolName: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.workQueues.create({ workPoolName: 'prio', name: 'a%b' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('name: name must not contain'),
    });
    await expect(
      api.workQueues.create({ workPoolName: 'prio', name: 'z', priority: 0 }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('priority'),
    });
    await expect(api.workQueues.delete({ workPoolName: 'prio', name: 'default' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'name: the default queue of work pool prio cannot be deleted',
    });
    expect(await priorities('prio')).toEqual({ d: 1, new: 3, b: 4, default: 5, c: 6 });
  });
});

describe('workers', () => {
  it('upserts a worker on heartbeat and makes a NOT_READY pool READY', async () => {
    await api.workPools.create({ name: 'beats' });
    const first = await api.workers.heartbeat({
      workPoolName: 'beats',
      name: 'w1',
      heartbeatIntervalSeconds: 10,
    });
    expect(first).toMatchObject({
      name: 'w1',
      status: 'ONLINE',
      heartbeatIntervalSeconds: 10,
      workPoolName: 'beats',
    });
    expect((await api.workPools.read({ name: 'beats' })).status).toBe('READY');
    clock.advance(5);
    const second = await api.workers.heartbeat({ workPoolName: 'beats', name: 'w1' });
    expect(second.id).toBe(first.id);
    expect(second.lastHeartbeatTime).toEqual(clock());
    expect(second.heartbeatIntervalSeconds).toBeNull();
    await api.workers.heartbeat({ workPoolName: 'beats', name: 'w2' });
    expect((await api.workers.list({ workPoolName: 'beats' })).map((w) => w.name).sort()).toEqual([
      'w1',
      'w2',
    ]);
  });

  it('leaves a paused pool PAUSED on heartbeat', async () => {
    await api.workers.heartbeat({ workPoolName: 'paused', name: 'w' });
    expect((await api.workPools.read({ name: 'paused' })).status).toBe('PAUSED');
  });

  it('answers NOT_FOUND for an unknown pool or worker and BAD_REQUEST for bad input', async () => {
    await expect(api.workers.heartbeat({ workPoolName: 'nope', name: 'w' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Work pool nope not found',
    });
    await expect(api.workers.delete({ workPoolName: 'beats', name: 'ghost' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Worker beats/ghost not found',
    });
    await expect(
      api.workers.heartbeat({ workPoolName: 'beats', name: 'w', heartbeatIntervalSeconds: 0 }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('heartbeatIntervalSeconds'),
    });
  });

  it('deletes a worker', async () => {
    const worker = (await api.workers.list({ workPoolName: 'beats' })).find((w) => w.name === 'w2');
    expect(await api.workers.delete({ workPoolName: 'beats', name: 'w2' })).toEqual({ id: worker?.id });
    expect((await api.workers.list({ workPoolName: 'beats' })).map((w) => w.name)).toEqual(['w1']);
  });
});
