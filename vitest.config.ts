import { defineConfig } from 'vitest/config';

// Tests run on the packages' TypeScript source through the `dev-source` export condition, so no
// build is needed between packages (style.md G9).
const conditions = ['dev-source', 'module', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['dev-source'] } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    projects: [
      { extends: true, test: { name: 'schemas', include: ['packages/schemas/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'server', include: ['packages/server/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'client', include: ['packages/client/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'engine', include: ['packages/engine/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'cli', include: ['apps/cli/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/**/*.test.ts'] } },
    ],
  },
});
