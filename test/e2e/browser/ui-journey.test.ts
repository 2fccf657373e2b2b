import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flow, flushEngine, getRunLogger, task } from '@weft/engine';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { launchBrowser, type TestBrowser } from './launch-browser';
import { saveScreenshot } from './screenshots';
import { startUiServer, type UiServer } from './ui-server';

// Issue 5's proof: a server on the test database serving the built UI; a flow whose second task
// fails, and a served deployment. In Chromium: the failed run on the dashboard, its graph with the
// failing task, that task's logs, then the deployment run from its generated form with edited
// parameters until the new run completes. `WEFT_SCREENSHOTS=1` saves the README screenshots.
let browser: TestBrowser;
let ui: UiServer;
let home: string;
let served: { stop(): Promise<void> } | undefined;

const extractRows = task({ name: 'extract-rows' }, async (count: number) => {
  getRunLogger().info(`extracted ${count} rows`);
  return Array.from({ length: count }, (_, i) => i + 1);
});
const loadWarehouse = task({ name: 'load-warehouse' }, async (rows: number[]) => {
  getRunLogger().error(`the warehouse refused ${rows.length} rows: disk quota exceeded`);
  throw new Error('warehouse refused the load');
});
const nightlyEtl = flow({ name: 'nightly-etl' }, async (count: number) => {
  const rows = await extractRows(count);
  await loadWarehouse(rows);
});

const greet = flow(
  {
    name: 'greet',
    parameters: z.object({
      name: z.string().min(1).default('world'),
      times: z.number().int().min(1).max(5).default(1),
    }),
  },
  async ({ name, times }) => {
    getRunLogger().info(`greeting ${name} ${times} time(s)`);
    return Array.from({ length: times }, () => `hello ${name}`).join(' ');
  },
);

beforeAll(async () => {
  [browser, ui] = await Promise.all([launchBrowser(), startUiServer()]);
  home = mkdtempSync(join(tmpdir(), 'weft-e2e-ui-'));
  // The engine in this process records its runs to the server under test.
  process.env.WEFT_API_URL = ui.url;
  process.env.WEFT_HOME = home;
  served = await greet.serve({ name: 'hello', handleSignals: false, log: () => undefined });
});

afterAll(async () => {
  await served?.stop();
  await flushEngine();
  await browser?.close();
  await ui?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  (page as Page & { errors?: string[] }).errors = errors;
  await page.goto(`${ui.url}${path}`);
  return page;
}

const pageErrors = (page: Page) => (page as Page & { errors?: string[] }).errors ?? [];

describe('the web UI, end to end', { timeout: 180_000 }, () => {
  let failedRunId = '';

  it('shows the failed run on the dashboard, its graph and the failing task’s logs', async () => {
    const outcome = await nightlyEtl.returnState(3);
    expect(outcome.state.type).toBe('FAILED');
    failedRunId = outcome.flowRunId;
    await flushEngine();
    const failedRun = await ui.client.flowRuns.read.query({ id: failedRunId });

    const page = await open('/');
    const failed = page.getByTestId('dashboard-failed-runs');
    await failed.getByText(failedRun.name).waitFor();
    // The chart's bars load after the page (recharts is its own chunk).
    await page.locator('[data-testid="run-history-chart"] .recharts-surface').waitFor();
    await saveScreenshot(page, 'dashboard');

    await failed.getByRole('link', { name: failedRun.name }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/runs/flow-run/${failedRunId}`);
    await expect.poll(() => page.getByTestId('flow-run-state').first().textContent()).toMatch(/failed/i);

    // The graph: both tasks, the second one failed, with an edge from the first.
    const nodes = page.getByTestId('graph-node');
    await expect.poll(() => nodes.count()).toBe(2);
    const failedNode = page.locator('[data-testid="graph-node"][data-state-type="FAILED"]');
    await expect.poll(() => failedNode.textContent()).toContain('load-warehouse');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);
    await saveScreenshot(page, 'flow-run-graph');

    // The failing task's logs, found with the level filter and the search.
    await page.getByRole('tab', { name: 'Logs' }).click();
    const lines = page.getByTestId('log-line');
    await lines.filter({ hasText: 'disk quota exceeded' }).waitFor();
    // The error message shows in four lines (the log, the task's and the flow's final states, the
    // flow's exception); the search narrows to the one the task logged.
    await page.getByLabel('Search logs').fill('warehouse refused');
    await expect.poll(() => lines.count()).toBe(4);
    await page.getByLabel('Search logs').fill('disk quota');
    await expect.poll(() => lines.count()).toBe(1);
    expect(await lines.first().textContent()).toContain('ERROR');
    await saveScreenshot(page, 'flow-run-logs');
    expect(pageErrors(page)).toEqual([]);
  });

  it('runs the deployment from its generated form with edited parameters, and the run completes', async () => {
    const page = await open('/deployments');
    await page.getByRole('link', { name: /hello/ }).first().click();
    await page.getByTestId('deployment-run-button').click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/deployments\/[^/]+\/run$/);

    // An invalid value is refused before submit; then the edited values are sent.
    const times = page.getByLabel('times', { exact: false }).first();
    await times.fill('9');
    await page.getByTestId('schema-form-submit').click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/\/run$/);
    await times.fill('2');
    await page.getByLabel('name', { exact: false }).first().fill('Ada');
    await saveScreenshot(page, 'deployment-run-form');
    await page.getByTestId('schema-form-submit').click();

    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toMatch(/^\/runs\/flow-run\//);
    const runId = new URL(page.url()).pathname.split('/').at(-1)!;
    await expect
      .poll(() => page.getByTestId('flow-run-state').first().textContent(), { timeout: 30_000 })
      .toMatch(/completed/i);
    const run = await ui.client.flowRuns.read.query({ id: runId });
    expect(run.parameters).toEqual({ name: 'Ada', times: 2 });
    expect(run.stateType).toBe('COMPLETED');
    await saveScreenshot(page, 'flow-run-completed');
    expect(pageErrors(page)).toEqual([]);
  });

  it('lists the runs with their states: the failed one and the deployment run', async () => {
    const page = await open('/runs');
    const rows = page.getByTestId('flow-run-row');
    await rows.first().waitFor();
    const failedRun = await ui.client.flowRuns.read.query({ id: failedRunId });
    await rows.filter({ hasText: failedRun.name }).waitFor();
    await rows.filter({ hasText: 'hello' }).waitFor(); // the deployment run's row names its deployment
    await saveScreenshot(page, 'runs');
    expect(pageErrors(page)).toEqual([]);
  });

  it('shows the other main pages (screenshots for the README)', async () => {
    await ui.client.workPools.create.mutate({ name: 'local', type: 'process', concurrencyLimit: 4 });
    for (const [path, name, ready] of [
      ['/deployments', 'deployments', 'hello'],
      ['/flows', 'flows', 'nightly-etl'],
      ['/blocks/catalog', 'blocks-catalog', 'Secret'],
      ['/work-pools', 'work-pools', 'local'],
    ] as const) {
      const page = await open(path);
      if (ready) await page.getByText(ready).first().waitFor();
      else await page.waitForLoadState('networkidle');
      await saveScreenshot(page, name);
      expect(pageErrors(page), path).toEqual([]);
    }
    const page = await open('/');
    await page.getByTestId('theme-toggle').click();
    await page.locator('[data-testid="run-history-chart"] .recharts-surface').waitFor();
    await page.mouse.move(600, 500); // away from the toggle's tooltip
    await saveScreenshot(page, 'dashboard-dark');
  });
});
