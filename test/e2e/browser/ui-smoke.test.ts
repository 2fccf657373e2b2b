import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from './launch-browser';
import { startUiServer, type UiServer } from './ui-server';

// The built UI in real Chromium against a real server: the frame, deep links through the
// index.html fallback, the not-found page, the theme and the API-key gate.
let browser: TestBrowser;
let ui: UiServer;

beforeAll(async () => {
  [browser, ui] = await Promise.all([launchBrowser(), startUiServer()]);
});
afterAll(async () => {
  await browser?.close();
  await ui?.close();
});

const colorScheme = (page: Page) => page.locator('html').getAttribute('data-mantine-color-scheme');

/** Enter a key in the gate; resolves with the status of the reloaded page's first API answer. */
async function submitKey(page: Page, key: string): Promise<number> {
  await page.getByLabel('API key').fill(key);
  const answer = page.waitForResponse((r) => r.url().includes('/api/') && r.url().includes('admin.version'));
  await page.getByRole('button', { name: 'Continue' }).click();
  const status = (await answer).status();
  await page.waitForLoadState('networkidle');
  return status;
}

describe('the web UI in Chromium', () => {
  it('loads the dashboard with its title and navigation', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${ui.url}/`);
    expect(await page.title()).toBe('Weft');
    const nav = page.getByRole('navigation');
    for (const label of ['Dashboard', 'Runs', 'Flows', 'Deployments', 'Work pools', 'Blocks']) {
      await nav.getByRole('link', { name: label }).waitFor();
    }
    expect(await nav.getByRole('link', { name: 'Dashboard' }).getAttribute('data-active')).toBe('true');
    expect(errors).toEqual([]);
  });

  it('opens a deep link to /runs through the index.html fallback', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${ui.url}/runs`);
    expect(response?.status()).toBe(200);
    const runs = page.getByRole('navigation').getByRole('link', { name: 'Runs' });
    await expect.poll(() => runs.getAttribute('data-active')).toBe('true');
    expect(new URL(page.url()).pathname).toBe('/runs');
  });

  it('shows the not-found page for an unknown client route', async () => {
    const page = await browser.newPage();
    await page.goto(`${ui.url}/no/such/page`);
    await page.getByText('Nothing here').waitFor();
    await page.getByRole('link', { name: 'Back to the dashboard' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
  });

  it('flips the light/dark theme with the toggle', async () => {
    const page = await browser.newPage();
    await page.goto(`${ui.url}/`);
    const toggle = page.getByTestId('theme-toggle');
    await toggle.waitFor();
    const before = await colorScheme(page);
    expect(['light', 'dark']).toContain(before);
    await toggle.click();
    await expect.poll(() => colorScheme(page)).toBe(before === 'dark' ? 'light' : 'dark');
    await toggle.click();
    await expect.poll(() => colorScheme(page)).toBe(before);
  });
});

describe('the web UI on a server with an API key', () => {
  let keyed: UiServer;
  beforeAll(async () => {
    keyed = await startUiServer({ apiKey: 'browser-secret' });
  });
  afterAll(() => keyed?.close());

  it('asks for the key, keeps asking for a wrong one, and shows the app for the right one', async () => {
    const page = await browser.newPage();
    await page.goto(`${keyed.url}/runs`);
    const gate = page.getByText('This server needs an API key');
    await gate.waitFor();
    expect(await submitKey(page, 'wrong-key')).toBe(401);
    await gate.waitFor();
    expect(await submitKey(page, 'browser-secret')).toBe(200);
    expect(await gate.count()).toBe(0);
    await page.getByRole('navigation').getByRole('link', { name: 'Runs' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/runs');
    const { origins } = await page.context().storageState();
    expect(origins.flatMap((origin) => origin.localStorage)).toContainEqual({
      name: 'weft.apiKey',
      value: 'browser-secret',
    });
  });
});
