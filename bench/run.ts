// `pnpm bench`: starts a Weft server per backend (Postgres, then PGlite), runs each scenario in its
// own Node process against it over HTTP, then the embedded variants (the scenario's process runs
// its own server in-process, on a fresh Postgres database or PGlite), and prints every measurement
// as one JSON document. Scenario sizes can be shrunk for a smoke run with BENCH_QUICK=1.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createServer } from '@weft/server';
import { createTestServer } from '@weft/server/internal';
import type { Measurement } from './scenarios/report';

const root = new URL('..', import.meta.url).pathname;
const quick = process.env.BENCH_QUICK === '1';
const sizes = quick
  ? {
      BENCH_TASKS: '1000',
      BENCH_OVERHEAD_TASKS: '500',
      BENCH_FLOW_RUNS: '50',
      BENCH_FLOW_RUNS_WARM_UP: '100',
      BENCH_SERVE_RUNS: '20',
      BENCH_WORKER_RUNS: '4',
    }
  : {
      BENCH_TASKS: '10000',
      BENCH_OVERHEAD_TASKS: '5000',
      BENCH_FLOW_RUNS: '500',
      BENCH_FLOW_RUNS_WARM_UP: '1500',
      BENCH_SERVE_RUNS: '200',
      BENCH_WORKER_RUNS: '20',
    };
const postgresUrl =
  process.env.WEFT_BENCH_DATABASE_URL ??
  process.env.WEFT_TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const only = process.env.BENCH_ONLY?.split(',');

function runScenario(file: string, env: Record<string, string>): Promise<Measurement[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      // TypeScript scenarios run on the sources; `.mjs` ones on the built packages, loader-free.
      file.endsWith('.mjs')
        ? [join(root, 'bench/scenarios', file)]
        : ['--conditions=dev-source', '--import', 'tsx', join(root, 'bench/scenarios', file)],
      {
        cwd: root,
        env: { ...process.env, ...sizes, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`scenario ${file} exited with ${code}`));
      const lines = out.split('\n').filter((l) => l.startsWith('{"measurement"'));
      resolve(lines.map((l) => (JSON.parse(l) as { measurement: Measurement }).measurement));
    });
  });
}

async function onBackend(backend: 'postgres' | 'pglite'): Promise<Measurement[]> {
  process.env.WEFT_TEST_DB = backend;
  process.env.WEFT_TEST_DATABASE_URL = postgresUrl;
  const results: Measurement[] = [];
  for (const file of ['many-tasks.ts', 'overhead.ts', 'flow-runs.ts', 'deployments.ts']) {
    if (only && !only.includes(file.replace('.ts', ''))) continue;
    // A fresh server and database per scenario, so one scenario's rows never slow the next.
    const server = await createTestServer({ listen: true });
    const home = mkdtempSync(join(tmpdir(), 'weft-bench-home-'));
    try {
      process.stderr.write(`▸ ${file} on ${backend}…\n`);
      results.push(
        ...(await runScenario(file, { WEFT_API_URL: server.url!, WEFT_HOME: home, BENCH_BACKEND: backend })),
      );
    } finally {
      await server.close();
      rmSync(home, { recursive: true, force: true });
    }
  }
  return results;
}

/**
 * The scenarios in embedded mode: no WEFT_API_URL, so the engine starts a server in its own
 * process and calls it without HTTP; on Postgres through WEFT_DATABASE_URL (a fresh database,
 * made and migrated by a test server that drops it afterwards), on PGlite in a fresh WEFT_HOME.
 */
async function embedded(backend: 'postgres' | 'pglite'): Promise<Measurement[]> {
  const results: Measurement[] = [];
  for (const file of ['many-tasks.ts', 'flow-runs.ts']) {
    const name = `${file.replace('.ts', '')}-embedded`;
    if (only && !only.includes(name)) continue;
    process.env.WEFT_TEST_DB = backend;
    const holder = backend === 'postgres' ? await createTestServer() : undefined;
    const home = mkdtempSync(join(tmpdir(), 'weft-bench-home-'));
    try {
      const env: Record<string, string> = {
        WEFT_API_URL: '',
        WEFT_DATABASE_URL: '',
        WEFT_HOME: home,
        BENCH_BACKEND: `${backend}, embedded`,
      };
      if (holder) {
        const row = await holder.resources.db
          .selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name'))
          .executeTakeFirstOrThrow();
        const url = new URL(postgresUrl);
        url.pathname = `/${row.name}`;
        env.WEFT_DATABASE_URL = url.toString();
      }
      process.stderr.write(`▸ ${file} on ${backend}, embedded…\n`);
      results.push(...(await runScenario(file, env)));
    } finally {
      await holder?.close();
      rmSync(home, { recursive: true, force: true });
    }
  }
  return results;
}

/**
 * Scenarios that start their own server (to seed its database in SQL), on a fresh Postgres
 * database or in-memory PGlite: `ui-queries`.
 */
async function selfServed(backend: 'postgres' | 'pglite'): Promise<Measurement[]> {
  const results: Measurement[] = [];
  for (const file of ['ui-queries.ts']) {
    if (only && !only.includes(file.replace('.ts', ''))) continue;
    process.stderr.write(`▸ ${file} on ${backend}…\n`);
    results.push(
      ...(await runScenario(file, {
        WEFT_TEST_DB: backend,
        WEFT_TEST_DATABASE_URL: postgresUrl,
        BENCH_BACKEND: backend,
      })),
    );
  }
  return results;
}

async function memory(): Promise<Measurement[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'weft-bench-db-'));
  try {
    const first = await createServer({ database: { kind: 'pglite', dataDir } });
    await first.close();
    process.stderr.write('▸ memory.mjs on pglite (built packages)…\n');
    return await runScenario('memory.mjs', { BENCH_DATA_DIR: dataDir });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const results: Measurement[] = [];
results.push(...(await onBackend('postgres')));
results.push(...(await onBackend('pglite')));
results.push(...(await embedded('postgres')));
results.push(...(await embedded('pglite')));
results.push(...(await selfServed('postgres')));
results.push(...(await selfServed('pglite')));
if (!only || only.includes('memory')) results.push(...(await memory()));

const report = {
  startedAt: new Date().toISOString(),
  quick,
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  results,
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/latest.json'), `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
process.exit(0);
