import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exportForNeo4jImport } from './neo4j-import-export.js';
import { openStore } from './open-store.js';

/**
 * `npm run export:neo4j-import -- OUT_DIR [--database neo4j]`: the embedded store (KUZU_PATH, default
 * data/graph/kuzu) as CSV files for `neo4j-admin database import full`, and the command that imports them.
 */
const { values, positionals } = parseArgs({ allowPositionals: true, options: { database: { type: 'string', default: 'neo4j' }, help: { type: 'boolean', short: 'h' } } });
if (values.help || positionals.length !== 1) {
  console.error('usage: npm run export:neo4j-import -- OUT_DIR [--database neo4j]   (reads the embedded store at KUZU_PATH, default data/graph/kuzu)');
  process.exit(values.help ? 0 : 2);
}
const outDir = positionals[0]!;
const r0 = resolve(outDir);
// The files come from the embedded store even where NEO4J_URI points the other CLIs at Neo4j.
const env = { ...process.env };
delete env.NEO4J_URI;
const store = await openStore({ readOnly: true, env }).catch((e: Error) => {
  console.error(`error: ${e.message}`);
  process.exit(1);
});
try {
  const r = await exportForNeo4jImport(store, outDir, {
    database: values.database,
    onTable: (w) => console.error(`  ${relative(r0, w.dataFile)}: ${w.rows} rows`),
  });
  const rows = r.nodes + r.relationships;
  console.error(`${r.nodes} nodes and ${r.relationships} relationships from ${store.location} written to ${r.dir} in ${r.seconds.toFixed(1)} s (${Math.round(rows / Math.max(r.seconds, 1e-3))} rows/s)`);
  console.log(`# 1. into a stopped Neo4j 5 whose database '${values.database}' is empty or absent (also in ${r.dir}/import.sh):`);
  console.log(r.command);
  console.log(`# 2. start Neo4j (Community: then CREATE DATABASE ${values.database} if it is not the default one), and once:`);
  console.log(`cypher-shell -d ${values.database} -f ${r.constraintsFile}`);
  console.log(`cypher-shell -d ${values.database} -f ${r.emptyListsFile}`);
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await store.close();
}
