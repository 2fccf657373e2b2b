// Issue 5: the UI's queries at scale. Seeds 50,000 flow runs over 30 days and 500,000 task runs
// straight in SQL, then times every query the dashboard, the runs list and the flow run page make,
// over real HTTP through createWeftClient: p50/p95 of REPS calls each (after warm-up calls).
// The scenario starts its own server (WEFT_TEST_DB picks Postgres or PGlite) to reach its database.
import { createWeftClient } from '@weft/client';
import { createTestServer } from '@weft/server/internal';
import { percentile, report, since } from './report';
import { seedUiData } from './ui-queries-seed';

const backend = process.env.BENCH_BACKEND ?? process.env.WEFT_TEST_DB ?? 'pglite';
const quick = process.env.BENCH_QUICK === '1';
const FLOW_RUNS = Number(process.env.BENCH_UI_FLOW_RUNS ?? (quick ? 5_000 : 50_000));
const BIG_RUN_TASKS = 1_000;
const REPS = Number(process.env.BENCH_UI_REPS ?? 20);

const server = await createTestServer({ listen: true });
const seedStart = performance.now();
const seeded = await seedUiData(server.resources.db, {
  flowRuns: FLOW_RUNS,
  bigRunTasks: BIG_RUN_TASKS,
});
const seedMs = since(seedStart);
const client = createWeftClient({ url: server.url! });
const counts = {
  flowRuns: await client.flowRuns.count.query({}),
  taskRuns: await client.taskRuns.count.query({}),
};
report({
  scenario: 'ui-queries',
  metric: `seed ${counts.flowRuns} flow runs and ${counts.taskRuns} task runs in SQL (${backend})`,
  value: Math.round(seedMs),
  unit: 'ms',
  details: counts,
});

async function time(name: string, call: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 3; i++) await call();
  const each: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const start = performance.now();
    await call();
    each.push(since(start));
  }
  report({
    scenario: 'ui-queries',
    metric: `${name}, p50 (${backend})`,
    value: Math.round(percentile(each, 50) * 10) / 10,
    unit: 'ms',
    target: '< 300',
    details: { p95Ms: Math.round(percentile(each, 95) * 10) / 10, reps: REPS },
  });
}

type RunFilter = NonNullable<Parameters<typeof client.flowRuns.list.query>[0]>['filter'];
const page = { limit: 50, offset: 0 };
const runsPage =
  (filter: RunFilter, sort: 'ID_DESC' | 'EXPECTED_START_TIME_DESC' = 'ID_DESC') =>
  () =>
    Promise.all([
      client.flowRuns.list.query({ ...page, filter, sort }),
      client.flowRuns.count.query({ filter }),
    ]);

await time('runs list, first page + count, ID_DESC', runsPage(undefined));
await time(
  'runs list, first page + count, EXPECTED_START_TIME_DESC',
  runsPage(undefined, 'EXPECTED_START_TIME_DESC'),
);
await time('runs list by state type FAILED + count', runsPage({ stateType: { any: ['FAILED'] } }));
await time(
  'runs list by flow + count',
  runsPage({ flowId: { any: [seeded.flowId] } }, 'EXPECTED_START_TIME_DESC'),
);
await time('runs list by deployment + count', runsPage({ deploymentId: { any: [seeded.deploymentId] } }));
await time('runs list by tag + count', runsPage({ tags: { all: ['team:data'] } }));
await time(
  'late runs (stateName Late)',
  runsPage({ stateType: { any: ['SCHEDULED'] }, stateName: { any: ['Late'] } }, 'EXPECTED_START_TIME_DESC'),
);
await time(
  'failed runs, last 7 days',
  runsPage(
    {
      stateType: { any: ['FAILED', 'CRASHED'] },
      expectedStartTime: { after: new Date(seeded.now.getTime() - 7 * 86_400_000) },
    },
    'EXPECTED_START_TIME_DESC',
  ),
);

const windowOf = (days: number, buckets: number) => ({
  start: new Date(seeded.now.getTime() - days * 86_400_000),
  end: seeded.now,
  intervalSeconds: (days * 86_400) / buckets,
});
await time('flowRuns.history, 24 h in 48 buckets', () => client.flowRuns.history.query(windowOf(1, 48)));
await time('flowRuns.history, 7 days in 56 buckets', () => client.flowRuns.history.query(windowOf(7, 56)));
await time('flowRuns.history, 7 days, one deployment', () =>
  client.flowRuns.history.query({
    ...windowOf(7, 56),
    filter: { deploymentId: { any: [seeded.deploymentId] } },
  }),
);
await time('taskRuns.history, 24 h in 48 buckets', () => client.taskRuns.history.query(windowOf(1, 48)));
await time('taskRuns.history, 7 days in 56 buckets', () => client.taskRuns.history.query(windowOf(7, 56)));

await time('taskRuns.list of a 1000-task run, first page + count', () =>
  Promise.all([
    client.taskRuns.list.query({ ...page, filter: { flowRunId: { any: [seeded.bigRunId] } } }),
    client.taskRuns.count.query({ filter: { flowRunId: { any: [seeded.bigRunId] } } }),
  ]),
);
await time('flowRuns.graph of a 1000-task run', () => client.flowRuns.graph.query({ id: seeded.bigRunId }));

if (process.env.BENCH_UI_KEEP_DB === '1') {
  // For EXPLAIN ANALYZE by hand: leave the Postgres database in place and say where it is.
  const row = await server.resources.db
    .selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name'))
    .executeTakeFirstOrThrow();
  process.stderr.write(`ui-queries: kept database ${row.name}\n`);
  process.exit(0);
}
await server.close();
process.exit(0);
