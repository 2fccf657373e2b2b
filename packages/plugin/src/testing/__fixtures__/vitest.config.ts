import { defineConfig } from 'vitest/config';

// Runs the conformance suite against the plugins of this folder, from source (see ../describe-plugin-conformance.test.ts).
export default defineConfig({
  resolve: { conditions: ['dev-source', 'module', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['dev-source', 'node'], externalConditions: ['dev-source'] } },
  test: { include: ['*.conformance.ts'], pool: 'threads', poolOptions: { threads: { maxThreads: 1 } } },
});
