import { createWeftClient, type WeftClient } from '@weft/client';
import { createTestServer, type TestServer } from '@weft/server/internal';
import { afterAll, beforeAll, expect } from 'vitest';
import { tempHome } from './cli-process';
import { type InProcessResult, runInProcess } from './run-in-process';

/** A real server over HTTP and a fresh `WEFT_HOME`, for in-process `weft` command tests. */
export interface CliApiTest {
  readonly server: TestServer;
  /** A typed client of the server, to arrange and check state. */
  readonly client: WeftClient;
  /** The temporary `WEFT_HOME` of the commands (removed afterwards). */
  readonly home: string;
  /** `weft <args>` against the server. */
  weft(args: string[]): Promise<InProcessResult>;
  /** `weft <args> --json`, expected to succeed, parsed. */
  json<T>(args: string[]): Promise<T>;
}

/**
 * Start a test server (and a temporary `WEFT_HOME`) before the file's tests and stop it after;
 * call at the top level of a test file.
 * @example
 * const cli = useCliApiTest();
 * it('lists', async () => expect((await cli.weft(['variable', 'ls'])).code).toBe(0));
 */
export function useCliApiTest(): CliApiTest {
  let server: TestServer | undefined;
  let client: WeftClient | undefined;
  let home: Awaited<ReturnType<typeof tempHome>> | undefined;
  beforeAll(async () => {
    home = await tempHome();
    server = await createTestServer({ listen: true });
    client = createWeftClient({ url: server.url! });
  });
  afterAll(async () => {
    await server?.close();
    await home?.cleanup();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useCliApiTest: the server starts in beforeAll');
    return value;
  };
  const weft = (args: string[]) =>
    runInProcess(args, { WEFT_HOME: started(home).home, WEFT_API_URL: started(server).url });
  return {
    get server() {
      return started(server);
    },
    get client() {
      return started(client);
    },
    get home() {
      return started(home).home;
    },
    weft,
    async json<T>(args: string[]): Promise<T> {
      const r = await weft([...args, '--json']);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as T;
    },
  };
}
