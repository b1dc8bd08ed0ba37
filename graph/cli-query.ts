import { QUERIES, QueryParamError, findQuery, planQuery, runNamedQuery } from './queries.js';
import { openStore } from './open-store.js';
import { formatTable } from './table.js';

/**
 * `npm run query -- <name> [--param value]...`: a named query from graph/queries.ts.
 * Flags are the query's parameters (listed by `npm run query` with no name); --json prints rows
 * as JSON, --show prints the Cypher that would run.
 */
const argv = process.argv.slice(2);
const name = argv[0] && !argv[0].startsWith('--') ? argv[0] : undefined;

if (!name || name === 'help' || name === '--help') {
  console.log('usage: npm run query -- <name> [--param value]... [--json] [--show]\n\nqueries:');
  for (const q of QUERIES) {
    const params = Object.keys(q.params.shape).map((k) => `--${k}`).join(' ');
    console.log(`  ${q.name.padEnd(20)} ${params}\n  ${''.padEnd(20)} ${q.description}`);
  }
  process.exit(name ? 0 : 2);
}

const raw: Record<string, unknown> = {};
let json = false;
let show = false;
for (let i = 1; i < argv.length; i++) {
  const a = argv[i]!;
  if (a === '--json') json = true;
  else if (a === '--show') show = true;
  else if (a.startsWith('--')) {
    const eq = a.indexOf('=');
    if (eq > 0) raw[a.slice(2, eq)] = a.slice(eq + 1);
    else raw[a.slice(2)] = argv[++i] ?? '';
  } else {
    console.error(`unexpected argument '${a}' (parameters are --name value)`);
    process.exit(2);
  }
}

const q = findQuery(name);
if (!q) {
  console.error(`unknown query '${name}'; known: ${QUERIES.map((x) => x.name).join(', ')}`);
  process.exit(2);
}
const store = await openStore({ readOnly: true }).catch((e: Error) => {
  console.error(`error: ${e.message}`);
  process.exit(1);
});
try {
  if (show) {
    const plan = planQuery(q, store.kind, raw);
    console.log(plan.cypher);
    console.log(JSON.stringify(plan.params));
  }
  const res = await runNamedQuery(store, name, raw);
  console.log(json ? JSON.stringify(res.rows, null, 2) : formatTable(res));
} catch (e) {
  console.error(e instanceof QueryParamError ? `bad parameters: ${e.message}` : `error: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await store.close();
}
