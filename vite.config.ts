import { defineConfig } from 'vitest/config';

// The viewer lives in viewer/; `npm run dev` proxies /api to the API server started by `npm start`.
export default defineConfig({
  root: 'viewer',
  // Cytoscape alone is ~450 kB minified; one chunk is fine for a local tool.
  build: { outDir: '../dist/viewer', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
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
    // Stops the Neo4j test server a run started (NEO4J_TEST_KEEP=1 keeps it).
    globalSetup: ['test/support/global-setup.ts'],
  },
});
