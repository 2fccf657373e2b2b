import { definePackageConfig } from '@weft/tsup-config';

// The router's types are bundled into dist/*.d.ts, so a client-only install is fully typed
// without @weft/server (a dev dependency only). test/packaging checks the result.
export default definePackageConfig(
  { index: 'src/index.ts' },
  { inlineTypes: { '@weft/server/router': '../server/src/router.ts' } },
);
