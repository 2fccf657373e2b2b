import { readFileSync } from 'node:fs';

/**
 * The CLI's version, read from its package.json (one level above both `src/` and `dist/`).
 * @internal
 */
export function cliVersion(): string {
  const url = new URL('../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}
