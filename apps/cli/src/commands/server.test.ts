import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli, tempHome, waitForExit, waitForOutput } from '../test-helpers/cli-process';

let home: Awaited<ReturnType<typeof tempHome>>;
beforeAll(async () => {
  home = await tempHome();
});
afterAll(() => home?.cleanup());

const UI_INDEX = '<!doctype html><title>Weft UI from WEFT_UI_DIR</title>';
const html = { headers: { Accept: 'text/html' } };

describe('weft server (subprocess)', () => {
  it('serves on a PGlite dir with the UI, refuses a second server on it, and stops on SIGTERM', async () => {
    const uiDir = join(home.home, 'ui-build');
    mkdirSync(uiDir);
    writeFileSync(join(uiDir, 'index.html'), UI_INDEX);
    const env = { WEFT_HOME: home.home, WEFT_UI_DIR: uiDir };
    const first = spawnCli(['server', 'start', '--port', '0'], { env });
    const exited = waitForExit(first, 120_000);
    try {
      const [, url] = await waitForOutput(first, /listening on (http:\/\/\S+)\n/, 90_000);
      const health = await fetch(`${url}/health`);
      expect(await health.json()).toEqual({ status: 'ok' });
      expect(await (await fetch(`${url}/`, html)).text()).toBe(UI_INDEX);
      expect(await (await fetch(`${url}/runs/flow-run/some-id`, html)).text()).toBe(UI_INDEX);
      const lockFile = join(home.home, 'db', 'weft-server.json');
      expect(existsSync(lockFile)).toBe(true);

      const second = await runCli(['server', 'start', '--port', '0'], { env, timeoutMs: 90_000 });
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(
        `error: The database at ${join(home.home, 'db')} is in use by a Weft server (pid ${first.pid}, ${url}).`,
      );

      // The CLI follows the lock to nothing: its own commands talk to WEFT_API_URL.
      const version = await runCli(['version', '--json', '--api-url', url!], { env });
      expect(JSON.parse(version.stdout).server).toMatchObject({ url, reachable: true, apiVersion: '0.1.0' });

      first.kill('SIGTERM');
      const result = await exited;
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(
        `Weft server listening on ${url}\nWeft UI: ${url}\nDatabase: pglite ${join(home.home, 'db')}\n`,
      );
      expect(result.stderr).toContain('Received SIGTERM; shutting down…');
      expect(result.stderr).toContain('Server stopped.');
      expect(existsSync(lockFile)).toBe(false);
    } finally {
      if (first.exitCode === null) first.kill('SIGKILL');
    }
  }, 240_000);

  it('serves no UI with --no-ui, and says how to build a missing one', async () => {
    const env = { WEFT_HOME: home.home, WEFT_UI_DIR: join(home.home, 'no-ui-here') };
    const bare = spawnCli(['server', 'start', '--port', '0', '--no-ui'], { env });
    const bareExit = waitForExit(bare, 120_000);
    try {
      const [, url] = await waitForOutput(bare, /listening on (http:\/\/\S+)\n/, 90_000);
      expect((await fetch(`${url}/`, html)).status).toBe(404);
      bare.kill('SIGTERM');
      const result = await bareExit;
      expect(result.stdout).not.toContain('Weft UI');
      expect(result.stderr).not.toContain('not built');
    } finally {
      if (bare.exitCode === null) bare.kill('SIGKILL');
    }

    const unbuilt = spawnCli(['server', 'start', '--port', '0'], { env });
    const unbuiltExit = waitForExit(unbuilt, 120_000);
    try {
      const [, url] = await waitForOutput(unbuilt, /listening on (http:\/\/\S+)\n/, 90_000);
      const page = await fetch(`${url}/`, html);
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('pnpm --filter @weft/ui build');
      expect((await fetch(`${url}/health`)).status).toBe(200);
      unbuilt.kill('SIGTERM');
      const result = await unbuiltExit;
      expect(result.stdout).toContain(
        'Weft UI: not built (run `pnpm --filter @weft/ui build`); the API works\n',
      );
      expect(result.stderr).toContain(`WARN The web UI is not built: no index.html in ${env.WEFT_UI_DIR}.`);
    } finally {
      if (unbuilt.exitCode === null) unbuilt.kill('SIGKILL');
    }
  }, 240_000);

  it('resets only with --yes when it cannot ask, and upgrades', async () => {
    const env = { WEFT_HOME: home.home };
    const dataDir = join(home.home, 'db');
    const refused = await runCli(['server', 'database', 'reset'], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `error: Reset the database at pglite ${dataDir}? This deletes all data. Pass --yes to confirm.\n`,
    );
    const reset = await runCli(['server', 'database', 'reset', '--yes'], { env, timeoutMs: 90_000 });
    expect(reset.stderr).toContain('Resetting the database');
    expect(reset.stdout).toBe(`Database reset: pglite ${dataDir}\n`);
    const upgrade = await runCli(['server', 'database', 'upgrade'], { env, timeoutMs: 90_000 });
    expect(upgrade.stdout).toBe(`Database upgraded: pglite ${dataDir}\n`);
    expect(upgrade.code).toBe(0);
  }, 200_000);
});
