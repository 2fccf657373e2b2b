import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWeftClient } from '@weft/client';
import { createTestServer, type TestServer } from '@weft/server/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineSession, type EngineSession, setEngineSession } from '../config/engine-session';
import { readSettings } from '../config/settings';
import type { OrchestratorClient } from '../orchestrator';
import { task } from '../tasks/task';
import { flow } from './flow';

let server: TestServer;
let session: EngineSession;
let home: string;
const calls: string[] = [];

beforeAll(async () => {
  process.env.WEFT_LOGGING_TO_CONSOLE ??= 'false';
  server = await createTestServer({ listen: true });
  home = await mkdtemp(join(tmpdir(), 'weft-round-trips-'));
  const recordingFetch: typeof fetch = (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    calls.push(url.pathname.replace('/api/', ''));
    return fetch(input, init);
  };
  const client = createWeftClient({ url: server.url!, fetch: recordingFetch });
  session = createEngineSession({
    client: client as unknown as OrchestratorClient,
    settings: { ...readSettings(), home, resultsPath: join(home, 'storage') },
    // Background recording never in the way of counting a flow run's own calls.
    recorder: { intervalMs: 60_000, maxQueued: 100_000 },
    logs: { intervalMs: 60_000 },
  });
  setEngineSession(session);
});
afterAll(async () => {
  await session?.flush();
  setEngineSession(undefined);
  await server?.close();
  await rm(home, { recursive: true, force: true });
});

describe('round trips of a flow run', () => {
  it('takes two calls for a one-task flow run once its flow is known', async () => {
    const one = task({ name: 'rt-one' }, async () => 1);
    const single = flow({ name: 'rt-single', flowRunName: 'rt-{n}' }, async (n: number) => (await one()) + n);
    expect(await single(1)).toBe(2);
    calls.length = 0;
    expect(await single(2)).toBe(3);
    expect(calls).toEqual(['flowRuns.create', 'flowRuns.setState']);
    await session.flush();
    // The task run and its states went with the final state: only the logs are left to send.
    expect(calls.slice(2)).toEqual(['logs.create']);
  });
});
