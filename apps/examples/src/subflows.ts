import { flow, task } from '@weft/engine';
import { z } from 'zod';

export const square = task({ name: 'square' }, async (n: number) => n * n);

/** A child flow: each call from a parent is its own flow run, linked to the parent. */
export const sumOfSquares = flow(
  { name: 'sum-of-squares', parameters: z.object({ numbers: z.array(z.number()) }) },
  async ({ numbers }) => {
    const squares = await Promise.all(numbers.map((n) => square(n)));
    return squares.reduce((a, b) => a + b, 0);
  },
);

/** A parent flow running subflows concurrently. */
export const report = flow({ name: 'report' }, async () => {
  const [a, b] = await Promise.all([sumOfSquares({ numbers: [1, 2, 3] }), sumOfSquares({ numbers: [4, 5] })]);
  return { a, b, total: a + b };
});
