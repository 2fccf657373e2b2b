import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createWeftClient, type WeftClient } from '@weft/client';
import { createTestServer, type TestServerOptions } from '@weft/server/internal';

/** A real Weft server serving the built UI, for browser tests. */
export interface UiServer {
  /** The base URL of the UI and of the API (`<url>/api`). */
  url: string;
  /** A client on the same server (with the API key, if any), to seed data. */
  client: WeftClient;
  close(): Promise<void>;
}

/**
 * The UI build to test: `WEFT_UI_DIR` (as for `weft server start`), else `uiAssetsDir` of
 * `@weft/ui`, the build `weft server start` serves. The test workspace reaches `@weft/ui` through
 * the CLI that depends on it.
 */
async function uiAssetsDir(): Promise<string> {
  const require = createRequire(import.meta.url);
  const fromCli = createRequire(require.resolve('@weft/cli/package.json'));
  const ui = process.env.WEFT_UI_DIR
    ? { uiAssetsDir: resolve(process.env.WEFT_UI_DIR) }
    : ((await import(pathToFileURL(fromCli.resolve('@weft/ui')).href)) as { uiAssetsDir: string });
  if (!existsSync(join(ui.uiAssetsDir, 'index.html'))) {
    throw new Error(
      `The web UI is not built (no ${join(ui.uiAssetsDir, 'index.html')}): run pnpm --filter @weft/ui build first`,
    );
  }
  return ui.uiAssetsDir;
}

/**
 * Start a server on the test database (`WEFT_TEST_DB`: PGlite, or a fresh Postgres database) that
 * serves the built UI on a free port of 127.0.0.1.
 * @example
 * const ui = await startUiServer();
 * await page.goto(`${ui.url}/runs`);
 * await ui.close();
 */
export async function startUiServer(
  options: Pick<TestServerOptions, 'apiKey' | 'clock'> = {},
): Promise<UiServer> {
  const assetsDir = await uiAssetsDir();
  const server = await createTestServer(options);
  try {
    const { url } = await server.server.listen({ port: 0, ui: { assetsDir } });
    return {
      url,
      client: createWeftClient({ url, ...(options.apiKey ? { apiKey: options.apiKey } : {}) }),
      close: () => server.close(),
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}
