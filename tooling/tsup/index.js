// The one place that knows about tsup (see style.md G9): switching to tsdown is one file.
import { defineConfig } from 'tsup';

/**
 * Build a package to ESM + CJS + .d.ts from the given entry map.
 * @param {Record<string, string>} entry e.g. `{ index: 'src/index.ts', router: 'src/router.ts' }`
 * @param {{ esmOnly?: boolean, banner?: string, external?: string[] }} [options]
 */
export function definePackageConfig(entry, options = {}) {
  return defineConfig({
    entry,
    format: options.esmOnly ? ['esm'] : ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
    target: 'node20',
    platform: 'node',
    external: options.external,
    banner: options.banner ? { js: options.banner } : undefined,
  });
}
