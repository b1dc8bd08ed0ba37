import { availableParallelism } from 'node:os';
import { parentPort, Worker, type ResourceLimits } from 'node:worker_threads';
import { extractArticle } from './extract.js';
import type { Extraction } from './extraction-schema.js';
import type { Source } from './read.js';

/**
 * Extraction on every core: read sources in, `{file, extraction}` or `{file, reason}` out, in
 * input order, with the work done in worker threads. At most `window` reports are in flight (read
 * and not yet taken by the consumer), so memory stays bounded whatever the corpus size and a slow
 * consumer stalls the reading. A worker that dies fails the report it was on and is replaced; the
 * reports queued behind it go to another worker. Stopping early (break, return, throw) terminates
 * the workers; idle workers never keep the process alive.
 */

export type Extracted = { file: string; extraction: Extraction } | { file: string; reason: string };

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
  name: string;
  text: string;
}
type ToWorker = { items: { seq: number; name: string; text: string }[] };
// Extractions come back as JSON text: JSON.parse on the consuming thread costs a fraction of
// deserializing the structured clone of the same object (about 35 µs against 150 µs a report here).
type FromWorker = { ready: true } | { seq: number; json: string } | { seq: number; reason: string };

const here = import.meta.url;
const DEFAULT_WORKER = new URL(here.endsWith('.ts') ? './extract-worker.ts' : './extract-worker.js', here);
// Node 20 does not pass tsx's loader on to worker threads: a TypeScript worker starts through a
// small ES module that registers tsx first (works under `tsx`, `node --import tsx` and vitest).
const TS_BOOT = new URL('./ts-worker.mjs', here);

/** The worker side: answers each report of each batch as soon as it is extracted. */
export function serveExtraction(extract: (name: string, text: string) => Extraction): void {
  const port = parentPort;
  if (!port) throw new Error('serveExtraction must run in a worker thread');
  port.on('message', (m: ToWorker) => {
    for (const it of m.items) {
      let out: FromWorker;
      try {
        out = { seq: it.seq, json: JSON.stringify(extract(it.name, it.text)) };
      } catch (e) {
        out = { seq: it.seq, reason: `extraction failed: ${(e as Error).message}` };
      }
      port.postMessage(out);
    }
  });
  port.postMessage({ ready: true } satisfies FromWorker);
}

/** In the calling thread: the same contract without threads (workers: 0). */
async function* inline(sources: AsyncIterable<Source>): AsyncGenerator<Extracted> {
  for await (const s of sources) {
    if (!s.ok) yield { file: s.file, reason: s.reason };
    else {
      let out: Extracted;
      try {
        out = { file: s.file, extraction: extractArticle(s.name, s.text) };
      } catch (e) {
        out = { file: s.file, reason: `extraction failed: ${(e as Error).message}` };
      }
      yield out;
    }
  }
}

export async function* extractInWorkers(sources: AsyncIterable<Source>, opts: PoolOptions = {}): AsyncGenerator<Extracted> {
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
        if (!s.ok) ready.set(seq, { file: s.file, reason: s.reason });
        else pool.submit({ seq, file: s.file, name: s.name, text: s.text }, !sourceDone && nextSeq - nextOut < window);
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
  private readonly entry: URL;
  private readonly workerData: { url: string } | undefined;

  constructor(
    n: number,
    private readonly batch: number,
    private readonly opts: PoolOptions,
  ) {
    const mod = opts.workerModule ?? DEFAULT_WORKER;
    const ts = mod.pathname.endsWith('.ts');
    this.entry = ts ? TS_BOOT : mod;
    this.workerData = ts ? { url: mod.href } : undefined;
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
    const worker = new Worker(this.entry, { workerData: this.workerData, resourceLimits: this.opts.resourceLimits });
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
        const msg: ToWorker = { items: items.map((x) => ({ seq: x.seq, name: x.name, text: x.text })) };
        slot.worker.postMessage(msg);
      }
    }
  }
}
