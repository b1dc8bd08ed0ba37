/**
 * npm run bench:extract — a benchmark, not a test: extracts a generated corpus (default 2,000
 * articles of about 5 KB) on one core, reading each file from disk, and prints `articles/s: N` last.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateArticle } from './generate-articles.js';
import { readSources } from '../ingest/read.js';
import { extractArticle } from '../ingest/extract.js';

const n = Number(process.argv[2] ?? 2000);
const dir = await mkdtemp(join(tmpdir(), 'bench-extract-'));
let bytes = 0;
for (let i = 0; i < n; i++) {
  const a = generateArticle(i);
  bytes += Buffer.byteLength(a);
  await writeFile(join(dir, `${String(i).padStart(5, '0')}.txt`), a);
}
console.log(`generated ${n} articles, ${(bytes / n / 1024).toFixed(1)} KiB on average, in ${dir}`);

// Warm-up (JIT) on a few articles, not counted.
for (let i = 0; i < 50; i++) extractArticle('warm.txt', generateArticle(100000 + i));

// One thread does the work; its CPU time is what one core spends, whatever else the machine runs.
const c0 = process.cpuUsage();
const t0 = performance.now();
let done = 0;
let people = 0;
for await (const s of readSources([dir])) {
  if (!s.ok) throw new Error(`${s.file}: ${s.reason}`);
  people += extractArticle(s.name, s.text).people.length;
  done++;
}
const secs = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(c0);
const cpuSecs = (cpu.user + cpu.system) / 1e6;
await rm(dir, { recursive: true, force: true });
console.log(`extracted ${done} articles (${people} people): ${secs.toFixed(2)} s wall (${Math.round(done / secs)} articles/s), ${cpuSecs.toFixed(2)} s CPU, ${(bytes / 1048576 / cpuSecs).toFixed(2)} MiB per CPU-second`);
console.log(`articles/s: ${Math.round(done / cpuSecs)}`);
