import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from './testing/test-engine';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine({ listen: true });
});
afterAll(() => t?.close());

const script = fileURLToPath(new URL('./testing/fixtures/long-flow.ts', import.meta.url));
const afterRun = fileURLToPath(new URL('./testing/fixtures/signal-after-run.ts', import.meta.url));

/** Start the flow script in a real child process; resolves once its flow run is running. */
function startChild() {
  const child = spawn(process.execPath, ['--conditions=dev-source', '--import', 'tsx', script], {
    env: { ...process.env, WEFT_API_URL: t.server.url, WEFT_HOME: t.home, WEFT_LOGGING_TO_CONSOLE: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => {
    err += String(d);
  });
  const started = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += String(d);
      const match = /started ([0-9a-f-]{36})/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`child exited early (${code}): ${err}`)));
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, started, exited, output: () => out };
}

describe('signals', () => {
  it('leaves a run Crashed when its process gets SIGTERM', async () => {
    const { child, started, exited, output } = startChild();
    const flowRunId = await started;
    expect((await t.client.flowRuns.read.query({ id: flowRunId })).stateType).toBe('RUNNING');
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 143, signal: null });
    const run = await t.client.flowRuns.read.query({ id: flowRunId });
    expect(run.stateType).toBe('CRASHED');
    expect(run.state?.message).toBe('Execution was aborted by a termination signal.');
    expect(output()).toContain('hook:crashed');
    const taskRuns = await t.client.taskRuns.list.query({ filter: { flowRunId: { any: [flowRunId] } } });
    const byName = Object.fromEntries(taskRuns.map((r) => [r.name.split('-')[0], r.stateType]));
    expect(byName).toEqual({ step: 'COMPLETED', forever: 'CRASHED' });
  }, 60_000);

  it('leaves a run Cancelled when a cancel was asked before the signal', async () => {
    const { child, started, exited, output } = startChild();
    const flowRunId = await started;
    await t.client.flowRuns.setState.mutate({ id: flowRunId, state: { type: 'CANCELLING' } });
    child.kill('SIGINT');
    expect((await exited).code).toBe(130);
    const run = await t.client.flowRuns.read.query({ id: flowRunId });
    expect(run.stateType).toBe('CANCELLED');
    expect(output()).toContain('hook:cancelled');
  }, 60_000);

  it.each([
    ['ends the process as if nothing listened', {}, { code: null, signal: 'SIGTERM' }, ''],
    [
      'leaves it to the program that listens',
      { OWN_HANDLER: '1' },
      { code: 0, signal: null },
      'own handler\n',
    ],
  ])(
    'after the last run ended, a signal %s',
    async (_, env, exit, out) => {
      const child = spawn(process.execPath, ['--conditions=dev-source', '--import', 'tsx', afterRun], {
        env: {
          ...process.env,
          ...env,
          WEFT_API_URL: t.server.url,
          WEFT_HOME: t.home,
          WEFT_LOGGING_TO_CONSOLE: 'false',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let stdout = '';
      child.stdout.on('data', (d) => {
        stdout += String(d);
      });
      const exited = await new Promise((resolve) =>
        child.on('exit', (code, signal) => resolve({ code, signal })),
      );
      expect(exited).toEqual(exit);
      expect(stdout).toBe(out);
    },
    60_000,
  );
});
