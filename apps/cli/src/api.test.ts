import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempHome } from './test-helpers/cli-process';

let home: Awaited<ReturnType<typeof tempHome>>;
beforeAll(async () => {
  home = await tempHome();
});
afterAll(() => home?.cleanup());

/** A port nothing listens on: bind port 0, note it, close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

describe('reaching the server (subprocess)', { timeout: 90_000 }, () => {
  it('names the configured URL and its source when nothing answers', async () => {
    const port = await closedPort();
    const result = await runCli(['task-run', 'ls'], {
      env: { WEFT_HOME: home.home, WEFT_API_URL: `http://127.0.0.1:${port}/api` },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: Cannot reach the Weft server at http://127.0.0.1:${port} (WEFT_API_URL in the environment): ECONNREFUSED.\n`,
    );
  });

  it('rejects a malformed URL before making any request', async () => {
    const result = await runCli(['flow-run', 'ls'], {
      env: { WEFT_HOME: home.home, WEFT_API_URL: 'localhost:4200' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "error: Invalid WEFT_API_URL (from env): must be an http(s) URL, got 'localhost:4200'.\n",
    );
  });

  it('suggests starting a server when no URL is configured and the default does not answer', async () => {
    const result = await runCli(['flow-run', 'ls'], { env: { WEFT_HOME: home.home } });
    // Another process on this machine may serve the default port; then the CLI must have used it.
    if (await answers('http://127.0.0.1:4200/health')) {
      expect(result.stderr).not.toContain('No Weft server');
      return;
    }
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: No Weft server at http://127.0.0.1:4200. Start one with `weft server start` or set WEFT_API_URL.\n',
    );
  });

  it('reports versions even without a server', async () => {
    const port = await closedPort();
    const result = await runCli(['version', '--json', '--api-url', `http://127.0.0.1:${port}`], {
      env: { WEFT_HOME: home.home },
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      version: '0.1.0',
      apiVersion: '0.1.0',
      server: { url: `http://127.0.0.1:${port}`, reachable: false },
    });
  });
});
