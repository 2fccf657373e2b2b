import { z } from 'zod';
import { runtime } from '../../context/runtime';
import { flow } from '../../flows/flow';

/** Adds two numbers; its parameters are a zod schema. @internal */
export const addNumbers = flow(
  { name: 'deploy-add', parameters: z.object({ a: z.number(), b: z.number().default(1) }) },
  async ({ a, b }) => ({ sum: a + b, deploymentId: runtime.deployment.id ?? null }),
);

/** Waits until its signal aborts or `ms` pass. @internal */
export const slowFlow = flow({ name: 'deploy-slow' }, async (ms: number) => {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return ms;
});
