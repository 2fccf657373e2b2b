import { definePackageConfig } from '@weft/tsup-config';

export default definePackageConfig({
  index: 'src/index.ts',
  router: 'src/router.ts',
  internal: 'src/internal.ts',
});
