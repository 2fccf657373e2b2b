import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** Where README screenshots live. */
export const SCREENSHOTS_DIR = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

/** Whether this run refreshes the screenshots (`WEFT_SCREENSHOTS=1`); CI leaves the tree clean. */
export const takeScreenshots = process.env.WEFT_SCREENSHOTS === '1';

/**
 * Save `docs/screenshots/<name>.png` of the page, only when `WEFT_SCREENSHOTS=1`.
 * @returns the file written, or undefined when screenshots are off
 */
export async function saveScreenshot(page: Page, name: string): Promise<string | undefined> {
  if (!takeScreenshots) return undefined;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`Screenshot names are kebab-case (got ${name})`);
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
