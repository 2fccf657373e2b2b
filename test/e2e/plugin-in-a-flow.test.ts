import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWeftClient, type WeftClient } from '@weft/client';
import { blockOf, flow, flushEngine, getRunLogger, pluginTask } from '@weft/engine';
import { greeting, sendGreeting } from '@weft/examples/plugins/greetings';
import { createTestServer, type TestServer } from '@weft/server/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weft } from './weft-process';

// Issue 4's sample plugin used end to end: registered with `weft block register --plugin`, a
// document saved through the engine (validated by the plugin's zod schema), then loaded in a flow
// whose task is the plugin's own task — and the secret token never reaches the run's logs.
let server: TestServer;
let client: WeftClient;
let home: string;
const TOKEN = 'plugin-e2e-token-5f1c';

beforeAll(async () => {
  server = await createTestServer({ listen: true });
  client = createWeftClient({ url: server.url! });
  home = mkdtempSync(join(tmpdir(), 'weft-e2e-plugin-'));
  // The engine in this process records to the test server.
  process.env.WEFT_API_URL = server.url!;
  process.env.WEFT_HOME = home;
});

afterAll(async () => {
  await flushEngine();
  await server?.close();
  rmSync(home, { recursive: true, force: true });
});

describe('the greetings plugin in a flow', { timeout: 120_000 }, () => {
  it('registers, saves a block, and runs the plugin task with it inside a flow', async () => {
    const registered = await weft(
      ['block', 'register', '--plugin', 'apps/examples/src/plugins/greetings/index.ts', '--json'],
      { WEFT_API_URL: server.url!, WEFT_HOME: home },
    );
    expect(registered.code, registered.stderr).toBe(0);
    expect(JSON.parse(registered.stdout).blockTypes).toMatchObject([{ slug: 'greeting', status: 'created' }]);

    const greetings = blockOf(greeting);
    await expect(greetings.save('ops', { token: '' })).rejects.toThrow(/token/);
    await greetings.save('ops', { token: TOKEN, greeting: 'Hi' });

    const send = pluginTask(sendGreeting, { retries: 1 });
    const greet = flow({ name: 'greet-with-plugin' }, async (to: string) => {
      const block = await greetings.load('ops');
      getRunLogger().info(`greeting ${to} through ${block.ref}`);
      return send(block.data, to);
    });
    const outcome = await greet.returnState('Ada');
    expect(outcome.state.type).toBe('COMPLETED');
    expect(await outcome.result()).toEqual({ to: 'Ada', text: 'Hi, Ada!' });
    await flushEngine();

    const tasks = await client.taskRuns.list.query({ filter: { flowRunId: { any: [outcome.flowRunId] } } });
    // One task run, named after the plugin task (plus the engine's short run suffix).
    expect(tasks.map((t) => t.stateType)).toEqual(['COMPLETED']);
    expect(tasks[0]?.name).toMatch(/^send-greeting-[0-9a-z]+$/);
    const logs = await client.logs.list.query({ filter: { flowRunId: { any: [outcome.flowRunId] } } });
    expect(logs.map((l) => l.message)).toContain('greeting Ada through greeting/ops');
    expect(JSON.stringify(logs)).not.toContain(TOKEN);
    const stored = await client.blockDocuments.readByName.query({ name: 'greeting/ops' });
    expect(JSON.stringify(stored)).not.toContain(TOKEN);
  });
});
