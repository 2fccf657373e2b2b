import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../testing/test-engine';
import { DeploymentError } from './deployment-errors';
import { findFlowExport, inferEntrypoint } from './flow-entrypoint';
import { addNumbers } from './testing/fixture-flows';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
  await t.client.workPools.create.mutate({ name: 'local', type: 'process' });
});
afterAll(() => t.close());

describe('flow.deploy()', () => {
  it('registers the deployment with the parameter schema, schedules and an inferred entrypoint', async () => {
    const path = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
    const handle = await addNumbers.deploy({
      name: 'nightly',
      workPool: 'local',
      path,
      parameters: { b: 5 },
      tags: ['etl'],
      concurrencyLimit: { limit: 2, collisionStrategy: 'CANCEL_NEW' },
      schedules: [
        { cron: '0 2 * * *', timezone: 'Europe/Berlin', slug: 'nightly', parameters: { a: 1 } },
        { interval: 3600, slug: 'hourly', active: false },
        { rrule: 'FREQ=WEEKLY;BYDAY=MO', slug: 'weekly' },
      ],
    });
    expect(handle.name).toBe('deploy-add/nightly');
    const stored = await t.client.deployments.read.query({ name: 'deploy-add/nightly' });
    expect(stored.id).toBe(handle.id);
    expect(stored).toMatchObject({
      workPoolName: 'local',
      workQueueName: 'default',
      entrypoint: 'deployments/testing/fixture-flows.ts:addNumbers',
      path,
      parameters: { b: 5 },
      tags: ['etl'],
      enforceParameterSchema: true,
      concurrencyLimit: 2,
      concurrencyOptions: { collisionStrategy: 'CANCEL_NEW', gracePeriodSeconds: 300 },
    });
    expect(stored.parameterSchema).toMatchObject({
      type: 'object',
      properties: { a: { type: 'number' }, b: { type: 'number', default: 1 } },
      required: ['a'],
    });
    const schedules = Object.fromEntries(stored.schedules.map((s) => [s.slug, s]));
    expect(schedules.nightly).toMatchObject({
      schedule: { cron: '0 2 * * *', timezone: 'Europe/Berlin', dayOr: true },
      parameters: { a: 1 },
      active: true,
    });
    expect(schedules.hourly).toMatchObject({ schedule: { interval: 3600 }, active: false });
    // The server pins a DTSTART onto the rule (reference §4.3).
    expect((schedules.weekly!.schedule as { rrule: string }).rrule).toMatch(/FREQ=WEEKLY;BYDAY=MO$/);
  });

  it('redeploys as an update: same id, schedules kept by slug, changed fields changed', async () => {
    const first = await t.client.deployments.read.query({ name: 'deploy-add/nightly' });
    const again = await addNumbers.deploy({
      name: 'nightly',
      workPool: 'local',
      entrypoint: 'flows/add.ts:addNumbers',
      version: '2',
    });
    expect(again.id).toBe(first.id);
    const stored = await t.client.deployments.read.query({ id: again.id });
    expect(stored).toMatchObject({
      entrypoint: 'flows/add.ts:addNumbers',
      version: '2',
      parameters: { b: 5 },
    });
    expect(stored.schedules.map((s) => s.id).sort()).toEqual(first.schedules.map((s) => s.id).sort());
  });

  it('the server checks run parameters against the registered schema', async () => {
    const error = await t.client.deployments.createFlowRun
      .mutate({ deployment: { name: 'deploy-add/nightly' }, parameters: { a: 'one' } })
      .catch((e: unknown) => e);
    expect(String((error as Error).message)).toMatch(/parameters\.a/);
  });

  it('fails with the server message for an unknown work pool, and without a work pool', async () => {
    await expect(addNumbers.deploy({ name: 'x', workPool: 'nope', entrypoint: 'a.ts:b' })).rejects.toThrow(
      /Could not register deployment 'deploy-add\/x': .*nope/,
    );
    await expect(addNumbers.deploy({ name: 'x' } as never)).rejects.toThrow(
      /needs a workPool.*flow\.serve\(\)/,
    );
  });
});

describe('entrypoint inference', () => {
  it('finds the export of a flow by its only export, its export name or its name option', () => {
    expect(findFlowExport("export const etl = flow({ name: 'x' }, f);", 'x')).toBe('etl');
    const two = "export const a = flow({ name: 'first' }, f);\nexport const b = flow('second', g);";
    expect(findFlowExport(two, 'second')).toBe('b');
    expect(findFlowExport(two, 'first')).toBe('a');
    expect(findFlowExport(two, 'third')).toBeUndefined();
    expect(findFlowExport('const hidden = flow("x", f); export { hidden };', 'x')).toBeUndefined();
  });

  it('says to pass the entrypoint when it cannot be inferred', () => {
    expect(() => inferEntrypoint({ flowName: 'etl', file: undefined, base: '/' })).toThrow(DeploymentError);
    expect(() => inferEntrypoint({ flowName: 'etl', file: undefined, base: '/' })).toThrow(
      "Pass it explicitly, e.g. entrypoint: 'flows/etl.ts:etl'.",
    );
    const file = new URL('./testing/fixture-flows.ts', import.meta.url).pathname;
    expect(() => inferEntrypoint({ flowName: 'deploy-add', file, base: '/nowhere/else' })).toThrow(
      /outside the deployment's path/,
    );
    expect(() => inferEntrypoint({ flowName: 'unknown-flow', file, base: '/' })).toThrow(
      /Could not tell which export/,
    );
  });
});
