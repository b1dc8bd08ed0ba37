import { parseArgs } from 'node:util';
import { ALL, formatShard, parseShard, type Shard } from '../ingest/shard.js';
import { countReports, formatSummary, ingestPaths, workersFor } from './ingest.js';
import { judgementsPath, loadJudgements, type Judgement } from './judgements.js';
import { openStore } from './open-store.js';
import { createProgress } from './progress.js';

/**
 * `npm run ingest -- <dir or files> [--shard i/n] [--workers N] [--quiet]`: load reports into the
 * store the environment names, then resolve people. A progress bar on a terminal (a line every few
 * percent otherwise); failures are named as they happen and in the summary.
 */
const USAGE =
  'usage: npm run ingest -- [--shard i/n] [--workers N] [--quiet] <dir or files>...   (default data/articles)\n' +
  '  --shard i/n   take this machine\'s deterministic share of the files (1 ≤ i ≤ n), so n machines load one Neo4j together\n' +
  '  --workers N   extraction threads (default: every core; 0 for none)\n' +
  'store: Neo4j when NEO4J_URI is set, else Kùzu at KUZU_PATH (default data/graph/kuzu)\n' +
  'judgements: JUDGEMENTS_FILE (default data/judgements.json), see `npm run people`';

let values: { quiet?: boolean; help?: boolean; shard?: string; workers?: string };
let positionals: string[];
try {
  ({ values, positionals } = parseArgs({
    allowPositionals: true,
    options: { quiet: { type: 'boolean', short: 'q' }, help: { type: 'boolean', short: 'h' }, shard: { type: 'string' }, workers: { type: 'string' } },
  }));
} catch (e) {
  console.error(`error: ${(e as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const paths = positionals.length > 0 ? positionals : ['data/articles'];
let shard: Shard = ALL;
let judgements: Judgement[];
let workers: number | undefined;
try {
  if (values.shard) shard = parseShard(values.shard);
  if (values.workers !== undefined) {
    workers = Number(values.workers);
    if (!Number.isInteger(workers) || workers < 0) throw new Error(`invalid --workers '${values.workers}': expected a whole number ≥ 0`);
  }
  judgements = loadJudgements(judgementsPath());
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  process.exit(2);
}

/** The bars after the reports are stored, one per phase. */
const PHASE_BARS = {
  edges: { label: 'write edges', unit: 'rows' },
  people: { label: 'resolve people', unit: 'name groups' },
  successions: { label: 'successions', unit: 'posts' },
} as const;

// The files this shard takes, counted first, for the progress total.
const total = await countReports(paths, shard);
workers ??= workersFor(total);

const store = await openStore().catch((e: Error) => {
  console.error(`error: ${e.message}`);
  process.exit(1);
});
console.error(`store: ${store.kind} at ${store.location}${shard.count > 1 ? `, shard ${formatShard(shard)}` : ''}; ${total} reports`);
const started = Date.now();
const progress = createProgress({ label: 'ingest', unit: 'reports', total });
let people: ReturnType<typeof createProgress> | null = null;
let phase = '';
try {
  const summary = await ingestPaths(paths, store, {
    judgements,
    shard,
    workers,
    onProgress: (e) => {
      progress.update(e.done);
      if (e.status === 'failed' && !values.quiet) console.error(`failed ${e.file}: ${e.reason}`);
    },
    onNotice: (message) => {
      progress.stop();
      (people as ReturnType<typeof createProgress> | null)?.stop();
      phase = ''; // the next progress event starts a bar again
      console.error(`note: ${message}`);
    },
    onResolution: (e) => {
      if (!people || phase !== e.phase) {
        progress.stop();
        people?.stop();
        phase = e.phase;
        people = createProgress({ ...PHASE_BARS[e.phase], total: e.total });
      }
      people.update(e.done);
    },
  });
  progress.stop();
  (people as ReturnType<typeof createProgress> | null)?.stop();
  console.log(formatSummary(summary));
  console.log(`time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exitCode = summary.articles.failed > 0 || summary.resolutionError ? 1 : 0;
} finally {
  progress.stop();
  await store.close();
}
