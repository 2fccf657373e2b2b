// The one place that knows about tsup (see style.md G9): switching to tsdown is one file.
import { resolve } from 'node:path';
import { defineConfig } from 'tsup';

/**
 * Build a package to ESM + CJS + .d.ts from the given entry map.
 * @param {Record<string, string>} entry e.g. `{ index: 'src/index.ts', router: 'src/router.ts' }`
 * @param {{ esmOnly?: boolean, banner?: string, external?: string[], inlineTypes?: Record<string, string> }} [options]
 *   `inlineTypes` maps an import specifier to the source file whose declarations are bundled into
 *   this package's `.d.ts` instead of being imported: `{ '@weft/server/router': '../server/src/router.ts' }`
 *   (paths relative to the package). The client uses it so its users need not install the server.
 */
export function definePackageConfig(entry, options = {}) {
  return defineConfig({
    entry,
    format: options.esmOnly ? ['esm'] : ['esm', 'cjs'],
    dts: options.inlineTypes ? { compilerOptions: { paths: toPaths(options.inlineTypes) } } : true,
    sourcemap: true,
    clean: true,
    treeshake: true,
    target: 'node20',
    platform: 'node',
    external: options.external,
    banner: options.banner ? { js: options.banner } : undefined,
  });
}

// rollup-plugin-dts inlines modules TypeScript resolves outside node_modules, so a `paths` entry
// pointing at the workspace source turns the import into bundled declarations. tsup's own
// `dts.resolve` cannot do this: its resolver ignores `exports` maps, so subpaths stay external.
function toPaths(inlineTypes) {
  return Object.fromEntries(
    Object.entries(inlineTypes).map(([specifier, file]) => [specifier, [resolve(process.cwd(), file)]]),
  );
}
