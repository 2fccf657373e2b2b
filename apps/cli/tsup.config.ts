import { definePackageConfig } from '@weft/tsup-config';

// ESM only (style.md G9 allows it for apps); our packages and tsx stay external so the CLI uses the
// installed copies (one server, one client, and tsx's loader hooks).
export default definePackageConfig(
  { index: 'src/index.ts', bin: 'src/bin.ts' },
  {
    esmOnly: true,
    external: ['@weft/client', '@weft/engine', '@weft/schemas', '@weft/server', 'tsx', 'commander', 'zod'],
  },
);
