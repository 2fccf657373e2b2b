import type { Deployment, FlowRun, WorkPool, WorkQueue } from '@weft/schemas';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCliApiTest } from '../test-helpers/cli-api-test';

// `weft work-pool`, `weft work-queue` and `weft deployment` against a real server over HTTP.

const cli = useCliApiTest();
const { weft, json } = cli;

describe('weft work-pool and work-queue', () => {
  it('creates, lists, inspects, pauses, resumes and limits a pool', async () => {
    const created = await json<WorkPool>(['work-pool', 'create', 'cli-pool', '--concurrency-limit', '3']);
    expect(created).toMatchObject({
      name: 'cli-pool',
      type: 'process',
      concurrencyLimit: 3,
      status: 'NOT_READY',
    });
    expect((await weft(['work-pool', 'ls'])).stdout).toMatch(/cli-pool\s+process/);
    const inspected = await json<{ workPool: WorkPool; workQueues: WorkQueue[] }>([
      'work-pool',
      'inspect',
      'cli-pool',
    ]);
    expect(inspected.workQueues.map((q) => q.name)).toEqual(['default']);
    expect((await weft(['work-pool', 'inspect', 'cli-pool'])).stdout).toContain('Queues');
    expect((await json<WorkPool>(['work-pool', 'pause', 'cli-pool'])).status).toBe('PAUSED');
    expect((await json<WorkPool>(['work-pool', 'resume', 'cli-pool'])).status).toBe('NOT_READY');
    expect(
      (await json<WorkPool>(['work-pool', 'set-concurrency-limit', 'cli-pool', 'none'])).concurrencyLimit,
    ).toBe(null);
  });

  it('previews the job configuration with run job variables over the template', async () => {
    const r = await weft(['work-pool', 'preview', 'cli-pool', '--job-variable', 'env={"A":"1"}']);
    expect(r.code, r.stderr).toBe(0);
    const preview = JSON.parse(r.stdout) as { jobConfiguration: { env?: Record<string, string> } };
    expect(preview.jobConfiguration.env).toMatchObject({ A: '1' });
  });

  it('creates queues, renumbers priorities, pauses and deletes one', async () => {
    const high = await json<WorkQueue>([
      'work-queue',
      'create',
      'high',
      '--pool',
      'cli-pool',
      '--priority',
      '1',
    ]);
    expect(high.priority).toBe(1);
    const list = await json<WorkQueue[]>(['work-queue', 'ls', '--pool', 'cli-pool']);
    expect(list.map((q) => [q.name, q.priority])).toEqual([
      ['high', 1],
      ['default', 2],
    ]);
    const moved = await json<WorkQueue>(['work-queue', 'set-priority', 'default', '1', '--pool', 'cli-pool']);
    expect(moved.priority).toBe(1);
    expect((await json<WorkQueue>(['work-queue', 'pause', 'high', '--pool', 'cli-pool'])).isPaused).toBe(
      true,
    );
    expect((await weft(['work-queue', 'inspect', 'high', '--pool', 'cli-pool'])).stdout).toMatch(
      /Status\s+PAUSED/,
    );
    const deleted = await weft(['work-queue', 'delete', 'high', '--pool', 'cli-pool']);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect((await json<WorkQueue[]>(['work-queue', 'ls', '--pool', 'cli-pool'])).map((q) => q.name)).toEqual([
      'default',
    ]);
  });

  it('says clearly what is wrong', async () => {
    const missing = await weft(['work-pool', 'inspect', 'no-such-pool']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no-such-pool/);
    const duplicate = await weft(['work-pool', 'create', 'cli-pool']);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/cli-pool/);
    const reserved = await weft(['work-pool', 'create', 'weft-internal']);
    expect(reserved.stderr).toMatch(/reserved/);
    const badLimit = await weft(['work-pool', 'set-concurrency-limit', 'cli-pool', '-2']);
    expect(badLimit.code).toBe(1);
    expect(await cli.client.workPools.read.query({ name: 'cli-pool' })).toMatchObject({
      concurrencyLimit: null,
    });
  });
});

describe('weft deployment', () => {
  let deployment: Deployment;

  beforeAll(async () => {
    deployment = await cli.client.deployments.create.mutate({
      flowName: 'cli-flow',
      name: 'nightly',
      workPoolName: 'cli-pool',
      parameters: { count: 1, label: 'x' },
      parameterSchema: {
        type: 'object',
        properties: { count: { type: 'integer' }, label: { type: 'string' } },
      },
      entrypoint: 'flows.ts:cliFlow',
    });
  });

  it('lists and inspects deployments by name or id', async () => {
    expect((await weft(['deployment', 'ls'])).stdout).toMatch(/cli-flow\/nightly\s+.*cli-pool/);
    const byName = await json<Deployment>(['deployment', 'inspect', 'cli-flow/nightly']);
    expect(byName.id).toBe(deployment.id);
    const text = await weft(['deployment', 'inspect', deployment.id]);
    expect(text.stdout).toMatch(/Entrypoint\s+flows\.ts:cliFlow/);
    expect((await json<Deployment[]>(['deployment', 'ls', '--work-pool', 'other'])).length).toBe(0);
  });

  it('creates a run with parameters over the deployment’s, and refuses bad ones naming the field', async () => {
    const run = await json<FlowRun>([
      'deployment',
      'run',
      'cli-flow/nightly',
      '--param',
      'count=5',
      '--tag',
      'manual',
    ]);
    expect(run).toMatchObject({
      deploymentId: deployment.id,
      parameters: { count: 5, label: 'x' },
      stateType: 'SCHEDULED',
    });
    expect(run.tags).toContain('manual');
    const bad = await weft(['deployment', 'run', 'cli-flow/nightly', '--param', 'count="many"']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/count/);
    expect(
      await cli.client.flowRuns.count.query({ filter: { deploymentId: { any: [deployment.id] } } }),
    ).toBe(1);
  });

  it('adds, pauses and deletes schedules by slug', async () => {
    const added = await weft([
      'deployment',
      'schedule',
      'create',
      'cli-flow/nightly',
      '--cron',
      '0 9 * * *',
      '--timezone',
      'Europe/Berlin',
      '--slug',
      'morning',
      '--param',
      'label=am',
    ]);
    expect(added.code, added.stderr).toBe(0);
    expect((await weft(['deployment', 'schedule', 'ls', 'cli-flow/nightly'])).stdout).toMatch(
      /morning\s+cron 0 9 \* \* \* \(Europe\/Berlin\)\s+yes/,
    );
    const paused = await json<{ active: boolean }>([
      'deployment',
      'schedule',
      'pause',
      'cli-flow/nightly',
      'morning',
    ]);
    expect(paused.active).toBe(false);
    const resumed = await json<{ active: boolean }>([
      'deployment',
      'schedule',
      'resume',
      'cli-flow/nightly',
      'morning',
    ]);
    expect(resumed.active).toBe(true);
    const bad = await weft(['deployment', 'schedule', 'create', 'cli-flow/nightly', '--cron', 'not a cron']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/cron/);
    const both = await weft([
      'deployment',
      'schedule',
      'create',
      'cli-flow/nightly',
      '--cron',
      '* * * * *',
      '--interval',
      '60',
    ]);
    expect(both.stderr).toMatch(/exactly one of --cron, --interval or --rrule/);
    const deleted = await weft(['deployment', 'schedule', 'delete', 'cli-flow/nightly', 'morning']);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect((await cli.client.deployments.read.query({ id: deployment.id })).schedules).toEqual([]);
  });

  it('--watch follows a run to its final state, and exits 1 unless it completed', async () => {
    // The worker's part, played through the API: finish the run the command created.
    const finish = async (tag: string, final: 'COMPLETED' | 'FAILED') => {
      for (;;) {
        const [run] = await cli.client.flowRuns.list.query({ filter: { tags: { all: [tag] } } });
        if (run) {
          await cli.client.flowRuns.setState.mutate({ id: run.id, state: { type: 'RUNNING' } });
          await cli.client.flowRuns.setState.mutate({ id: run.id, state: { type: final } });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const watch = (tag: string) =>
      weft(['deployment', 'run', 'cli-flow/nightly', '--tag', tag, '--watch', '--json']);
    const [completed] = await Promise.all([watch('watch-ok'), finish('watch-ok', 'COMPLETED')]);
    expect(completed.code, completed.stderr).toBe(0);
    expect(JSON.parse(completed.stdout)).toMatchObject({ stateType: 'COMPLETED' });
    const [failed] = await Promise.all([watch('watch-fail'), finish('watch-fail', 'FAILED')]);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({ stateType: 'FAILED' });
  });

  it('pauses, resumes and deletes a deployment', async () => {
    expect((await json<Deployment>(['deployment', 'pause', 'cli-flow/nightly'])).paused).toBe(true);
    expect((await json<Deployment>(['deployment', 'resume', 'cli-flow/nightly'])).paused).toBe(false);
    const bad = await weft(['deployment', 'inspect', 'just-a-name']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/flow-name\/deployment-name/);
    const deleted = await weft(['deployment', 'delete', 'cli-flow/nightly']);
    expect(deleted.code, deleted.stderr).toBe(0);
    const gone = await weft(['deployment', 'inspect', 'cli-flow/nightly']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/not found/i);
  });
});
