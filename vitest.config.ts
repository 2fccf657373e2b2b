import { defineConfig } from 'vitest/config';

// Tests run on the packages' TypeScript source through the `dev-source` export condition, so no
// build is needed between packages (style.md G9).
const conditions = ['dev-source', 'module', 'node', 'import', 'default'];
// Vitest also hands the SSR conditions to its worker processes as `node --conditions`, where
// `import`/`module` make CommonJS `require()` pick ESM builds (pg's `require('pg-pool')` then gets
// a module namespace and fails). Vite adds `import`/`require` by import kind on its own.
const ssrConditions = ['dev-source', 'node'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions: ssrConditions, externalConditions: ['dev-source'] } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    projects: [
      { extends: true, test: { name: 'schemas', include: ['packages/schemas/src/**/*.test.ts'] } },
      // biome-ignore format: one project per line
      { extends: true, test: { name: 'plugin', include: ['packages/plugin/src/**/*.test.ts', 'apps/examples/src/plugins/**/*.test.ts'] } },
      { extends: true, test: { name: 'server', include: ['packages/server/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'client', include: ['packages/client/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'engine', include: ['packages/engine/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'cli', include: ['apps/cli/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'ui', include: ['packages/ui/src/**/*.test.ts'] } },
      // expect.poll waits up to 10 s here (1 s by default): a browser on a loaded CI machine is slow.
      // biome-ignore format: one project per line
      { extends: true, test: { name: 'e2e', include: ['test/**/*.test.ts'], expect: { poll: { timeout: 10_000 } } } },
    ],
  },
});
