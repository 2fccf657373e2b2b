import { definePackageConfig } from '@weft/tsup-config';

export default definePackageConfig({ index: 'src/index.ts', testing: 'src/testing.ts' });
