import { createWeftClient, type WeftClient } from '@weft/client';
import type { FlowRun, Log, State } from '@weft/schemas';
import { uuid7 } from '@weft/schemas';
import { createTestServer, type TestServer } from '@weft/server/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli, tempHome, waitForExit, waitForOutput } from '../test-helpers/cli-process';

let server: TestServer;
let client: WeftClient;
let home: Awaited<ReturnType<typeof tempHome>>;
const runs = {} as Record<'done' | 'failed' | 'running' | 'followed', FlowRun>;

const weft = (args: string[]) => runCli(args, { env: { WEFT_HOME: home.home, WEFT_API_URL: server.url } });

async function makeRun(flowName: string, path: State['type'][]): Promise<FlowRun> {
  const flow = await client.flows.create.mutate({ name: flowName });
  const run = await client.flowRuns.create.mutate({ flowId: flow.id });
  for (const type of path) await client.flowRuns.setState.mutate({ id: run.id, state: { type } });
  return client.flowRuns.read.query({ id: run.id });
}

const log = (flowRunId: string, message: string, seconds: number, level = 20) => ({
  name: 'weft.flow_run',
  level,
  message,
  timestamp: new Date(Date.UTC(2026, 0, 10, 12, 0, seconds)),
  flowRunId,
});

beforeAll(async () => {
  home = await tempHome();
  server = await createTestServer({ listen: true });
  client = createWeftClient({ url: server.url! });
  runs.done = await makeRun('cli-etl', ['RUNNING', 'COMPLETED']);
  runs.failed = await makeRun('cli-other', ['RUNNING', 'FAILED']);
  runs.running = await makeRun('cli-etl', ['RUNNING']);
  runs.followed = await makeRun('cli-etl', ['RUNNING']);
  await client.logs.create.mutate([
    log(runs.done.id, 'first line', 1),
    log(runs.done.id, 'second line', 2, 30),
    log(runs.done.id, 'third line', 3, 40),
  ]);
  const taskRun = (name: string, key: string) => ({
    id: uuid7(),
    name,
    flowRunId: runs.done.id,
    taskKey: key,
    dynamicKey: '0',
  });
  await client.taskRuns.create.mutate(taskRun('extract-0', 'extract'));
  await client.taskRuns.create.mutate(taskRun('load-0', 'load'));
});

afterAll(async () => {
  await server?.close();
  await home?.cleanup();
});

describe('weft flow-run and task-run against a real server (subprocess)', { timeout: 120_000 }, () => {
  it('lists runs as JSON, filtered by state, flow and limit', async () => {
    const all = JSON.parse((await weft(['flow-run', 'ls', '--json'])).stdout) as FlowRun[];
    expect(all.map((r) => r.id)).toEqual([runs.followed.id, runs.running.id, runs.failed.id, runs.done.id]);
    const failed = JSON.parse((await weft(['flow-run', 'ls', '--state', 'failed,crashed', '--json'])).stdout);
    expect(failed.map((r: FlowRun) => r.id)).toEqual([runs.failed.id]);
    const other = await weft(['flow-run', 'ls', '--flow', 'cli-other', '--limit', '1', '--json']);
    expect(JSON.parse(other.stdout).map((r: FlowRun) => r.flowName)).toEqual(['cli-other']);
  });

  it('prints an aligned table for people', async () => {
    const { stdout, code } = await weft(['flow-run', 'ls', '--flow', 'cli-other']);
    expect(code).toBe(0);
    const [header, row, ...rest] = stdout.trimEnd().split('\n');
    expect(rest).toEqual([]);
    expect(header).toMatch(/^ID {36}NAME +FLOW +STATE +STARTED +DURATION$/);
    expect(row).toContain(runs.failed.id);
    expect(row).toMatch(/cli-other +FAILED +(just now|\d+s ago)/);
    expect(stdout).not.toContain('\u001b[');
  });

  it('inspects a run with its state history', async () => {
    const text = await weft(['flow-run', 'inspect', runs.done.id]);
    expect(text.stdout).toContain(`Name            ${runs.done.name}`);
    expect(text.stdout).toMatch(/State history\nTIME +STATE +MESSAGE\n.*PENDING\n.*RUNNING\n.*COMPLETED/);
    const json = JSON.parse((await weft(['flow-run', 'inspect', runs.done.id, '--json'])).stdout);
    expect(json.flowRun.id).toBe(runs.done.id);
    expect(json.states.map((s: State) => s.type)).toEqual(['PENDING', 'RUNNING', 'COMPLETED']);
  });

  it('fails with one clean line for an unknown run', async () => {
    const missing = await weft(['flow-run', 'inspect', uuid7()]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: Flow run [0-9a-f-]{36} not found\n$/);
  });

  it('prints logs, the first or last n, and JSON', async () => {
    const all = await weft(['flow-run', 'logs', runs.done.id]);
    expect(all.stdout).toBe(
      [
        '2026-01-10 12:00:01.000 | INFO     | weft.flow_run - first line',
        '2026-01-10 12:00:02.000 | WARNING  | weft.flow_run - second line',
        '2026-01-10 12:00:03.000 | ERROR    | weft.flow_run - third line',
        '',
      ].join('\n'),
    );
    const tail = JSON.parse((await weft(['flow-run', 'logs', runs.done.id, '--tail', '2', '--json'])).stdout);
    expect(tail.map((l: Log) => l.message)).toEqual(['second line', 'third line']);
    const head = await weft(['flow-run', 'logs', runs.done.id, '--head', '1']);
    expect(head.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(head.stdout).toContain('first line');
  });

  it('follows logs until the run reaches a terminal state', async () => {
    await client.logs.create.mutate([log(runs.followed.id, 'before follow', 1)]);
    const child = spawnCli(['flow-run', 'logs', runs.followed.id, '--follow'], {
      env: { WEFT_HOME: home.home, WEFT_API_URL: server.url },
    });
    const exited = waitForExit(child);
    await waitForOutput(child, /before follow/);
    await client.logs.create.mutate([log(runs.followed.id, 'while following', 2)]);
    await waitForOutput(child, /while following/);
    await client.flowRuns.setState.mutate({ id: runs.followed.id, state: { type: 'COMPLETED' } });
    const result = await exited;
    expect(result.code).toBe(0);
    expect(result.stdout.match(/ - (.*)$/gm)).toEqual([' - before follow', ' - while following']);
    expect(result.stderr).toContain(`Flow run '${runs.followed.name}' finished: COMPLETED.`);
  });

  it('cancels a running run and refuses a finished one', async () => {
    const cancel = await weft(['flow-run', 'cancel', runs.running.id]);
    expect(cancel.code).toBe(0);
    expect(cancel.stdout).toBe(`Flow run '${runs.running.name}' (${runs.running.id}) is now CANCELLING.\n`);
    expect((await client.flowRuns.read.query({ id: runs.running.id })).stateType).toBe('CANCELLING');

    const done = await weft(['flow-run', 'cancel', runs.done.id, '--json']);
    expect(done.code).toBe(1);
    expect(JSON.parse(done.stdout).status).toBe('ABORT');
    expect(done.stderr).toContain('is already COMPLETED; nothing to cancel.');
  });

  it('lists the task runs of a flow run', async () => {
    const json = JSON.parse((await weft(['task-run', 'ls', '--flow-run', runs.done.id, '--json'])).stdout);
    expect(json.map((t: { name: string }) => t.name).sort()).toEqual(['extract-0', 'load-0']);
    const table = await weft(['task-run', 'ls', '--flow-run', runs.failed.id]);
    expect(table.stdout).toBe('No task runs found.\n');
  });
});
