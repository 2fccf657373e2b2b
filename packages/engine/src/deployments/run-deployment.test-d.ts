import { runDeployment as clientRunDeployment, createWeftClient } from '@weft/client';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { flow } from '../flows/flow';
import type { DeploymentFlowRun, DeploymentHandle } from './deployment-types';
import { runDeployment } from './run-deployment';

const etl = flow(
  { name: 'etl', parameters: z.object({ day: z.string(), limit: z.number().default(10) }) },
  async ({ day, limit }) => ({ day, rows: limit }),
);
const untyped = flow('untyped', async (a: number, b: string) => `${a}${b}`);

describe('deployments are typed by their flow', () => {
  it('deploy() returns a handle typed by the zod schema and the return type', async () => {
    const handle = await etl.deploy({ name: 'nightly', workPool: 'local', parameters: { limit: 5 } });
    expectTypeOf(handle).toEqualTypeOf<
      DeploymentHandle<{ day: string; limit?: number | undefined }, { day: string; rows: number }>
    >();
    // @ts-expect-error a default parameter of the wrong type
    await etl.deploy({ name: 'x', workPool: 'local', parameters: { limit: 'many' } });
    // @ts-expect-error deploy needs a work pool
    await etl.deploy({ name: 'x' });
  });

  it('runDeployment(handle, …) checks parameters and types the result', async () => {
    const handle = await etl.deploy({ name: 'nightly', workPool: 'local' });
    const run = await runDeployment(handle, { day: '2026-01-01' });
    expectTypeOf(run).toEqualTypeOf<DeploymentFlowRun<{ day: string; rows: number }>>();
    expectTypeOf(run.result()).resolves.toEqualTypeOf<{ day: string; rows: number }>();
    // @ts-expect-error day must be a string
    await runDeployment(handle, { day: 20260101 });
    // @ts-expect-error day is required
    await runDeployment(handle);
    await runDeployment(handle, { day: 'x' }, { timeoutSeconds: 0, asSubflow: false });
  });

  it('runDeployment<typeof flow>(name, …) checks parameters too; untyped flows take any record', async () => {
    await runDeployment<typeof etl>('etl/nightly', { day: 'x', limit: 1 });
    // @ts-expect-error an unknown parameter
    await runDeployment<typeof etl>('etl/nightly', { day: 'x', extra: 1 });
    await runDeployment('etl/nightly', { anything: true });
    await runDeployment<typeof untyped>('untyped/dev', { a: 1, b: 'x' });
  });

  it('the client checks parameters from typeof flow without importing the engine at run time', async () => {
    const client = createWeftClient({ url: 'http://127.0.0.1:4200' });
    await clientRunDeployment<typeof etl>(client, 'etl/nightly', { day: 'x' });
    // @ts-expect-error day must be a string
    await clientRunDeployment<typeof etl>(client, 'etl/nightly', { day: 1 });
  });

  it('serve() returns a typed handle and takes several deployments', async () => {
    const served = await etl.serve({ name: 'dev', limit: 2, schedules: [{ interval: 60 }] });
    expectTypeOf(served.deployment.id).toBeString();
    await runDeployment(served.deployment, { day: 'x' });
    // @ts-expect-error a schedule needs cron, interval, rrule or schedule
    await etl.serve({ name: 'dev', schedules: [{ every: 60 }] });
  });
});
