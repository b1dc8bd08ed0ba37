#!/usr/bin/env tsx
/**
 * npm run rebuild-store: builds the embedded store at KUZU_PATH (default data/graph/kuzu) again
 * from its own rows, with new primary-key indexes (graph/kuzu-rebuild.ts). The ingest does this by
 * itself when settling meets a key Kùzu's index has lost; this is for a store whose fault shows
 * elsewhere ("Unable to find primary key value …" from another write). Stop every process using
 * the store first: it needs the file to itself.
 */
import { resolve } from 'node:path';
import { DEFAULT_KUZU_PATH } from './kuzu-store.js';
import { rebuildKuzuStore } from './kuzu-rebuild.js';

const location = resolve(process.env.KUZU_PATH ?? DEFAULT_KUZU_PATH);
const started = Date.now();
try {
  const { tables, rows } = await rebuildKuzuStore(location);
  console.log(`rebuilt ${location}: ${rows} rows in ${tables} tables, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  process.exitCode = 1;
}
