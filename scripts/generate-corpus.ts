/**
 * A realistic generated corpus for benchmarks and for measuring person resolution:
 *
 *   npm run generate -- --reports N --out DIR [--seed S] [--writers W]
 *
 * writes DIR/0000/0000000.txt … (at most 1,000 files a folder), DIR/truth.jsonl (one line per
 * report: the people in it with their true person id), DIR/people.jsonl (every official's true
 * career) and DIR/corpus.json (what was generated). Four genres (conference reports, council
 * sessions, party congresses, personnel news) about a population of officials whose careers run
 * from 2015 to 2026 across posts and provinces, through the 1 July 2025 merger, with namesakes and
 * page furniture. Report i depends only on (seed, i): the first N reports of a larger corpus are
 * the corpus of N. Names are invented from common syllables.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmdirSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseArgs } from 'node:util';
import { generateReport, iso, type GeneratedReport } from './corpus/report.js';
import { canonicalPost } from './corpus/render.js';
import { buildWorld, unitNameOn, type World } from './corpus/world.js';

export { generateReport, type GeneratedReport, type Genre, type TruthPerson } from './corpus/report.js';
export { buildWorld, type World } from './corpus/world.js';

export const DEFAULT_SEED = 1;
export const FILES_PER_FOLDER = 1000;

/** Where report i lives, relative to the corpus folder: '0012/0012345.txt'. */
export function reportPath(index: number): string {
  return `${String(Math.floor(index / FILES_PER_FOLDER)).padStart(4, '0')}/${String(index).padStart(7, '0')}.txt`;
}

/** Report i of the corpus of a seed. */
export function corpusReport(index: number, seed = DEFAULT_SEED): GeneratedReport {
  return generateReport(buildWorld(seed), index);
}

/** One line of truth.jsonl. */
export function truthLine(rep: GeneratedReport): string {
  return JSON.stringify({ file: reportPath(rep.index), index: rep.index, genre: rep.genre, date: rep.date, province: rep.province, persons: rep.persons });
}

/** One line of people.jsonl per official: their true career. */
export function peopleLines(world: World): string[] {
  return world.people.map((p) =>
    JSON.stringify({
      id: `p${p.id}`,
      name: p.name,
      gender: p.female ? 'female' : 'male',
      born: p.born,
      spells: p.spells.map((s) => ({
        post: canonicalPost(s.post, s.from),
        province: s.post.unit === world.centre ? null : unitNameOn(s.post.unit, s.from),
        from: iso(Math.max(s.from, -1e7)),
        to: s.to === null ? null : iso(s.to),
        start: s.start,
        end: s.end,
      })),
    }),
  );
}

export interface WriteOptions {
  seed?: number;
  /**
   * Threads that write the files (default 2): the generating thread hands each report's text over
   * and goes on. Creating a million small files costs the kernel about as much as generating them,
   * and part of it is waiting on the file system, so two writers overlap their waits with each
   * other and with the generation. 0: everything on the calling thread.
   */
  writers?: number;
  /** Called every 1,000 reports. */
  onProgress?: (done: number) => void;
}

export interface WriteResult {
  reports: number;
  bytes: number;
  seconds: number;
}

const MANIFEST = 'corpus.json';
/** Reports per message to a writer thread, and messages in flight per writer at most (memory stays a few MB). */
const BATCH = 250;
const IN_FLIGHT = 3;

/**
 * Writes the first n reports of the seed's corpus into dir (created if missing). A folder holding
 * anything but a corpus generated here is refused; a generated one is rewritten to exactly n reports.
 */
export async function writeCorpus(dir: string, n: number, opts: WriteOptions = {}): Promise<WriteResult> {
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--reports must be a whole number ≥ 0, not ${n}`);
  const t0 = performance.now();
  mkdirSync(dir, { recursive: true });
  const previous = existingCorpus(dir);
  const world = buildWorld(seed);
  const writers = opts.writers ?? 2;
  if (!Number.isSafeInteger(writers) || writers < 0) throw new Error(`writers must be a whole number ≥ 0, not ${writers}`);
  const files: FileSink = writers === 0 ? syncSink() : threadSink(writers);
  const truthFd = openSync(join(dir, 'truth.jsonl'), 'w');
  let truth: string[] = [];
  let truthLen = 0;
  let bytes = 0;
  try {
    for (let i = 0; i < n; i++) {
      if (i % FILES_PER_FOLDER === 0) mkdirSync(join(dir, reportPath(i).slice(0, 4)), { recursive: true });
      const rep = generateReport(world, i);
      bytes += await files.write(`${dir}/${reportPath(i)}`, rep.text);
      const line = truthLine(rep);
      truth.push(line);
      truthLen += line.length;
      if (truthLen > 1 << 22) {
        writeSync(truthFd, `${truth.join('\n')}\n`);
        truth = [];
        truthLen = 0;
      }
      if ((i + 1) % 1000 === 0) opts.onProgress?.(i + 1);
    }
    if (truth.length) writeSync(truthFd, `${truth.join('\n')}\n`);
    bytes += await files.close();
  } finally {
    closeSync(truthFd);
    await files.abort();
  }
  // A smaller corpus over a larger one: the reports beyond n go.
  for (let i = n; i < (previous?.reports ?? 0); i++) {
    try {
      unlinkSync(join(dir, reportPath(i)));
    } catch {
      /* already gone */
    }
    if ((i + 1) % FILES_PER_FOLDER === 0 || i + 1 === previous!.reports) removeIfEmpty(join(dir, reportPath(i).slice(0, 4)));
  }
  writeFileSync(join(dir, 'people.jsonl'), `${peopleLines(world).join('\n')}\n`);
  writeFileSync(
    join(dir, MANIFEST),
    `${JSON.stringify({ generator: 'scripts/generate-corpus.ts', seed, reports: n, files: 'NNNN/NNNNNNN.txt', truth: 'truth.jsonl', people: 'people.jsonl' }, null, 2)}\n`,
  );
  return { reports: n, bytes, seconds: (performance.now() - t0) / 1000 };
}

/** Where report files go: written now (returns the bytes), or handed to a thread (bytes counted at close). */
interface FileSink {
  write(path: string, text: string): Promise<number> | number;
  /** Waits for every file; the bytes not yet counted. */
  close(): Promise<number>;
  /** Stops the thread, if any (after close, or on failure). */
  abort(): Promise<void>;
}

function syncSink(): FileSink {
  // Encoding into one reused buffer costs a third of Buffer.from's allocation per report.
  const scratch = Buffer.allocUnsafe(1 << 16);
  return {
    write(path, text) {
      const len = scratch.write(text, 0, 'utf8');
      const out = len > scratch.length - 8 ? Buffer.from(text, 'utf8') : scratch.subarray(0, len);
      writeFileSync(path, out);
      return out.length;
    },
    close: async () => 0,
    abort: async () => undefined,
  };
}

// The writer thread: plain CommonJS (no TypeScript loader needed), encodes and writes each batch, answers with its bytes.
const WRITER = `
const { parentPort } = require('node:worker_threads');
const { writeFileSync } = require('node:fs');
const scratch = Buffer.allocUnsafe(1 << 16);
parentPort.on('message', (batch) => {
  let bytes = 0;
  try {
    for (let i = 0; i < batch.length; i += 2) {
      const len = scratch.write(batch[i + 1], 0, 'utf8');
      const out = len > scratch.length - 8 ? Buffer.from(batch[i + 1], 'utf8') : scratch.subarray(0, len);
      writeFileSync(batch[i], out);
      bytes += out.length;
    }
    parentPort.postMessage({ bytes });
  } catch (e) {
    parentPort.postMessage({ error: e.message });
  }
});`;

function threadSink(n: number): FileSink {
  const workers = Array.from({ length: n }, () => new Worker(WRITER, { eval: true }));
  let batch: string[] = [];
  let next = 0;
  let bytes = 0;
  let pending = 0;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const settle = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  for (const worker of workers) {
    worker.on('message', (m: { bytes: number } | { error: string }) => {
      pending--;
      if ('error' in m) failure ??= new Error(`cannot write the corpus: ${m.error}`);
      else bytes += m.bytes;
      settle();
    });
    worker.on('error', (e) => {
      failure ??= new Error(`corpus writer thread failed: ${e.message}`);
      settle();
    });
  }
  const send = async (): Promise<void> => {
    if (batch.length === 0) return;
    // Round robin: batches are the same size, so the writers stay level.
    workers[next++ % n]!.postMessage(batch);
    batch = [];
    pending++;
    while (pending >= IN_FLIGHT * n && !failure) await new Promise<void>((r) => (wake = r));
    if (failure) throw failure;
  };
  return {
    write(path, text) {
      batch.push(path, text);
      return batch.length >= 2 * BATCH ? send().then(() => 0) : 0;
    },
    async close() {
      await send();
      while (pending > 0 && !failure) await new Promise<void>((r) => (wake = r));
      if (failure) throw failure;
      return bytes;
    },
    abort: () => Promise.all(workers.map((w) => w.terminate())).then(() => undefined),
  };
}

function existingCorpus(dir: string): { reports: number } | null {
  const entries = readdirSync(dir);
  if (entries.length === 0) return null;
  const m = join(dir, MANIFEST);
  if (!existsSync(m)) throw new Error(`${dir}: not empty and not a generated corpus (no ${MANIFEST}); choose an empty or new folder`);
  try {
    const j = JSON.parse(readFileSync(m, 'utf8')) as { reports?: unknown };
    return { reports: typeof j.reports === 'number' ? j.reports : 0 };
  } catch (e) {
    throw new Error(`${m}: unreadable manifest (${(e as Error).message})`);
  }
}

function removeIfEmpty(folder: string): void {
  try {
    if (readdirSync(folder).length === 0) rmdirSync(folder);
  } catch {
    /* not there */
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      reports: { type: 'string', short: 'n' },
      out: { type: 'string', short: 'o' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      quiet: { type: 'boolean', short: 'q', default: false },
      writers: { type: 'string', default: '2' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const usage = 'usage: npm run generate -- --reports N --out DIR [--seed S] [--writers W (threads writing files, default 2; 0: all on one thread)] [--quiet]';
  if (values.help) {
    console.log(usage);
    return;
  }
  const n = Number(values.reports?.replace(/[_,]/g, ''));
  const seed = Number(values.seed);
  if (!values.reports || !Number.isSafeInteger(n) || n < 0) throw new Error(`--reports N is required (a whole number); ${usage}`);
  if (!values.out) throw new Error(`--out DIR is required; ${usage}`);
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`--seed must be a whole number from 0 to 4294967295, not '${values.seed}'`);
  const writers = Number(values.writers);
  if (!Number.isSafeInteger(writers) || writers < 0 || writers > 16) throw new Error(`--writers must be a whole number from 0 to 16, not '${values.writers}'`);
  const { createProgress } = await import('../graph/progress.js');
  const progress = values.quiet ? null : createProgress({ label: 'generate', unit: 'reports', total: n });
  let res: WriteResult;
  try {
    res = await writeCorpus(values.out, n, { seed, writers, onProgress: (d) => progress?.update(d) });
  } finally {
    progress?.stop();
  }
  console.log(`generated ${res.reports} reports (seed ${seed}), ${(res.bytes / Math.max(1, res.reports) / 1024).toFixed(1)} KiB on average, in ${values.out}: ${res.seconds.toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: Error) => {
    console.error(`error: ${e.message}`);
    process.exit(1);
  });
}
