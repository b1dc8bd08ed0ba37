import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildGraph } from '../../graph/build.js';
import type { GraphStore } from '../../graph/store.js';
import { extractArticle } from '../../ingest/extract.js';

/** The sample corpus the viewer tests run on: data/articles, extracted by the real extractor. */
export const ARTICLES_DIR = join(import.meta.dirname, '../../data/articles');

/** A Kùzu store in `dir` holding the sample corpus. */
export async function openSampleStore(dir: string): Promise<GraphStore> {
  // TEMP: dev adapter until graph/ has its Kùzu store.
  const spec = '/tmp/vdev/devstore.ts';
  const { openDevStore } = (await import(spec)) as { openDevStore(p: string): Promise<GraphStore> };
  const store = await openDevStore(dir);
  await store.init();
  const files = (await readdir(ARTICLES_DIR)).filter((f) => f.endsWith('.txt')).sort();
  const extractions = await Promise.all(files.map(async (f) => extractArticle(f, await readFile(join(ARTICLES_DIR, f), 'utf8'))));
  await store.writeBatch(buildGraph(extractions));
  return store;
}
