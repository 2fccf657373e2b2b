import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createWeftClient, type WeftClient } from '@weft/client';
import { createTestServer, type TestServer } from '@weft/server/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../test-helpers/cli-process';
import { parseEntrypoint, parseRunParameters } from './run-params';

const FIXTURE = 'apps/cli/src/__fixtures__/flows.ts';

describe('run parameters', () => {
  it('parses --param values as JSON, else as strings, over --params', () => {
    expect(
      parseRunParameters('{"name":"bo","times":1,"keep":true}', [
        'times=3',
        'tags=["a"]',
        'note=hello world',
      ]),
    ).toEqual({ name: 'bo', times: 3, keep: true, tags: ['a'], note: 'hello world' });
    expect(parseRunParameters(undefined, ['quoted="3"', 'eq=a=b'])).toEqual({ quoted: '3', eq: 'a=b' });
  });

  it('rejects malformed input', () => {
    expect(() => parseRunParameters(undefined, ['novalue'])).toThrow(
      "--param expects key=value, got 'novalue'.",
    );
    expect(() => parseRunParameters('[1]', [])).toThrow('--params must be a JSON object');
    expect(() => parseRunParameters('{bad', [])).toThrow(/^--params is not valid JSON/);
  });

  it('splits file and flow at the last colon', () => {
    expect(parseEntrypoint('./flows.ts:etl')).toEqual({ file: './flows.ts', flowName: 'etl' });
    expect(parseEntrypoint('flows.ts')).toEqual({ file: 'flows.ts', flowName: undefined });
    expect(parseEntrypoint('C:\\work\\flows.ts:etl')).toEqual({
      file: 'C:\\work\\flows.ts',
      flowName: 'etl',
    });
  });
});

describe('weft run (subprocess, against a real server)', () => {
  let server: TestServer;
  let client: WeftClient;
  let home: Awaited<ReturnType<typeof tempHome>>;
  const weft = (args: string[]) =>
    runCli(['run', ...args], { env: { WEFT_HOME: home.home, WEFT_API_URL: server.url }, timeoutMs: 90_000 });

  beforeAll(async () => {
    home = await tempHome();
    server = await createTestServer({ listen: true });
    client = createWeftClient({ url: server.url! });
  });
  afterAll(async () => {
    await server?.close();
    await home?.cleanup();
  });

  it('runs a flow from a TypeScript file with --param, recording run, task runs and logs', async () => {
    const result = await weft([
      `${FIXTURE}:greet`,
      '--params',
      '{"name":"bo","times":1}',
      '--param',
      'times=2',
    ]);
    expect(result.stderr).toContain("Running flow 'greet'");
    expect(result.code).toBe(0);
    const match = result.stdout.match(
      /^Flow run '([a-z-]+)' \(([0-9a-f-]{36})\) of 'greet' finished: COMPLETED\n$/,
    );
    expect(match).not.toBeNull();
    const id = match![2]!;

    const run = await client.flowRuns.read.query({ id });
    expect(run).toMatchObject({ name: match![1], flowName: 'greet', stateType: 'COMPLETED' });
    expect(run.parameters).toEqual({ name: 'bo', times: 2 });
    const taskRuns = await client.taskRuns.list.query({ filter: { flowRunId: { any: [id] } } });
    expect(taskRuns).toHaveLength(1);
    expect(taskRuns[0]).toMatchObject({ name: expect.stringMatching(/^shout/), stateType: 'COMPLETED' });
    const logs = await client.logs.list.query({ filter: { flowRunId: { any: [id] } } });
    expect(logs.map((l) => l.message)).toEqual(
      expect.arrayContaining(['greeting 1: hello BO', 'greeting 2: hello BO']),
    );
  }, 120_000);

  it('exits 1 with the failure message when the flow fails (picked by flow name)', async () => {
    const result = await weft([`${FIXTURE}:always-fails`, '--json']);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ flow: 'always-fails', state: { type: 'FAILED' } });
    expect(result.stderr).toContain('error: Flow run encountered an exception: the flow broke on purpose');
    expect((await client.flowRuns.read.query({ id: json.flowRunId })).stateType).toBe('FAILED');
  }, 120_000);

  it('records to the server of the active profile (settings reach the engine)', async () => {
    const env = { WEFT_HOME: home.home };
    expect((await runCli(['config', 'set', `WEFT_API_URL=${server.url}`], { env })).code).toBe(0);
    const result = await runCli(
      ['run', `${FIXTURE}:greet`, '--param', 'name=pro', '--param', 'times=1', '--json'],
      {
        env,
        timeoutMs: 90_000,
      },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`recording to ${server.url}`);
    const { flowRunId } = JSON.parse(result.stdout);
    expect((await client.flowRuns.read.query({ id: flowRunId })).parameters).toEqual({
      name: 'pro',
      times: 1,
    });
  }, 120_000);

  it('lists the available flows when the name matches none, and runs nothing', async () => {
    const before = await client.flowRuns.count.query({});
    const result = await weft([`${FIXTURE}:greeet`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `error: No flow 'greeet' in ${FIXTURE}. Available flows: failing (flow 'always-fails'), greet.\n`,
    );
    const missingFile = await weft(['nope/flows.ts:etl']);
    expect(missingFile.stderr).toMatch(/\nerror: File not found: .*nope\/flows\.ts\n$/);
    expect(await client.flowRuns.count.query({})).toBe(before);
  }, 120_000);
});

describe('weft run without a server (ephemeral mode)', () => {
  let home: Awaited<ReturnType<typeof tempHome>>;
  beforeAll(async () => {
    home = await tempHome();
  });
  afterAll(() => home?.cleanup());

  it('runs on an embedded server in $WEFT_HOME/db and releases it', async () => {
    const result = await runCli(['run', `${FIXTURE}:greet`, '--param', 'name=solo', '--param', 'times=1'], {
      env: { WEFT_HOME: home.home },
      timeoutMs: 150_000,
    });
    expect(result.stderr).toContain('recording to an embedded server');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Flow run '[a-z-]+' \([0-9a-f-]{36}\) of 'greet' finished: COMPLETED\n$/);
    expect(existsSync(join(home.home, 'db'))).toBe(true);
    expect(existsSync(join(home.home, 'db', 'weft-server.json'))).toBe(false);
  }, 180_000);
});
