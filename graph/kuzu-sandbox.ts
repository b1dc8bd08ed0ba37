import { execFile, fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { QueryLimitExceeded, QueryRefused, QueryTimeout } from './query-errors.js';
import { kuzuPlanOperators, kuzuPlanRefusal } from './query-guard.js';

/**
 * Console queries on the embedded store, run where they cannot hurt the API: a small pool of
 * child processes (kuzu-sandbox-worker.mjs), each with the graph opened read-only and its own small
 * buffer pool. A process is killed when its query passes the time limit, wherever the query is
 * (Kùzu checks its own timeout only while executing, not while parsing or planning), or when it
 * grows past the memory ceiling (address space capped with prlimit where there is one, resident
 * size watched in any case); a crash (a deeply nested query overflows Kùzu's parser stack) ends
 * only that process. Each failure is one error for that request; the next query gets a new process.
 */

export interface KuzuSandboxOptions {
  /** The database folder (it must not be open read-write by anyone: Kùzu locks it). */
  path: string;
  /** Query processes, i.e. console queries running at once; more wait their turn (default 2). */
  processes?: number;
  /** Memory a query process may use beyond its start (address space) and in all (resident), bytes (default 768 MiB). */
  memoryBytes?: number;
  /** Each process's buffer pool (default 128 MiB). */
  bufferPoolBytes?: number;
  /** Kùzu threads per query (default 1: the machine is shared with the API). */
  threads?: number;
  /** Largest result a query may send back, serialized (default 32 MiB). */
  maxResultBytes?: number;
  /** Time after the limit that Kùzu gets to stop by itself before the process is killed (default 250 ms). */
  graceMs?: number;
  /** Cap the address space with prlimit when it is installed (default true; the resident-size watch runs either way). */
  capAddressSpace?: boolean;
}

export interface SandboxResult {
  columns: string[];
  /** Rows as Kùzu gives them (bigints, Dates, internal ids); the store converts them. */
  rows: Record<string, unknown>[];
  truncated: boolean;
}

const WORKER = fileURLToPath(new URL('./kuzu-sandbox-worker.mjs', import.meta.url));
const MiB = 1024 * 1024;
const WATCH_MS = 20;
/** When a process may take to open the database before it counts as failed. */
const START_TIMEOUT_MS = 30_000;

type Reply = { type: 'done'; id: number; text?: string; columns?: string[]; rows?: Record<string, unknown>[]; truncated?: boolean; tooLarge?: number } | { type: 'failed'; id: number; message: string };

/** Resident memory of a process in bytes (Linux /proc), or null where that cannot be read. */
function residentBytes(pid: number): number | null {
  try {
    const pages = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
    return Number.isFinite(pages) ? pages * 4096 : null;
  } catch {
    return null;
  }
}

/** Caps the address space of a running process with util-linux prlimit; false where it is missing or refused. */
function capAddressSpace(pid: number, bytes: number): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('prlimit', ['--pid', String(pid), `--as=${Math.floor(bytes)}`], { timeout: 5_000 }, (err) => resolve(!err));
  });
}

const MEMORY_ERROR = /bad_alloc|out of memory|Mmap for size|Buffer manager exception|Cannot allocate memory/i;

class Worker {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  /** Why the process ended (a signal or a code), once it has. */
  exit: string | null = null;
  /** The kill was ours, and why. */
  killedFor: Error | null = null;
  private nextId = 1;
  private pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();

  constructor(private readonly opts: Required<KuzuSandboxOptions>) {
    const args = JSON.stringify({ path: opts.path, bufferPoolBytes: opts.bufferPoolBytes, threads: opts.threads });
    this.child = fork(WORKER, [args], {
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // Fewer malloc arenas: less address space per thread, so the cap bites on data, not on bookkeeping.
      env: { ...process.env, MALLOC_ARENA_MAX: '2' },
    });
    // Below the API in the scheduler: a console query takes only the CPU that the API leaves.
    try {
      if (this.child.pid) setPriority(this.child.pid, 10);
    } catch {
      // not permitted here: run at normal priority
    }
    let stderr = '';
    this.child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.kill(new Error('the query process did not start in time'));
        reject(new Error(`the isolated query process did not open ${opts.path} within ${START_TIMEOUT_MS / 1000} s`));
      }, START_TIMEOUT_MS);
      this.child.on('message', (m: { type: string; vmBytes?: number | null; message?: string }) => {
        if (m.type === 'ready') {
          clearTimeout(timer);
          const cap = m.vmBytes && opts.capAddressSpace ? capAddressSpace(this.child.pid!, m.vmBytes + opts.memoryBytes) : Promise.resolve(false);
          void cap.then(() => resolve());
        } else if (m.type === 'fatal') {
          clearTimeout(timer);
          reject(new Error(`the isolated query process could not open the graph: ${m.message}`));
        } else this.reply(m as Reply);
      });
      this.child.on('exit', (code, signal) => {
        clearTimeout(timer);
        this.exit = signal ?? `exit code ${code}`;
        const why = this.killedFor ?? new QueryLimitExceeded(`query stopped: it crashed the isolated query process (${this.exit}); the server keeps running${stderr.trim() ? ` (${stderr.trim().split('\n').pop()})` : ''}`);
        reject(why);
        for (const p of this.pending.values()) p.reject(why);
        this.pending.clear();
      });
    });
    this.ready.catch(() => undefined);
  }

  get alive(): boolean {
    return this.exit === null;
  }

  kill(reason: Error): void {
    if (!this.alive) return;
    this.killedFor ??= reason;
    this.child.kill('SIGKILL');
  }

  private reply(m: Reply): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    p.resolve(m);
  }

  /** Sends one request and waits for its answer, the process's end, or the deadline (then kills). */
  request(msg: Record<string, unknown>, deadline: number, timeoutMs: number): Promise<Reply> {
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      const stop = (): void => {
        clearTimeout(timer);
        clearInterval(watch);
      };
      this.pending.set(id, {
        resolve: (r) => {
          stop();
          resolve(r);
        },
        reject: (e) => {
          stop();
          reject(e);
        },
      });
      const timer = setTimeout(
        () => this.kill(new QueryTimeout(`query terminated: it ran past the time limit of ${timeoutMs} ms`)),
        Math.max(0, deadline - Date.now()) + this.opts.graceMs,
      );
      const pid = this.child.pid!;
      const watch = setInterval(() => {
        const rss = residentBytes(pid);
        if (rss !== null && rss > this.opts.memoryBytes) {
          this.kill(new QueryLimitExceeded(`query stopped: it used more than ${Math.round(this.opts.memoryBytes / MiB)} MB of memory`));
        }
      }, WATCH_MS);
      this.child.send({ id, ...msg }, (err) => {
        if (err) this.kill(new Error(`the isolated query process could not be reached: ${err.message}`));
      });
    });
  }
}

export class KuzuSandbox {
  private readonly opts: Required<KuzuSandboxOptions>;
  private readonly slots: (Worker | null)[];
  private readonly idle: number[] = [];
  private readonly waiting: { give: (slot: number) => void; fail: (e: Error) => void }[] = [];
  private closed = false;

  constructor(opts: KuzuSandboxOptions) {
    this.opts = { processes: 2, memoryBytes: 768 * MiB, bufferPoolBytes: 128 * MiB, threads: 1, maxResultBytes: 32 * MiB, graceMs: 250, capAddressSpace: true, ...opts };
    this.slots = Array.from({ length: Math.max(1, this.opts.processes) }, () => null);
    this.idle = this.slots.map((_, i) => i);
  }

  private acquire(deadline: number, timeoutMs: number): Promise<number> {
    const slot = this.idle.shift();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise<number>((resolve, reject) => {
      const entry = {
        give: (s: number): void => {
          clearTimeout(timer);
          resolve(s);
        },
        fail: (e: Error): void => {
          clearTimeout(timer);
          reject(e);
        },
      };
      // Waiting counts against the limit: the user waits either way.
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(new QueryTimeout(`query terminated: it waited past the time limit of ${timeoutMs} ms for a free query process`));
      }, Math.max(0, deadline - Date.now()));
      this.waiting.push(entry);
    });
  }

  private release(slot: number): void {
    const next = this.waiting.shift();
    if (next) next.give(slot);
    else this.idle.push(slot);
  }

  private worker(slot: number): Worker {
    const w = this.slots[slot];
    if (w?.alive) return w;
    const fresh = new Worker(this.opts);
    this.slots[slot] = fresh;
    return fresh;
  }

  /** The plan check, then the query; throws QueryRefused, QueryTimeout or QueryLimitExceeded. */
  async run(cypher: string, opts: { timeoutMs: number; rowLimit?: number; params?: Record<string, unknown> }): Promise<SandboxResult> {
    if (this.closed) throw new Error('the query sandbox is closed');
    const deadline = Date.now() + opts.timeoutMs;
    const slot = await this.acquire(deadline, opts.timeoutMs);
    try {
      const w = this.worker(slot);
      await beforeDeadline(w.ready, deadline, opts.timeoutMs);
      const params = opts.params ?? {};
      const plan = await w.request({ kind: 'explain', cypher, params }, deadline, opts.timeoutMs);
      if (plan.type === 'failed') throw failure(plan.message, opts.timeoutMs);
      const why = kuzuPlanRefusal(kuzuPlanOperators(plan.text ?? ''));
      if (why) throw new QueryRefused(`read-only query refused: ${why}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new QueryTimeout(`query terminated: it ran past the time limit of ${opts.timeoutMs} ms`);
      const res = await w.request({ kind: 'run', cypher, params, timeoutMs: left, rowLimit: opts.rowLimit ?? Number.MAX_SAFE_INTEGER, maxResultBytes: this.opts.maxResultBytes }, deadline, opts.timeoutMs);
      if (res.type === 'failed') throw failure(res.message, opts.timeoutMs);
      if (res.tooLarge) throw new QueryLimitExceeded(`query stopped: its result passed ${Math.round(this.opts.maxResultBytes / MiB)} MB; ask for fewer rows or columns`);
      return { columns: res.columns ?? [], rows: res.rows ?? [], truncated: res.truncated ?? false };
    } finally {
      this.release(slot);
    }
  }

  /** Process ids of the live query processes (tests check they are gone after close). */
  pids(): number[] {
    return this.slots.flatMap((w) => (w?.alive && w.child.pid ? [w.child.pid] : []));
  }

  async close(): Promise<void> {
    this.closed = true;
    const ending = this.slots.map((w) => {
      if (!w?.alive) return Promise.resolve();
      return new Promise<void>((resolve) => {
        w.child.once('exit', () => resolve());
        w.kill(new Error('the query sandbox is closing'));
      });
    });
    await Promise.all(ending);
    for (const w of this.waiting.splice(0)) w.fail(new Error('the query sandbox is closing'));
  }
}

/** The promise, or a QueryTimeout when the deadline comes first. */
async function beforeDeadline<T>(p: Promise<T>, deadline: number, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueryTimeout(`query terminated: it ran past the time limit of ${timeoutMs} ms while its query process started`)), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A query process's error message as the error the store throws. */
function failure(message: string, timeoutMs: number): Error {
  if (/interrupt/i.test(message)) return new QueryTimeout(`query terminated: it ran past the time limit of ${timeoutMs} ms`);
  if (MEMORY_ERROR.test(message)) return new QueryLimitExceeded(`query stopped: it needs more memory than the console allows (${message})`);
  return new Error(message);
}
