import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWeftClient, type WeftClient } from '@weft/client';
import type { TaskRun } from '@weft/schemas';
import { createTestServer, type TestServer } from '@weft/server/internal';
import { createEngineSession, type EngineSession, setEngineSession } from '../config/engine-session';
import { readSettings } from '../config/settings';
import type { OrchestratorClient } from '../orchestrator';

/** A real server and an engine session wired to it, for one test file. @internal */
export interface TestEngine {
  client: WeftClient;
  session: EngineSession;
  server: TestServer;
  /** HTTP requests sent so far (only with `listen`). */
  httpRequests(): number;
  /** A fresh directory for results. */
  home: string;
  /** Every task run of a flow run, oldest first, after flushing the recorder. */
  taskRunsOf(flowRunId: string): Promise<TaskRun[]>;
  /** The names of a task run's states, oldest first. */
  stateNames(taskRunId: string): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Start a fresh in-memory server and make the engine record to it: in process, or over real HTTP
 * with `listen` (then requests are counted). @internal
 */
export async function startTestEngine(
  options: { listen?: boolean; recorder?: { intervalMs?: number; maxQueued?: number } } = {},
): Promise<TestEngine> {
  process.env.WEFT_LOGGING_TO_CONSOLE ??= 'false';
  const server = await createTestServer({ listen: options.listen ?? false });
  const home = await mkdtemp(join(tmpdir(), 'weft-engine-test-'));
  let requests = 0;
  const countingFetch: typeof fetch = (input, init) => {
    requests += 1;
    return fetch(input, init);
  };
  const client = server.url
    ? createWeftClient({ url: server.url, fetch: countingFetch })
    : createWeftClient({ server: server.server });
  const settings = { ...readSettings(), home, resultsPath: join(home, 'storage') };
  const session = createEngineSession({
    client: client as unknown as OrchestratorClient,
    settings,
    ...(options.recorder ? { recorder: options.recorder } : {}),
    logs: { intervalMs: 20 },
  });
  setEngineSession(session);
  return {
    client,
    session,
    server,
    home,
    httpRequests: () => requests,
    async taskRunsOf(flowRunId) {
      await session.flush();
      return client.taskRuns.list.query({
        filter: { flowRunId: { any: [flowRunId] } },
        sort: 'EXPECTED_START_TIME_ASC',
      });
    },
    async stateNames(taskRunId) {
      return (await client.taskRuns.states.query({ id: taskRunId })).map((s) => s.name);
    },
    async close() {
      await session.flush();
      setEngineSession(undefined);
      await server.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}
