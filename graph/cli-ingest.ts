import { parseArgs } from 'node:util';
import { formatSummary, ingestPaths } from './ingest.js';
import { judgementsPath, loadJudgements } from './judgements.js';
import { openStore } from './open-store.js';

/** `npm run ingest -- <dir or files>`: load reports into the store the environment names, then resolve people. */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { quiet: { type: 'boolean', short: 'q', default: false }, help: { type: 'boolean', short: 'h', default: false } },
});
if (values.help) {
  console.log(
    'usage: npm run ingest -- [--quiet] <dir or files>...   (default data/articles)\n' +
      'store: Neo4j when NEO4J_URI is set, else Kùzu at KUZU_PATH (default data/graph/kuzu)\n' +
      'judgements: JUDGEMENTS_FILE (default data/judgements.json), see `npm run people`',
  );
  process.exit(0);
}
const paths = positionals.length > 0 ? positionals : ['data/articles'];
let judgements;
try {
  judgements = loadJudgements(judgementsPath());
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  process.exit(2);
}
const store = await openStore().catch((e: Error) => {
  console.error(`error: ${e.message}`);
  process.exit(1);
});
console.error(`store: ${store.kind} at ${store.location}`);
const started = Date.now();
try {
  const summary = await ingestPaths(paths, store, {
    judgements,
    onProgress: (e) => {
      if (values.quiet && e.status !== 'failed') return;
      console.error(`[${e.done}] ${e.status.padEnd(9)} ${e.file}${e.reason ? ` — ${e.reason}` : ''}`);
    },
  });
  console.log(formatSummary(summary));
  console.log(`time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exitCode = summary.articles.failed > 0 || summary.resolutionError ? 1 : 0;
} finally {
  await store.close();
}
