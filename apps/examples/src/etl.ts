import { exponentialBackoff, flow, getRunLogger, task, unmapped } from '@weft/engine';
import { z } from 'zod';

let attempts = 0;

/** Fails on its first attempt to show retries; later attempts succeed. */
export const extract = task(
  { name: 'extract', retries: 3, retryDelaySeconds: exponentialBackoff(0.05) },
  async (count: number) => {
    attempts += 1;
    if (attempts === 1) throw new Error('source not ready yet');
    return Array.from({ length: count }, (_, i) => i + 1);
  },
);

/** Runs once per item through `.map()`; cached by its inputs for an hour. */
export const transform = task(
  { name: 'transform', cachePolicy: 'inputs', cacheExpiration: 3600 },
  async (value: number, factor: number) => value * factor,
);

export const load = task({ name: 'load' }, async (rows: number[]) => {
  getRunLogger().info(`loaded ${rows.length} rows`);
  return rows.reduce((sum, n) => sum + n, 0);
});

/** Extract, transform in parallel, load. */
export const etl = flow(
  {
    name: 'etl',
    parameters: z.object({
      count: z.number().int().min(1).max(1000).default(5),
      factor: z.number().default(10),
    }),
  },
  async ({ count, factor }) => {
    const rows = await extract(count);
    const futures = transform.map(rows, unmapped(factor));
    const transformed = await Promise.all(futures.map((f) => f.result()));
    return load(transformed);
  },
);
