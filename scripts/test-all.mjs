// `npm test`: install, build, lint, type-check, then every test. With WEFT_TEST_DATABASE_URL set the
// server and end-to-end suites run a second time against that Postgres (see docs/testing.md).
import { installAndBuild, pnpm } from './pnpm.mjs';

installAndBuild();
console.log('▸ lint (biome)…');
pnpm(['exec', 'biome', 'check', '.']);
console.log('▸ typecheck…');
pnpm(['run', 'typecheck']);
console.log('▸ tests on PGlite…');
pnpm(['exec', 'vitest', 'run'], { env: { ...process.env, WEFT_TEST_DB: 'pglite' } });
if (process.env.WEFT_TEST_DATABASE_URL) {
  console.log('▸ server and end-to-end tests again on Postgres…');
  pnpm(['exec', 'vitest', 'run', '--project', 'server', '--project', 'e2e'], {
    env: { ...process.env, WEFT_TEST_DB: 'postgres' },
  });
}
