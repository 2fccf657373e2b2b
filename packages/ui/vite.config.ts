import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The UI builds from the workspace packages' TypeScript source (the `dev-source` condition), so it
// needs no other package built first. `weft server start` serves `dist/app`; in development
// `pnpm --filter @weft/ui dev` proxies `/api` to a server on WEFT_API_URL (default port 4200).
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['dev-source', 'module', 'browser', 'development|production'] },
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2_000,
    rollupOptions: {
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
