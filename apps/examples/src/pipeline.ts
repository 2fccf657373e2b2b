import { flow, task } from '@weft/engine';
import { z } from 'zod';

/** Three small steps: the flow that deployments, workers and `serve` run in the examples. */
export const fetchRows = task({ name: 'fetch-rows' }, async (count: number) =>
  Array.from({ length: count }, (_, i) => i + 1),
);
export const sumRows = task({ name: 'sum-rows' }, async (rows: number[]) => rows.reduce((a, b) => a + b, 0));
export const publish = task(
  { name: 'publish' },
  async (total: number, label: string) => `${label}: ${total}`,
);

/** A 3-task flow with typed parameters, deployed by `weft.yaml` and served by `serve.ts`. */
export const pipeline = flow(
  {
    name: 'pipeline',
    parameters: z.object({ count: z.number().int().min(1).default(3), label: z.string().default('total') }),
  },
  async ({ count, label }) => publish(await sumRows(await fetchRows(count)), label),
);
