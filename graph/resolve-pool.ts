import { availableParallelism } from 'node:os';
import { parentPort, workerData, type Worker } from 'node:worker_threads';
import { startWorker } from '../ingest/worker-thread.js';
import { provinceGroup } from './gazetteer.js';
import type { MentionRecord } from './mention-record.js';
import { resolveMentions, type ResolvedPerson } from './resolve.js';

/**
 * Person resolution on every core: the groups of a chunk shared between this thread and worker
 * threads, the largest first to whichever has the least work, and the people handed back in the
 * groups' order. resolveMentions is pure, so who resolves a group does not change its people.
 * At a million reports resolution is the one stage left on one core (its large name blocks cost
 * more than the square root of their size would suggest), while the store's writes wait on it.
 */

type Pair = readonly [string, string];
export interface Judged {
  same: ReadonlyArray<Pair>;
  different: ReadonlyArray<Pair>;
}

// Records go out as JSON text (cheaper to read back than a structured clone, as in the extraction
// pool); people come back as a structured clone, which keeps their Map of links and an analyst's
// Infinity score.
type ToWorker = { seq: number; json: string };
type FromWorker = { seq: number; people: ResolvedPerson[][] } | { seq: number; error: string };

const here = import.meta.url;
const WORKER = new URL(here.endsWith('.ts') ? './resolve-worker.ts' : './resolve-worker.js', here);

/** Worker threads by default: one per core besides this one, which resolves its share too. */
export function defaultResolveWorkers(): number {
  const fromEnv = process.env.RESOLVE_WORKERS;
  if (fromEnv !== undefined && fromEnv !== '') {
    const n = Number(fromEnv);
    if (!Number.isInteger(n) || n < 0) throw new Error(`RESOLVE_WORKERS must be a whole number ≥ 0, not ${fromEnv}`);
    return n;
  }
  return Math.max(0, availableParallelism() - 1);
}

/** The longest this thread resolves without giving way to other work (ms). */
const YIELD_MS = 10;

/** What a group is expected to cost: large blocks compare far more pairs per mention. */
const costOf = (n: number): number => n * Math.sqrt(n);

interface Slot {
  worker: Worker | null;
  waiting: Map<number, { resolve: (p: ResolvedPerson[][]) => void; reject: (e: Error) => void }>;
}

export class ResolvePool {
  private readonly slots: Slot[] = [];
  private seq = 0;
  /** Said once, when a worker fails and this thread takes its share. */
  private warned = false;

  private readonly onNotice?: (message: string) => void;

  /** `workerModule`: the worker's module (default ./resolve-worker; tests pass one that crashes). */
  constructor(
    workers: number,
    private readonly judged: Judged,
    opts: { onNotice?: (message: string) => void; workerModule?: URL } = {},
  ) {
    this.onNotice = opts.onNotice;
    for (let i = 0; i < workers; i++) this.slots.push(this.spawn(opts.workerModule ?? WORKER));
  }

  private spawn(mod: URL): Slot {
    const worker = startWorker(mod, { same: this.judged.same, different: this.judged.different });
    worker.unref();
    const slot: Slot = { worker, waiting: new Map() };
    const fail = (why: string): void => {
      slot.worker = null;
      for (const w of slot.waiting.values()) w.reject(new Error(why));
      slot.waiting.clear();
    };
    worker.on('message', (m: FromWorker) => {
      const w = slot.waiting.get(m.seq);
      if (!w) return;
      slot.waiting.delete(m.seq);
      if (slot.waiting.size === 0) worker.unref();
      if ('error' in m) w.reject(new Error(m.error));
      else w.resolve(m.people);
    });
    worker.on('error', (e) => fail(e.message));
    worker.on('exit', (code) => fail(`exited with code ${code}`));
    return slot;
  }

  /** The people of each group, in the groups' order. */
  async resolve(groups: MentionRecord[][]): Promise<ResolvedPerson[][]> {
    const live = this.slots.filter((s) => s.worker !== null);
    // Shares: index 0 is this thread, then each live worker.
    const shares: number[][] = Array.from({ length: live.length + 1 }, () => []);
    const load = shares.map(() => 0);
    const order = groups.map((g, i) => i).sort((x, y) => groups[y]!.length - groups[x]!.length || x - y);
    for (const i of order) {
      let k = 0;
      for (let j = 1; j < load.length; j++) if (load[j]! < load[k]!) k = j;
      shares[k]!.push(i);
      load[k]! += costOf(groups[i]!.length);
    }
    const out: ResolvedPerson[][] = new Array(groups.length);
    // This thread's share gives way every few milliseconds, so that a store write in flight (the
    // last chunk's, graph/resolution-run.ts) goes on from one statement to the next meanwhile.
    const here = async (idx: number[]): Promise<void> => {
      let since = performance.now();
      for (const i of idx) {
        out[i] = resolveHere(groups[i]!, this.judged);
        if (performance.now() - since >= YIELD_MS) {
          await new Promise((go) => setImmediate(go));
          since = performance.now();
        }
      }
    };
    const sent = live.map((slot, j) => {
      const idx = shares[j + 1]!;
      if (idx.length === 0) return Promise.resolve();
      return this.send(slot, idx.map((i) => groups[i]!)).then(
        (people) => idx.forEach((i, k) => (out[i] = people[k]!)),
        (e: Error) => {
          if (!this.warned) this.onNotice?.(`a resolution worker failed (${e.message}); this thread resolves its share`);
          this.warned = true;
          return here(idx);
        },
      );
    });
    await here(shares[0]!);
    await Promise.all(sent);
    return out;
  }

  private send(slot: Slot, groups: MentionRecord[][]): Promise<ResolvedPerson[][]> {
    const seq = this.seq++;
    return new Promise((resolve, reject) => {
      if (!slot.worker) return reject(new Error('worker gone'));
      slot.waiting.set(seq, { resolve, reject });
      slot.worker.ref();
      slot.worker.postMessage({ seq, json: JSON.stringify(groups) } satisfies ToWorker);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker?.terminate().catch(() => undefined)));
    this.slots.length = 0;
  }
}

function resolveHere(records: MentionRecord[], judged: Judged): ResolvedPerson[] {
  return resolveMentions(records, { placeGroup: provinceGroup, same: judged.same, different: judged.different });
}

/** The worker side (graph/resolve-worker.ts). */
export function serveResolution(): void {
  const port = parentPort;
  if (!port) throw new Error('serveResolution must run in a worker thread');
  const judged = workerData as Judged;
  port.on('message', (m: ToWorker) => {
    let reply: FromWorker;
    try {
      reply = { seq: m.seq, people: (JSON.parse(m.json) as MentionRecord[][]).map((g) => resolveHere(g, judged)) };
    } catch (e) {
      reply = { seq: m.seq, error: (e as Error).message };
    }
    port.postMessage(reply);
  });
}
