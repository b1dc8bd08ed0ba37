import { join } from 'node:path';
import { ingestPaths } from '../../graph/ingest.js';
import { KuzuStore } from '../../graph/kuzu-store.js';
import { Neo4jStore } from '../../graph/neo4j-store.js';
import type { GraphStore } from '../../graph/store.js';
import { emptyDatabase, type Neo4jTestServer } from '../support/neo4j.js';

/** The sample corpus the viewer tests run on: data/articles, ingested the way `npm start` does. */
export const ARTICLES_DIR = join(import.meta.dirname, '../../data/articles');

async function loadSample(store: GraphStore): Promise<GraphStore> {
  await store.init();
  const summary = await ingestPaths([ARTICLES_DIR], store);
  if (summary.articles.failed > 0) throw new Error(`sample ingest failed: ${JSON.stringify(summary.failures)}`);
  return store;
}

/** A Kùzu store in `dir` holding the sample corpus. */
export function openSampleKuzu(dir: string): Promise<GraphStore> {
  return loadSample(new KuzuStore({ path: dir, bufferPoolBytes: 64 * 1024 * 1024 }));
}

/** The Neo4j test server, emptied, then holding the sample corpus. */
export async function openSampleNeo4j(server: Neo4jTestServer): Promise<GraphStore> {
  const store = new Neo4jStore(server);
  await store.init();
  // A known state: the test database holds only the sample corpus.
  await emptyDatabase(store);
  return loadSample(store);
}
