/** A worker thread of the extraction pool (ingest/extract-pool.ts): extracts what it is sent. */
import { serveExtraction } from './extract-pool.js';
import { extractArticle } from './extract.js';

serveExtraction(extractArticle);
