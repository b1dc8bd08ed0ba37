import { parseArgs } from 'node:util';
import { unboundMessage, unboundParameters } from './query-guard.js';
import { openStore } from './open-store.js';
import { formatTable } from './table.js';

/**
 * `npm run cypher -- "<query>" [--param name=value]... [--json] [--limit N] [--read-only]`: run
 * Cypher, print a table. --read-only opens the store read-only (no DDL; Kùzu's file opened
 * read-only) and refuses writing statements.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    param: { type: 'string', short: 'p', multiple: true, default: [] },
    json: { type: 'boolean', default: false },
    limit: { type: 'string', default: '1000' },
    'read-only': { type: 'boolean', default: false },
  },
});
const cypher = positionals.join(' ').trim();
if (!cypher) {
  console.error('usage: npm run cypher -- "<query>" [--param name=value]... [--json] [--limit N] [--read-only]');
  process.exit(2);
}
if (!/^[1-9]\d*$/.test(values.limit ?? '')) {
  console.error(`--limit ${values.limit}: expected a positive whole number of rows`);
  process.exit(2);
}
const rowLimit = Number(values.limit);
const readOnly = values['read-only'] ?? false;
const params: Record<string, unknown> = {};
for (const p of values.param ?? []) {
  const eq = p.indexOf('=');
  if (eq < 0) {
    console.error(`--param ${p}: expected name=value`);
    process.exit(2);
  }
  const raw = p.slice(eq + 1);
  // Numbers, booleans and JSON lists/objects as such; anything else as text.
  let v: unknown = raw;
  try {
    v = /^(-?\d+(\.\d+)?|true|false|null|\[.*\]|\{.*\})$/s.test(raw) ? JSON.parse(raw) : raw;
  } catch {
    v = raw;
  }
  params[p.slice(0, eq)] = v;
}
// Refused here for both stores alike: Neo4j would refuse it, Kùzu would run it with the parameter unset.
const unbound = unboundParameters(cypher, params);
if (unbound.length) {
  console.error(`error: ${unboundMessage(unbound, 'pass --param name=value for each')}`);
  process.exit(2);
}

/**
 * The embedded store takes a file lock: a writer excludes everyone, readers share. The engine's
 * own message names neither the other process nor the way out, so say both.
 */
function explainOpenError(e: Error): string {
  if (!/could not set lock/i.test(e.message)) return e.message;
  const where = process.env.KUZU_PATH ?? 'data/graph/kuzu';
  return readOnly
    ? `the embedded graph at ${where} is being written by another process (npm run ingest, or npm start while it loads); run again once it has finished`
    : `the embedded graph at ${where} is open in another process (npm start serves it, or an ingest is running); add --read-only to query it alongside, or stop that process to write`;
}

const store = await openStore({ readOnly }).catch((e: Error) => {
  console.error(`error: ${explainOpenError(e)}`);
  process.exit(1);
});
try {
  const res = await store.query(cypher, params, { rowLimit, readOnly });
  console.log(values.json ? JSON.stringify(res.rows, null, 2) : formatTable(res));
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await store.close();
}
