// A user's flow: two tasks and a flow, type-checked and compiled against the packed tarballs, then
// run with WEFT_API_URL pointing at a server the test started.
import { flow, task } from '@weft/engine';

export const extract = task({ name: 'extract' }, async (count: number) =>
  Array.from({ length: count }, (_, i) => i + 1),
);

export const sum = task({ name: 'sum' }, async (values: number[]) => values.reduce((a, b) => a + b, 0));

export const etl = flow({ name: 'consumer-etl' }, async (count: number) => {
  const values = await extract(count);
  const total: number = await sum(values);
  return { total };
});

const result = await etl(4);
const total: number = result.total;
console.log(JSON.stringify({ total }));
