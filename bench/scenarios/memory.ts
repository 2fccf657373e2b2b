// RSS of the embedded server after starting on an existing PGlite database (BENCH_DATA_DIR).
import { createServer } from '@weft/server';
import { report } from './report';

const dataDir = process.env.BENCH_DATA_DIR!;
const server = await createServer({ database: { kind: 'pglite', dataDir } });
const { url } = await server.listen({ port: 0 });
await fetch(`${url}/health`);
globalThis.gc?.();
const rssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
report({
  scenario: 'memory',
  metric: 'embedded server RSS after start on an existing database',
  value: rssMb,
  unit: 'MB',
  target: '< 400',
  details: { heapUsedMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20) },
});
await server.close();
process.exit(0);
