import { parseArgs } from 'node:util';
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
const store = await openStore({ readOnly }).catch((e: Error) => {
  console.error(`error: ${e.message}`);
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
