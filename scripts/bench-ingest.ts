#!/usr/bin/env tsx
/**
 * `npm run bench:ingest -- --reports N [--store kuzu|neo4j] [--corpus DIR] [--keep]`
 *
 * Runs exactly the user's path, `npm run ingest -- DIR`, on N generated reports
 * (scripts/generate-corpus.ts: careers across posts and provinces, namesakes, page furniture) into
 * a fresh store, and prints what it measured, last:
 *   reports/s: R  first10%: A  last10%: B  peak RSS MB: M
 * R counts the whole run (reading, extraction, writing, person resolution, successions); A and B
 * are the rates over the first and the last tenth of the reports streaming in (from the progress
 * lines ingest prints, worker start-up included in A); M is the peak of the resident memory of
 * the ingest's processes together, sampled every 200 ms. The corpus is kept in
 * $TMPDIR/bench-corpus-N (or --corpus) and reused when it is already there. When the ingest
 * fails, what it streamed until then is printed instead (`failed run: …`) and the bench exits non-zero.
 *
 * Neo4j: NEO4J_URI (then the database must be empty, or BENCH_NEO4J_CLEAR=1 empties it), else the
 * project's test server (scripts/neo4j/server.sh), which is emptied first.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeCorpus } from './generate-corpus.js';
import { Neo4jStore } from '../graph/neo4j-store.js';
import { runningServerUri } from '../test/support/neo4j.js';

const { values } = parseArgs({
  options: { reports: { type: 'string', default: '10000' }, store: { type: 'string', default: 'kuzu' }, corpus: { type: 'string' }, keep: { type: 'boolean', default: false }, seed: { type: 'string', default: '1' } },
});
const n = Number(values.reports);
if (!Number.isInteger(n) || n <= 0) throw new Error(`--reports must be a whole number > 0, not ${values.reports}`);
if (values.store !== 'kuzu' && values.store !== 'neo4j') throw new Error(`--store must be kuzu or neo4j, not ${values.store}`);

// ---- the corpus ------------------------------------------------------------------------------
const corpus = values.corpus ?? join(tmpdir(), `bench-corpus-${n}`);
const manifest = join(corpus, 'corpus.json');
const have = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { reports: number; seed: number }) : null;
if (!have || have.reports !== n || have.seed !== Number(values.seed)) {
  console.error(`generating ${n} reports into ${corpus} …`);
  const g = await writeCorpus(corpus, n, { seed: Number(values.seed), onProgress: (k) => k % 100_000 === 0 && console.error(`  ${k}`) });
  console.error(`generated ${g.reports} reports (${(g.bytes / 1e6).toFixed(0)} MB) in ${g.seconds.toFixed(1)} s`);
} else console.error(`reusing the ${n} reports in ${corpus}`);

// ---- a fresh store ---------------------------------------------------------------------------
/** Deletes everything, 5,000 nodes a transaction (the test server caps a transaction's memory: 50,000 nodes a delete went over it after a 20,000-report run). */
async function emptyNeo4j(s: Neo4jStore): Promise<void> {
  while (Number((await s.query('MATCH (n) WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS c')).rows[0]?.c ?? 0) > 0);
}

const env: NodeJS.ProcessEnv = { ...process.env };
let kuzuDir: string | null = null;
if (values.store === 'kuzu') {
  kuzuDir = mkdtempSync(join(tmpdir(), 'bench-kuzu-'));
  env.KUZU_PATH = join(kuzuDir, 'db');
  delete env.NEO4J_URI;
} else {
  if (!env.NEO4J_URI) {
    const uri = await runningServerUri();
    if (!uri) {
      console.error('bench:ingest: no NEO4J_URI set and no Neo4j test server running; start one with `npm run neo4j:start`');
      process.exit(2);
    }
    env.NEO4J_URI = uri;
    env.BENCH_NEO4J_CLEAR = '1';
  }
  const s = new Neo4jStore({ uri: env.NEO4J_URI, user: env.NEO4J_USER, password: env.NEO4J_PASSWORD, database: env.NEO4J_DATABASE });
  try {
    const count = Number((await s.query('MATCH (n) RETURN count(n) AS c', {}, { readOnly: true })).rows[0]?.c ?? 0);
    if (count > 0 && env.BENCH_NEO4J_CLEAR !== '1') throw new Error(`the Neo4j at ${s.location} holds ${count} nodes; set BENCH_NEO4J_CLEAR=1 to empty it for the benchmark`);
    await emptyNeo4j(s);
  } finally {
    await s.close();
  }
}

// ---- npm run ingest, watched -----------------------------------------------------------------
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const ppid = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${d}/status`, 'utf8'))?.[1]);
      (children.get(ppid) ?? children.set(ppid, []).get(ppid)!).push(Number(d));
    } catch {
      /* gone */
    }
  }
  const out: number[] = [];
  for (const stack = [pid]; stack.length; ) {
    const p = stack.pop()!;
    out.push(p);
    stack.push(...(children.get(p) ?? []));
  }
  return out;
}
const rssMb = (pid: number): number => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
};

const t0 = Date.now();
const child = spawn('npm', ['run', '-s', 'ingest', '--', '--quiet', corpus], { env, stdio: ['ignore', 'pipe', 'pipe'] });
let peak = 0;
/** Peak resident memory by phase (streaming, then each phase after it). */
const peakOf = new Map<string, number>();
const sampler = setInterval(() => {
  const total = descendants(child.pid!).reduce((s, p) => s + rssMb(p), 0);
  if (total > peak) peak = total;
  const phase = phases.at(-1)?.name ?? 'streaming';
  peakOf.set(phase, Math.max(peakOf.get(phase) ?? 0, total));
}, 200);
const marks: { t: number; done: number }[] = [];
let streamStart: number | null = null;
let streamEnd: number | null = null;
/** When each phase after streaming first showed (its first progress line). */
const phases: { name: string; t: number }[] = [];
let stdout = '';
let stderrTail = '';
child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
let buf = '';
child.stderr.on('data', (d: Buffer) => {
  buf += d.toString();
  for (let i; (i = buf.indexOf('\n')) >= 0; ) {
    const line = buf.slice(0, i);
    buf = buf.slice(i + 1);
    stderrTail = `${stderrTail}\n${line}`.slice(-4000);
    const now = Date.now();
    if (/^store: /.test(line)) streamStart = now;
    const m = /^ingest: ([\d,]+)\/([\d,]+) reports/.exec(line);
    if (m) {
      marks.push({ t: now, done: Number(m[1]!.replaceAll(',', '')) });
      console.error(`  ${line}`); // a long run shows how far it is
    }
    if (/^ingest: [\d,]+ reports in /.test(line)) {
      streamEnd = now;
      marks.push({ t: now, done: n });
    }
    const phase = /^(write edges|resolve people|successions): /.exec(line)?.[1];
    if (phase) {
      console.error(`  ${line}`);
      // A phase starts where its first line is printed less the time that line reports (a first line comes after a first step).
      if (!phases.some((p) => p.name === phase)) phases.push({ name: phase, t: now });
    }
  }
});
const code: number = await new Promise((res) => child.on('exit', (c) => res(c ?? 1)));
clearInterval(sampler);
const tExit = Date.now();
const wall = (tExit - t0) / 1000;
// Rates over the first and the last tenth of the reports, from the progress lines.
const at = (frac: number): { t: number; done: number } => marks.find((m) => m.done >= frac * n) ?? marks[marks.length - 1]!;
const start = { t: streamStart ?? t0, done: 0 };
const rate = (a: { t: number; done: number }, b: { t: number; done: number }): number => (b.done - a.done) / Math.max(0.001, (b.t - a.t) / 1000);
if (code !== 0) {
  console.error(stderrTail);
  console.error(stdout);
  // What a long run measured before it failed is still a measurement: printed, marked as a failed run.
  const last = marks.at(-1);
  if (last && last.done > 0) {
    const tenth = marks.filter((m) => m.done >= last.done - 0.1 * n);
    const from = tenth.length > 1 ? tenth[0]! : start;
    console.log(
      `failed run: streamed ${last.done} of ${n} reports in ${((last.t - start.t) / 1000).toFixed(0)} s (${Math.round(rate(start, last))}/s)  first10%: ${last.done >= 0.1 * n ? Math.round(rate(start, at(0.1))) : '-'}  last10% streamed: ${Math.round(rate(from, last))}  peak RSS MB: ${Math.round(peak)}`,
    );
  }
  if (kuzuDir) console.error(`the store is left at ${env.KUZU_PATH}, to look into`);
  throw new Error(`npm run ingest exited with ${code}`);
}
console.error(stdout.trim());

const p10 = at(0.1);
const p90 = at(0.9);
const end = { t: streamEnd ?? tExit, done: n };
const size = kuzuDir ? readdirSync(kuzuDir).reduce((s, f) => s + statSync(join(kuzuDir!, f)).size, 0) : null;
// Each phase after streaming runs until the next one's first progress line (the last one until the process ends).
console.error(`peak RSS MB by phase: ${[...peakOf].map(([p, mb]) => `${p} ${Math.round(mb)}`).join(', ')}`);
const after = phases.map((p, i) => `${p.name} until ${(((phases[i + 1]?.t ?? tExit) - (streamEnd ?? tExit)) / 1000).toFixed(1)} s`).join(', ');
console.error(
  `store: ${values.store}${size !== null ? `, ${(size / 1e9).toFixed(2)} GB on disk` : ''}; streaming ${(((streamEnd ?? tExit) - (streamStart ?? t0)) / 1000).toFixed(1)} s, then edges, people and successions ${((tExit - (streamEnd ?? tExit)) / 1000).toFixed(1)} s${after ? ` (${after}, counted from the end of streaming)` : ''}, whole run ${wall.toFixed(1)} s`,
);
if (kuzuDir && !values.keep) rmSync(kuzuDir, { recursive: true, force: true });
else if (kuzuDir) console.error(`kept the store at ${env.KUZU_PATH}`);
// The figures before the clean-up below, so a failed clean-up cannot lose them (nothing is printed after them).
console.log(`reports/s: ${Math.round(n / wall)}  first10%: ${Math.round(rate(start, p10))}  last10%: ${Math.round(rate(p90, end))}  peak RSS MB: ${Math.round(peak)}`);
// The project's test server is left empty again, as the tests expect it (a kept benchmark graph is large).
if (values.store === 'neo4j' && env.BENCH_NEO4J_CLEAR === '1' && !values.keep) {
  const s = new Neo4jStore({ uri: env.NEO4J_URI!, user: env.NEO4J_USER, password: env.NEO4J_PASSWORD, database: env.NEO4J_DATABASE });
  try {
    await emptyNeo4j(s);
  } finally {
    await s.close();
  }
}
