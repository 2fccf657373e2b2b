import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// style.md G1.4: the client imports `@weft/server/router`; neither its types nor its runtime may
// pull in the database layer. Walk every import (type or value) reachable from router.ts.

const SRC = dirname(fileURLToPath(import.meta.url));
const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/g;

function reachablePackages(entry: string): { files: string[]; packages: Set<string> } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (!specifier!.startsWith('.')) {
        packages.add(
          specifier!
            .split('/')
            .slice(0, specifier!.startsWith('@') ? 2 : 1)
            .join('/'),
        );
        continue;
      }
      const base = resolve(dirname(file), specifier!);
      const target = [`${base}.ts`, `${base}/index.ts`].find((candidate) => existsSync(candidate));
      if (target) queue.push(target);
    }
  }
  return { files: [...seen], packages };
}

describe('@weft/server/router', () => {
  it('reaches only @weft/schemas, @trpc/server and zod', () => {
    const { files, packages } = reachablePackages(resolve(SRC, 'router.ts'));
    expect(files.length).toBeGreaterThan(5);
    expect([...packages].sort()).toEqual(['@trpc/server', '@weft/schemas', 'zod']);
  });
});
