import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The UI builds from the workspace packages' TypeScript source (the `dev-source` condition), so it
// needs no other package built first. `weft server start` serves `dist/app`; in development
// `pnpm --filter @weft/ui dev` proxies `/api` to a server on WEFT_API_URL (default port 4200).
const VENDOR_CHUNKS: [name: string, packages: RegExp][] = [
  ['react', /\/node_modules\/(react|react-dom|scheduler)\//],
  ['mantine', /\/node_modules\/@mantine\/(core|hooks|notifications|store)\//],
  [
    'tanstack',
    /\/node_modules\/@tanstack\/(react-router|router-core|history|react-store|store|react-query|query-core)\//,
  ],
  ['trpc', /\/node_modules\/@trpc\//],
  ['zod', /\/node_modules\/zod\//],
];

function vendorChunk(id: string): string | undefined {
  return VENDOR_CHUNKS.find(([, packages]) => packages.test(id))?.[0];
}

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['dev-source', 'module', 'browser', 'development|production'] },
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      // Each page is its own chunk (lazyRouteComponent in the areas' routes.tsx); the libraries every
      // page uses get stable chunks of their own, so a UI release re-downloads little. The heavy ones
      // (React Flow, rjsf + ajv, recharts, react-markdown) stay in the chunks of the pages that use them.
      output: { manualChunks: vendorChunk },
      onwarn(warning, warn) {
        // zod's sources carry `@__PURE__` notes Rollup can't place; they cost nothing.
        if (warning.code === 'INVALID_ANNOTATION') return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': process.env.WEFT_API_URL ?? 'http://127.0.0.1:4200' },
  },
});
