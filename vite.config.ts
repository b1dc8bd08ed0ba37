import { defineConfig } from 'vitest/config';

// The viewer lives in viewer/; `npm run dev` proxies /api to the API server started by `npm start`.
export default defineConfig({
  root: 'viewer',
  build: { outDir: '../dist/viewer', emptyOutDir: true },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? '5180'}` },
  },
  test: {
    root: '.',
    include: ['test/**/*.test.ts'],
    testTimeout: 30000,
    hookTimeout: 180000,
    fileParallelism: false,
  },
});
