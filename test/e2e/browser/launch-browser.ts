import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Where the browser tests find Chromium: `WEFT_CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  const path = process.env.WEFT_CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `No Chromium at ${path}. Install it (Debian: apt-get install -y chromium; .ci/run does this) or set WEFT_CHROMIUM_PATH.`,
    );
  }
  return path;
}

/** Headless, and quiet apart from the page under test: no sandbox (root in CI), no GPU, no phoning home. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A headless Chromium for one test file. */
export interface TestBrowser {
  browser: Browser;
  /** A page in a fresh context: its own local storage, so no API key or theme carries over. */
  newPage(): Promise<Page>;
  /** Close every context and the browser. */
  close(): Promise<void>;
}

/**
 * Launch headless Chromium. Playwright gives each launch a fresh temporary user-data dir and
 * removes it on close, so nothing carries over between test files.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return {
    browser,
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      // Fail a wait with Playwright's own message (what it waited for) well before vitest's timeout.
      context.setDefaultTimeout(10_000);
      return context.newPage();
    },
    async close() {
      await Promise.all(browser.contexts().map((context) => context.close()));
      await browser.close();
    },
  };
}
