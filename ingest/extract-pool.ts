import { availableParallelism } from 'node:os';
import { parentPort, type ResourceLimits, type Worker } from 'node:worker_threads';
import { extractArticle } from './extract.js';
import type { Extraction } from './extraction-schema.js';
import { readSources, type Source } from './read.js';
import { startWorker } from './worker-thread.js';

/**
 * Extraction on every core: read sources in (or just file paths, which the workers then read
 * themselves), `{file, extraction}` or `{file, reason}` out, in input order, with the work done in
 * worker threads. At most `window` reports are in flight (read
 * and not yet taken by the consumer), so memory stays bounded whatever the corpus size and a slow
 * consumer stalls the reading. A worker that dies fails the report it was on and is replaced; the
 * reports queued behind it go to another worker. Stopping early (break, return, throw) terminates
 * the workers; idle workers never keep the process alive.
 */

export type Extracted = { file: string; extraction: Extraction } | { file: string; reason: string };

/**
 * What the pool takes: a read source (readSources), a file that could not be listed (listFiles'
 * `{file, reason}`), or a bare `{file}` (listFiles' output) that a worker reads and decodes, which
 * keeps the reading off the consuming thread (readShard/listShard in ingest/shard.ts give either).
 */
export type PoolInput = Source | { file: string; reason: string } | { file: string };

export interface PoolOptions {
  /** Worker threads (default: os.availableParallelism()); 0 extracts in the calling thread. */
  workers?: number;
  /** Reports read and not yet yielded, at most (default 32 per worker). */
  window?: number;
  /** Reports per message to a worker (default 4): fewer messages, less overhead per report. */
  batch?: number;
  /** The worker module (default ./extract-worker): it calls serveExtraction. Tests pass one that crashes. */
  workerModule?: URL;
  resourceLimits?: ResourceLimits;
}

interface Item {
  seq: number;
  file: string;
  /** Absent: the worker reads the file. */
  name?: string;
  text?: string;
}
type WorkItem = { seq: number; name: string; text: string } | { seq: number; file: string };
type ToWorker = { items: WorkItem[] };
// Extractions come back as JSON text: JSON.parse on the consuming thread costs a fraction of
// deserializing the structured clone of the same object (about 35 µs against 150 µs a report here).
type FromWorker = { ready: true } | { seq: number; json: string } | { seq: number; reason: string };

const here = import.meta.url;
const DEFAULT_WORKER = new URL(here.endsWith('.ts') ? './extract-worker.ts' : './extract-worker.js', here);

/**
 * The worker side: answers each report as soon as it is done, one report at a time in the order
 * received (the pool blames a crash on the first unanswered report).
 */
export function serveExtraction(extract: (name: string, text: string) => Extraction): void {
  const port = parentPort;
  if (!port) throw new Error('serveExtraction must run in a worker thread');
  const queue: WorkItem[] = [];
  let running = false;
  const drain = async (): Promise<void> => {
    running = true;
    while (queue.length > 0) port.postMessage(await answer(queue.shift()!, extract));
    running = false;
  };
  port.on('message', (m: ToWorker) => {
    queue.push(...m.items);
    if (!running) void drain();
  });
  port.postMessage({ ready: true } satisfies FromWorker);
}

async function answer(it: WorkItem, extract: (name: string, text: string) => Extraction): Promise<FromWorker> {
  const src = 'text' in it ? it : await readOne(it.file);
  if ('reason' in src) return { seq: it.seq, reason: src.reason };
  try {
    return { seq: it.seq, json: JSON.stringify(extract(src.name, src.text)) };
  } catch (e) {
    return { seq: it.seq, reason: `extraction failed: ${(e as Error).message}` };
  }
}

/** One file, read and decoded as readSources does it, with its reasons. */
async function readOne(file: string): Promise<{ name: string; text: string } | { reason: string }> {
  for await (const s of readSources([file])) return s.ok ? s : { reason: s.reason };
  return { reason: 'no such file or folder' };
}

/** In the calling thread: the same contract without threads (workers: 0). */
async function* inline(sources: AsyncIterable<PoolInput>): AsyncGenerator<Extracted> {
  for await (const input of sources) {
    const src = 'reason' in input || 'text' in input ? input : await readOne(input.file);
    if ('reason' in src) {
      yield { file: input.file, reason: src.reason };
      continue;
    }
    let out: Extracted;
    try {
      out = { file: input.file, extraction: extractArticle(src.name, src.text) };
    } catch (e) {
      out = { file: input.file, reason: `extraction failed: ${(e as Error).message}` };
    }
    yield out;
  }
}

export async function* extractInWorkers(sources: AsyncIterable<PoolInput>, opts: PoolOptions = {}): AsyncGenerator<Extracted> {
  const n = opts.workers ?? availableParallelism();
  if (!Number.isInteger(n) || n < 0) throw new Error(`workers must be a whole number ≥ 0, not ${n}`);
  if (n === 0) return yield* inline(sources);
  const batch = Math.max(1, opts.batch ?? 4);
  const window = Math.max(batch, opts.window ?? 32 * n);
  const pool = new Pool(n, batch, opts);
  const it = sources[Symbol.asyncIterator]();
  const ready = new Map<number, Extracted>();
  let nextSeq = 0;
  let nextOut = 0;
  let sourceDone = false;
  let pulling = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  pool.onResult = (seq, item) => {
    ready.set(seq, item);
    notify();
  };
  pool.onFatal = (e) => {
    failure ??= e;
    notify();
  };
  // Reads ahead until the window is full; runs beside the consumer, never past the window.
  const pump = async (): Promise<void> => {
    if (pulling) return;
    pulling = true;
    try {
      while (!sourceDone && failure === null && nextSeq - nextOut < window) {
        const r = await it.next();
        if (r.done) {
          sourceDone = true;
          break;
        }
        const seq = nextSeq++;
        const s = r.value;
        if ('reason' in s) ready.set(seq, { file: s.file, reason: s.reason });
        else pool.submit('text' in s ? { seq, file: s.file, name: s.name, text: s.text } : { seq, file: s.file }, nextSeq - nextOut < window);
      }
      pool.flush();
    } catch (e) {
      failure ??= e;
    } finally {
      pulling = false;
      notify();
    }
  };
  try {
    for (;;) {
      void pump();
      while (ready.has(nextOut)) {
        const item = ready.get(nextOut)!;
        ready.delete(nextOut);
        nextOut++;
        void pump();
        yield item;
      }
      if (failure !== null) throw failure;
      if (sourceDone && nextOut === nextSeq) return;
      await new Promise<void>((r) => (wake = r));
    }
  } finally {
    await pool.close();
    // Stopped early: let the source close its files.
    if (!sourceDone) await it.return?.().catch(() => undefined);
  }
}

interface Slot {
  worker: Worker;
  /** Sent, not answered, in the order sent. */
  outstanding: Item[];
  ready: boolean;
  dead: boolean;
}

class Pool {
  onResult: (seq: number, item: Extracted) => void = () => undefined;
  onFatal: (e: Error) => void = () => undefined;
  private readonly slots: Slot[] = [];
  private queue: Item[] = [];
  private closing = false;
  private startFailures = 0;
  private readonly module: URL;

  constructor(
    n: number,
    private readonly batch: number,
    private readonly opts: PoolOptions,
  ) {
    this.module = opts.workerModule ?? DEFAULT_WORKER;
    for (let i = 0; i < n; i++) this.slots.push(this.spawn());
  }

  /** Queues a report; `more` says whether more are coming right away (else partial batches go out). */
  submit(item: Item, more: boolean): void {
    this.queue.push(item);
    this.dispatch(!more);
  }

  flush(): void {
    this.dispatch(true);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.queue = [];
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }

  private spawn(): Slot {
    const worker = startWorker(this.module, {}, this.opts.resourceLimits);
    const slot: Slot = { worker, outstanding: [], ready: false, dead: false };
    worker.unref();
    worker.on('message', (m: FromWorker) => this.onMessage(slot, m));
    worker.on('error', (e) => this.onDeath(slot, e.message));
    worker.on('exit', (code) => this.onDeath(slot, `exited with code ${code}`));
    return slot;
  }

  private onMessage(slot: Slot, m: FromWorker): void {
    if ('ready' in m) {
      slot.ready = true;
      this.startFailures = 0;
      return;
    }
    const i = slot.outstanding.findIndex((x) => x.seq === m.seq);
    if (i < 0) return;
    const [item] = slot.outstanding.splice(i, 1);
    if (slot.outstanding.length === 0) slot.worker.unref();
    this.onResult(m.seq, 'json' in m ? { file: item!.file, extraction: JSON.parse(m.json) as Extraction } : { file: item!.file, reason: m.reason });
    this.dispatch(false);
  }

  private onDeath(slot: Slot, why: string): void {
    if (slot.dead) return;
    slot.dead = true;
    if (this.closing) return;
    const lost = slot.outstanding;
    slot.outstanding = [];
    if (slot.ready && lost.length > 0) {
      // The report it was on is the one that killed it; those queued behind it are innocent.
      const culprit = lost.shift()!;
      this.onResult(culprit.seq, { file: culprit.file, reason: `extraction worker crashed: ${why}` });
    } else if (!slot.ready && ++this.startFailures >= 3) {
      this.onFatal(new Error(`extraction workers cannot start: ${why}`));
      return;
    }
    this.queue = [...lost, ...this.queue];
    const i = this.slots.indexOf(slot);
    this.slots[i] = this.spawn();
    this.dispatch(true);
  }

  /**
   * Gives each live worker up to two batches ahead. A part batch goes out only to an idle worker
   * or when no more reports are coming, so messages stay full while the source keeps up.
   */
  private dispatch(partial: boolean): void {
    if (this.closing) return;
    for (const slot of this.slots) {
      if (slot.dead) continue;
      while (this.queue.length > 0 && slot.outstanding.length < 2 * this.batch) {
        if (this.queue.length < this.batch && !partial && slot.outstanding.length > 0) break;
        const items = this.queue.splice(0, this.batch);
        if (slot.outstanding.length === 0) slot.worker.ref();
        slot.outstanding.push(...items);
        const msg: ToWorker = { items: items.map((x) => (x.text !== undefined ? { seq: x.seq, name: x.name!, text: x.text } : { seq: x.seq, file: x.file })) };
        slot.worker.postMessage(msg);
      }
    }
  }
}
