import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../router';
import { createTestServer, type TestServer } from '../../testing/create-test-server';
import { createTestClock } from '../../testing/test-clock';

let t: TestServer;
let api: ReturnType<typeof appRouter.createCaller>;
const clock = createTestClock(new Date('2026-03-01T12:00:00.000Z'));
let deploymentId: string;

const parameterSchema = {
  type: 'object',
  properties: { count: { type: 'integer' }, label: { type: 'string' } },
  required: ['count'],
};

beforeAll(async () => {
  t = await createTestServer({ clock });
  api = appRouter.createCaller(await t.server.createContext());
  await api.workPools.create({
    name: 'runs-pool',
    baseJobTemplate: {
      jobConfiguration: { image: '{{ image }}', env: '{{ env }}' },
      variables: {
        type: 'object',
        properties: { image: { type: 'string' }, env: { type: 'object', default: { A: '1' } } },
        required: ['image'],
      },
    },
  });
  const deployment = await api.deployments.create({
    flowName: 'runner',
    name: 'main',
    version: 'v3',
    tags: ['dep'],
    parameters: { count: 1, label: 'x' },
    parameterSchema,
    workPoolName: 'runs-pool',
    jobVariables: { image: 'node:20' },
  });
  deploymentId = deployment.id;
});
afterAll(() => t.close());

async function runCount() {
  return api.flowRuns.count({ filter: { deploymentId: { any: [deploymentId] } } });
}

describe('deployments.createFlowRun', () => {
  it('makes a Scheduled run with merged parameters, both tag sets and the deployment fields', async () => {
    const scheduled: string[][] = [];
    const off = t.resources.events.on('flowRunsScheduled', ({ ids }) => scheduled.push(ids));
    const run = await api.deployments.createFlowRun({
      deployment: { name: 'runner/main' },
      parameters: { count: 5 },
      tags: ['run', 'dep'],
      jobVariables: { 'env.B': '2' },
    });
    off();
    expect(run).toMatchObject({
      flowName: 'runner',
      deploymentId,
      deploymentVersion: 'v3',
      workPoolName: 'runs-pool',
      workQueueName: 'default',
      parameters: { count: 5, label: 'x' },
      tags: ['dep', 'run'],
      jobVariables: { 'env.B': '2' },
      stateType: 'SCHEDULED',
      stateName: 'Scheduled',
      autoScheduled: false,
      createdBy: null,
    });
    expect(run.state?.stateDetails.scheduledTime).toEqual(clock());
    expect(run.nextScheduledStartTime).toEqual(clock());
    expect(scheduled).toEqual([[run.id]]);
    expect(await api.flowRuns.read({ id: run.id })).toEqual(run);
  });

  it('answers BAD_REQUEST naming the parameter that breaks the schema, writing nothing', async () => {
    const before = await runCount();
    await expect(
      api.deployments.createFlowRun({ deployment: { id: deploymentId }, parameters: { count: 'many' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'parameters.count: must be integer' });
    await expect(
      api.deployments.createFlowRun({ deployment: { id: deploymentId }, parameters: { count: null } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'parameters.count: must be integer' });
    expect(await runCount()).toBe(before);
  });

  it('skips the schema when the run says so', async () => {
    const run = await api.deployments.createFlowRun({
      deployment: { id: deploymentId },
      parameters: { count: 'many' },
      enforceParameterSchema: false,
    });
    expect(run.parameters.count).toBe('many');
  });

  it('checks the parameter schema again after the deployment changes it', async () => {
    const other = await api.deployments.create({
      flowName: 'runner',
      name: 'schema-change',
      parameters: { count: 1 },
      parameterSchema,
    });
    await api.deployments.createFlowRun({ deployment: { id: other.id }, parameters: { count: 2 } });
    clock.advance(1);
    await api.deployments.update({
      id: other.id,
      parameters: { count: 'one' },
      parameterSchema: { type: 'object', properties: { count: { type: 'string' } } },
    });
    await expect(
      api.deployments.createFlowRun({ deployment: { id: other.id }, parameters: { count: 2 } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'parameters.count: must be string' });
  });

  it('answers BAD_REQUEST for a missing required job variable, writing nothing', async () => {
    const bare = await api.deployments.create({
      flowName: 'runner',
      name: 'no-image',
      workPoolName: 'runs-pool',
    });
    await expect(api.deployments.createFlowRun({ deployment: { id: bare.id } })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'jobVariables.image: is required',
    });
    expect(await api.flowRuns.count({ filter: { deploymentId: { any: [bare.id] } } })).toBe(0);
    const run = await api.deployments.createFlowRun({
      deployment: { id: bare.id },
      jobVariables: { image: 'node:22' },
    });
    expect(run.jobVariables).toEqual({ image: 'node:22' });
  });

  it('returns the same run for the same idempotency key', async () => {
    const first = await api.deployments.createFlowRun({
      deployment: { id: deploymentId },
      idempotencyKey: 'k1',
    });
    const second = await api.deployments.createFlowRun({
      deployment: { id: deploymentId },
      idempotencyKey: 'k1',
    });
    expect(second.id).toBe(first.id);
  });

  it('puts the run on another queue of the pool, and honours a given first state', async () => {
    const run = await api.deployments.createFlowRun({
      deployment: { id: deploymentId },
      workQueueName: 'urgent',
      state: { type: 'PENDING' },
    });
    const queue = await api.workQueues.read({ workPoolName: 'runs-pool', name: 'urgent' });
    expect(run).toMatchObject({ workQueueName: 'urgent', workQueueId: queue.id, stateType: 'PENDING' });
  });

  it('answers NOT_FOUND for an unknown deployment', async () => {
    await expect(
      api.deployments.createFlowRun({ deployment: { name: 'runner/nope' } }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
