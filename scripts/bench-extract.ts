/**
 * npm run bench:extract [-- N] [--workers 1,2] — a benchmark, not a test: reads and extracts on
 * one thread and prints the rate per CPU-second of that thread, for
 *   - real text: the shared sample and timeline sets (../shared/corpus/articles and
 *     ../shared/corpus/timeline/articles) copied to about 3,000 files: `real articles/s: N`;
 *   - generated text (scripts/generate-corpus.ts, default N = 2,000 reports of 3–6 KB): `articles/s: N`, last.
 * With --workers, also the wall-clock rate of the worker pool (ingest/extract-pool.ts, the workers
 * reading the files) on the generated text for each worker count: `pool articles/s (W workers): N`
 * (timed from the 50th article: the workers' start is not the steady rate).
 * Each file is read from disk, as `npm run ingest` reads it.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { corpusReport, writeCorpus } from './generate-corpus.js';
import { listFiles, readSources } from '../ingest/read.js';
import { extractArticle } from '../ingest/extract.js';
import { extractInWorkers } from '../ingest/extract-pool.js';

const { values: opts, positionals } = parseArgs({ allowPositionals: true, options: { workers: { type: 'string' } } });
const n = Number(positionals[0] ?? 2000);
const poolSizes = opts.workers ? opts.workers.split(',').map(Number) : [];
if (!Number.isSafeInteger(n) || n < 100) throw new Error(`N must be a whole number ≥ 100, not '${positionals[0]}'`);
if (poolSizes.some((w) => !Number.isSafeInteger(w) || w < 1)) throw new Error(`--workers takes worker counts ≥ 1 separated by commas, not '${opts.workers}'`);
const REAL_TARGET = 3000;
const root = join(import.meta.dirname, '..');
const sharedSets = [join(root, '../shared/corpus/articles'), join(root, '../shared/corpus/timeline/articles')];

/** Reads and extracts every file under dir; the CPU time of this (single-threaded) process. */
async function measure(dir: string): Promise<{ done: number; people: number; bytes: number; wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let done = 0;
  let people = 0;
  let bytes = 0;
  for await (const s of readSources([dir])) {
    if (!s.ok) throw new Error(`${s.file}: ${s.reason}`);
    bytes += Buffer.byteLength(s.text);
    people += extractArticle(s.name, s.text).people.length;
    done++;
  }
  const cpu = process.cpuUsage(c0);
  return { done, people, bytes, wall: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

const line = (what: string, m: Awaited<ReturnType<typeof measure>>): string =>
  `${what}: extracted ${m.done} articles (${m.people} people): ${m.wall.toFixed(2)} s wall (${Math.round(m.done / m.wall)} articles/s), ${m.cpu.toFixed(2)} s CPU, ${(m.bytes / 1048576 / m.cpu).toFixed(2)} MiB per CPU-second`;

// Warm-up (JIT) on a few generated reports, not counted.
for (let i = 0; i < 50; i++) extractArticle('warm.txt', corpusReport(1_000_000 + i).text);

// Real text, repeated: the same files under new names, so every read is a real read.
let real: Awaited<ReturnType<typeof measure>> | null = null;
const realFiles = sharedSets.filter(existsSync).flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.txt')).map((f) => join(d, f)));
if (realFiles.length > 0) {
  const realDir = mkdtempSync(join(tmpdir(), 'bench-real-'));
  const copies = Math.ceil(REAL_TARGET / realFiles.length);
  for (let c = 0; c < copies; c++) for (const [i, f] of realFiles.entries()) copyFileSync(f, join(realDir, `${String(c).padStart(3, '0')}_${String(i).padStart(3, '0')}.txt`));
  console.log(`real: ${realFiles.length} distinct articles from the shared sample and timeline sets, ${copies} copies each, in ${realDir}`);
  real = await measure(realDir);
  rmSync(realDir, { recursive: true, force: true });
  console.log(line('real', real));
} else console.log(`real: skipped (no shared sets at ${sharedSets.join(', ')})`);

const dir = mkdtempSync(join(tmpdir(), 'bench-extract-'));
const w = await writeCorpus(dir, n);
console.log(`generated ${n} articles, ${(w.bytes / n / 1024).toFixed(1)} KiB on average, in ${dir}`);
const gen = await measure(dir);
console.log(line('generated', gen));
const pool: string[] = [];
for (const workers of poolSizes) {
  // Timed from the 50th report: the workers' start (loading the extractor) is not the steady rate.
  let done = 0;
  let t0 = 0;
  const elu0 = { v: performance.eventLoopUtilization() };
  // Bare paths (listFiles): the workers read and decode, the main thread only lists and parses results.
  for await (const x of extractInWorkers(listFiles([dir]), { workers })) {
    if ('reason' in x) throw new Error(`${x.file}: ${x.reason}`);
    if (++done === 50) {
      t0 = performance.now();
      elu0.v = performance.eventLoopUtilization();
    }
  }
  const secs = (performance.now() - t0) / 1000;
  const elu = performance.eventLoopUtilization(elu0.v);
  console.log(`pool: ${workers} workers, ${done - 50} articles in ${secs.toFixed(2)} s wall; main thread busy ${(100 * elu.utilization).toFixed(0)}% (${(elu.active / (done - 50)).toFixed(2)} ms an article)`);
  pool.push(`pool articles/s (${workers} workers): ${Math.round((done - 50) / secs)}`);
}
rmSync(dir, { recursive: true, force: true });
for (const p of pool) console.log(p);
console.log(real ? `real articles/s: ${Math.round(real.done / real.cpu)}` : 'real articles/s: skipped');
console.log(`articles/s: ${Math.round(gen.done / gen.cpu)}`);
