/**
 * A pool worker for the tests: extracts like the real one, but dies on a report that says
 * 'CRASH-NOW' (as an out-of-memory or a native fault would), throws on 'THROW-NOW', and never
 * starts when the environment says so.
 */
import { serveExtraction } from '../../ingest/extract-pool.js';
import { extractArticle } from '../../ingest/extract.js';

if (process.env.POOL_TEST_NO_START === '1') throw new Error('cannot load the extractor');
serveExtraction((name, text) => {
  if (text.includes('CRASH-NOW')) process.exit(7);
  if (text.includes('THROW-NOW')) throw new Error('bad report');
  return extractArticle(name, text);
});
