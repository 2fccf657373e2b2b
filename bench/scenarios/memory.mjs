// RSS of the embedded server after starting on an existing PGlite database (BENCH_DATA_DIR).
// Plain JavaScript on the built package, as a user runs it: no TypeScript loader in the process
// (tsx alone adds ~130 MB). Needs `pnpm build` first.
import { createServer } from '@weft/server';

const dataDir = process.env.BENCH_DATA_DIR;
const server = await createServer({ database: { kind: 'pglite', dataDir } });
const { url } = await server.listen({ port: 0 });
await fetch(`${url}/health`);
const rssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
const measurement = {
  scenario: 'memory',
  metric: 'embedded server RSS after start on an existing database',
  value: rssMb,
  unit: 'MB',
  target: '< 400',
  details: { heapUsedMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20), loader: 'none (built dist)' },
};
process.stdout.write(`${JSON.stringify({ measurement })}\n`);
await server.close();
process.exit(0);
