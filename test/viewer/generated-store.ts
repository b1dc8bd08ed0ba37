import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ingestPaths } from '../../graph/ingest.js';
import { KuzuStore } from '../../graph/kuzu-store.js';
import type { GraphStore } from '../../graph/store.js';
import { generateArticle } from '../../scripts/generate-articles.js';

/**
 * A store of generated reports (scripts/generate-articles.ts) loaded with the project's own ingest,
 * for tests of what the viewer does at scale. Deterministic for a given count.
 */
export async function openGeneratedKuzu(dir: string, reports: number): Promise<GraphStore> {
  const articles = join(dir, 'articles');
  await mkdir(articles, { recursive: true });
  for (let i = 0; i < reports; i++) await writeFile(join(articles, `gen_${String(i).padStart(5, '0')}.txt`), generateArticle(i));
  const store = new KuzuStore({ path: join(dir, 'db'), bufferPoolBytes: 256 * 1024 * 1024 });
  await store.init();
  const summary = await ingestPaths([articles], store, { groupSize: 2500 });
  if (summary.articles.new === 0) throw new Error(`generated ingest loaded nothing: ${JSON.stringify(summary.failures.slice(0, 3))}`);
  // A store whose resolution did not finish would hold pending work: not the store a user gets.
  if (summary.resolutionError) throw new Error(`generated ingest did not finish resolving people: ${summary.resolutionError}`);
  return store;
}
