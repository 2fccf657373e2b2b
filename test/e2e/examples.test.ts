import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWeftClient, type WeftClient } from '@weft/client';
import { createTestServer, type TestServer } from '@weft/server/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weft } from './weft-process';

// The README's main job, end to end: a real server, the example flows run through `weft run` in
// their own processes, and every run read back through the typed client and through the CLI.
let server: TestServer;
let client: WeftClient;
let env: Record<string, string>;
let home: string;

beforeAll(async () => {
  server = await createTestServer({ listen: true });
  client = createWeftClient({ url: server.url! });
  home = mkdtempSync(join(tmpdir(), 'weft-e2e-'));
  env = { WEFT_API_URL: server.url!, WEFT_HOME: home };
});

afterAll(async () => {
  await server?.close();
  rmSync(home, { recursive: true, force: true });
});

async function onlyRunOf(flowName: string) {
  const runs = await client.flowRuns.list.query({ filter: { flowName: { any: [flowName] } } });
  expect(runs).toHaveLength(1);
  return runs[0]!;
}

async function taskRunsOf(flowRunId: string) {
  return client.taskRuns.list.query({ filter: { flowRunId: { any: [flowRunId] } } });
}

describe('the example flows through weft run', () => {
  it('records hello with its parameter, task run and logs', async () => {
    const r = await weft(['run', 'apps/examples/src/hello.ts:hello', '--param', 'name=Weft'], env);
    expect(r.code, r.stderr).toBe(0);
    const run = await onlyRunOf('hello');
    expect(run.stateType).toBe('COMPLETED');
    expect(run.parameters).toEqual({ name: 'Weft' });
    const tasks = await taskRunsOf(run.id);
    expect(tasks.map((t) => [t.name.split('-')[0], t.stateType])).toEqual([['greet', 'COMPLETED']]);
    const logs = await client.logs.list.query({ filter: { flowRunId: { any: [run.id] } } });
    const messages = logs.map((l) => l.message);
    expect(messages).toContain('greeted Weft');
    expect(messages).toContain('Hello, Weft!');
  });

  it('records etl with a retried extract and one task run per mapped item', async () => {
    const r = await weft(['run', 'apps/examples/src/etl.ts:etl', '--param', 'count=4'], env);
    expect(r.code, r.stderr).toBe(0);
    const run = await onlyRunOf('etl');
    expect(run.stateType).toBe('COMPLETED');
    const tasks = await taskRunsOf(run.id);
    const byTask = (key: string) => tasks.filter((t) => t.name.startsWith(`${key}-`));
    expect(byTask('extract')).toHaveLength(1);
    expect(byTask('extract')[0]!.runCount).toBe(2);
    expect(byTask('transform')).toHaveLength(4);
    expect(byTask('load').map((t) => t.stateType)).toEqual(['COMPLETED']);
    const states = await client.taskRuns.states.query({ id: byTask('extract')[0]!.id });
    expect(states.map((s) => s.name)).toEqual([
      'Pending',
      'Running',
      'AwaitingRetry',
      'Retrying',
      'Completed',
    ]);
  });

  it('records subflows as child flow runs linked to tracking task runs of the parent', async () => {
    const r = await weft(['run', 'apps/examples/src/subflows.ts:report'], env);
    expect(r.code, r.stderr).toBe(0);
    const parent = await onlyRunOf('report');
    const tracking = (await taskRunsOf(parent.id)).filter((t) => t.subflowRunId);
    expect(tracking).toHaveLength(2);
    const children = await client.flowRuns.list.query({
      filter: { parentTaskRunId: { any: tracking.map((t) => t.id) } },
    });
    expect(children.map((c) => c.stateType)).toEqual(['COMPLETED', 'COMPLETED']);
    expect(
      children.map((c) => c.parameters).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual([{ numbers: [1, 2, 3] }, { numbers: [4, 5] }]);
  });

  it('exits 1 on a failing flow, and records the failure and its cause', async () => {
    const r = await weft(['run', 'apps/examples/src/failing.ts:failing'], env);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('the upstream API answered 503');
    const run = await onlyRunOf('failing');
    expect(run.stateType).toBe('FAILED');
    const [taskRun] = await taskRunsOf(run.id);
    expect(taskRun?.stateType).toBe('FAILED');
  });

  it('shows the recorded runs through the CLI, as a table and as JSON', async () => {
    const json = await weft(['flow-run', 'ls', '--json'], env);
    expect(json.code, json.stderr).toBe(0);
    const listed = JSON.parse(json.stdout) as Array<{ flowName: string; stateType: string }>;
    const names = listed.map((r) => r.flowName);
    for (const name of ['hello', 'etl', 'report', 'sum-of-squares', 'failing']) expect(names).toContain(name);

    const table = await weft(['flow-run', 'ls'], env);
    expect(table.stdout).toMatch(/hello/);
    expect(table.stdout).toMatch(/FAILED|Failed/);

    const hello = await onlyRunOf('hello');
    const logs = await weft(['flow-run', 'logs', hello.id], env);
    expect(logs.code, logs.stderr).toBe(0);
    expect(logs.stdout).toContain('greeted Weft');
  });
});
