#!/usr/bin/env tsx
/**
 * npm start: ingest the report folder (DATA_DIR, default data/articles) into the active store —
 * articles already stored, by content hash, are skipped — then serve the viewer and its API on
 * 127.0.0.1:$PORT (default 5180). The embedded store is reopened read-only for serving.
 */
import { countReports, formatSummary, ingestPaths, workersFor } from '../graph/ingest.js';
import { judgementsPath, loadJudgements } from '../graph/judgements.js';
import { openStore } from '../graph/open-store.js';
import { ensurePageBuilt } from '../viewer/server/build-page.js';
import { startServer } from '../viewer/server/app.js';

const dataDir = process.env.DATA_DIR ?? 'data/articles';

async function main(): Promise<void> {
  const writer = await openStore();
  console.log(`store: ${writer.kind} at ${writer.location}`);
  try {
    const summary = await ingestPaths([dataDir], writer, {
      judgements: loadJudgements(judgementsPath()),
      workers: workersFor(await countReports([dataDir])),
      onProgress: (e) => {
        if (e.status === 'failed') console.error(`failed ${e.file}: ${e.reason}`);
        else if (e.done % 100 === 0) console.error(`ingest: ${e.done} articles`);
      },
    });
    console.log(`ingest of ${dataDir}:\n${formatSummary(summary)}`);
  } finally {
    await writer.close();
  }

  if (await ensurePageBuilt()) console.log('viewer page built into dist/viewer');
  const store = await openStore({ readOnly: true });
  const stats = await store.stats();
  console.log(`graph: ${stats.totalNodes} nodes, ${stats.totalEdges} edges`);
  const server = await startServer({ store });
  console.log(`viewer and API on ${server.url} (PORT=${process.env.PORT ?? '5180'}; Ctrl+C to stop)`);
  // The server first (it stops listening and lets requests in flight finish), then the store they read.
  const stop = async (): Promise<void> => {
    const report = (what: string) => (e: unknown) => console.error(`npm start: closing the ${what}: ${(e as Error).message}`);
    await server.close().catch(report('server'));
    await store.close().catch(report('store'));
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(`npm start: ${(e as Error).message}`);
  process.exit(1);
});
