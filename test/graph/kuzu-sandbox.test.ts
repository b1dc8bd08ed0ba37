import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KuzuSandbox } from '../../graph/kuzu-sandbox.js';
import { KuzuStore } from '../../graph/kuzu-store.js';
import { QueryLimitExceeded, QueryRefused, QueryTimeout } from '../../graph/store.js';
import { openSampleKuzu } from '../viewer/sample-store.js';

/**
 * Console queries on the embedded store opened read-only (as `npm start` serves it) run in child
 * processes: what crashes, hangs or balloons there ends with an error for that query only.
 */

const GiB = 1024 ** 3;
const rss = (pid: number): number => Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096;

/** Runs `work` while sampling the resident size of the sandbox's processes and of this one; returns the peaks. */
async function peakMemory<T>(pids: () => number[], work: () => Promise<T>): Promise<{ result: T | Error; child: number; self: number; ms: number }> {
  let child = 0;
  let self = 0;
  const t0 = Date.now();
  const timer = setInterval(() => {
    self = Math.max(self, process.memoryUsage().rss);
    for (const pid of pids()) {
      try {
        child = Math.max(child, rss(pid));
      } catch {
        // the process ended between listing and reading
      }
    }
  }, 10);
  try {
    const result = await work().catch((e: Error) => e);
    return { result, child, self, ms: Date.now() - t0 };
  } finally {
    clearInterval(timer);
  }
}

const nested = (n: number) => `RETURN ${'['.repeat(n)}1${']'.repeat(n)} AS x`;

let dir: string;
let store: KuzuStore;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kuzu-sandbox-'));
  await (await openSampleKuzu(join(dir, 'db'))).close();
  store = new KuzuStore({ path: join(dir, 'db'), readOnly: true });
});

afterAll(async () => {
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the query sandbox', () => {
  it('ends only its own process when a query crashes Kùzu (1,000 brackets deep); the next query answers', async () => {
    const sandbox = new KuzuSandbox({ path: join(dir, 'db'), processes: 1 });
    try {
      const err = await sandbox.run(nested(1000), { timeoutMs: 20_000 }).catch((e: Error) => e);
      expect(err).toBeInstanceOf(QueryLimitExceeded);
      expect((err as Error).message).toMatch(/crashed the isolated query process \(SIGSEGV\)/);
      const next = await sandbox.run('MATCH (p:Person) RETURN count(p) AS n', { timeoutMs: 20_000 });
      expect(Number(next.rows[0]!.n)).toBeGreaterThan(0);
    } finally {
      await sandbox.close();
    }
  }, 60_000);

  it('answers a console query given an empty list parameter, which Kùzu 0.11 itself ends the process on', async () => {
    const sandbox = new KuzuSandbox({ path: join(dir, 'db'), processes: 1 });
    try {
      const res = await sandbox.run('MATCH (p:Person) WHERE p.id IN $ids RETURN count(p) AS n', { timeoutMs: 20_000, params: { ids: [] } });
      expect(Number(res.rows[0]!.n)).toBe(0);
    } finally {
      await sandbox.close();
    }
  }, 60_000);

  it('stops a query at the time limit while Kùzu is still parsing it (CASE nested 40 deep)', async () => {
    const sandbox = new KuzuSandbox({ path: join(dir, 'db'), processes: 1 });
    try {
      await sandbox.run('RETURN 1 AS warm', { timeoutMs: 20_000 });
      const slowParse = `RETURN ${'CASE WHEN true THEN '.repeat(40)}1${' END'.repeat(40)} AS x`;
      const t0 = Date.now();
      const err = await sandbox.run(slowParse, { timeoutMs: 1_000 }).catch((e: Error) => e);
      expect(err).toBeInstanceOf(QueryTimeout);
      expect(Date.now() - t0).toBeLessThan(3_000);
      expect(Number((await sandbox.run('RETURN 2 AS x', { timeoutMs: 20_000 })).rows[0]!.x)).toBe(2);
    } finally {
      await sandbox.close();
    }
  }, 60_000);

  it('keeps UNWIND range(1, 1e9) under 1 GB and ends it within the time limit', async () => {
    const q = 'UNWIND range(1, 1000000000) AS x RETURN count(x)';
    const { result, child, self, ms } = await peakMemory(() => [], () => store.query(q, {}, { untrusted: true, timeoutMs: 5_000 }));
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).name).toMatch(/QueryLimitExceeded|QueryTimeout/);
    expect(ms).toBeLessThan(5_000 + 1_500);
    expect(self).toBeLessThan(GiB);
    expect(child).toBeLessThan(GiB);
  }, 60_000);

  it('watches resident memory where the address space is not capped, and stops the query at the ceiling', async () => {
    const sandbox = new KuzuSandbox({ path: join(dir, 'db'), processes: 1, memoryBytes: 400 * 1024 ** 2, capAddressSpace: false });
    try {
      await sandbox.run('RETURN 1 AS warm', { timeoutMs: 20_000 });
      const { result, child } = await peakMemory(() => sandbox.pids(), () => sandbox.run('UNWIND range(1, 1000000000) AS x RETURN count(x)', { timeoutMs: 20_000 }));
      expect(result).toBeInstanceOf(QueryLimitExceeded);
      expect((result as Error).message).toMatch(/used more than 400 MB/);
      expect(child).toBeLessThan(GiB);
    } finally {
      await sandbox.close();
    }
  }, 60_000);

  it('refuses a plan that is not a read query, as the database gives it', async () => {
    const sandbox = new KuzuSandbox({ path: join(dir, 'db'), processes: 1 });
    try {
      // Past the statement check (the sandbox alone is asked here): the plan says what it is.
      await expect(sandbox.run('INSTALL json', { timeoutMs: 20_000 })).rejects.toThrow(/read-only query refused: its plan uses INSTALL_EXTENSION/);
      await expect(sandbox.run('CHECKPOINT', { timeoutMs: 20_000 })).rejects.toThrow(/TRANSACTION, not a read operator/);
    } finally {
      await sandbox.close();
    }
  }, 60_000);

  it('ends its processes when closed', async () => {
    const sandbox = new KuzuSandbox({ path: join(dir, 'db'), processes: 2 });
    await Promise.all([sandbox.run('RETURN 1 AS a', { timeoutMs: 20_000 }), sandbox.run('RETURN 2 AS b', { timeoutMs: 20_000 })]);
    const pids = sandbox.pids();
    expect(pids).toHaveLength(2);
    await sandbox.close();
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  }, 60_000);
});

describe('console queries on the embedded store', () => {
  const escapes = ['UPDATE json', 'UNINSTALL json', 'INSTALL httpfs', 'COMMENT ON TABLE Person IS "x"', "RETURN nextval('s')", "LOAD FROM '/etc/passwd' (file_format='csv') RETURN *", 'CALL threads=1'];

  it('refuses extension, COMMENT, sequence and file statements, isolated or not', async () => {
    const writable = new KuzuStore({ path: join(dir, 'copy') });
    try {
      await writable.init();
      for (const s of [store, writable]) {
        for (const q of escapes) {
          const err = await s.query(q, {}, { untrusted: true, timeoutMs: 5_000 }).catch((e: Error) => e);
          expect(err, q).toBeInstanceOf(QueryRefused);
          expect((err as Error).message, q).toMatch(/^read-only query refused: /);
        }
      }
    } finally {
      await writable.close();
    }
  }, 60_000);

  it('answers the application\'s reads while slow console queries run', async () => {
    const slow = 'UNWIND range(1, 40000) AS a UNWIND range(1, 40000) AS b WITH a, b WHERE (a * b) % 7 = 3 RETURN count(*) AS n';
    const consoles = [1, 2, 3].map(() => store.query(slow, {}, { untrusted: true, timeoutMs: 4_000 }).catch((e: Error) => e));
    await new Promise((r) => setTimeout(r, 300));
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = Date.now();
      const res = await store.query('MATCH (p:Person) WHERE p.name = $n RETURN count(p) AS c', { n: 'Phạm Thị Phúc' }, { readOnly: true });
      times.push(Date.now() - t0);
      expect(res.rows[0]!.c).toBe(1);
    }
    // Before, the console shared the one connection: each read waited for the whole 4 s query.
    console.log(`reads beside 3 slow console queries: ${times.join(', ')} ms`);
    expect(Math.max(...times)).toBeLessThan(1_500);
    for (const e of await Promise.all(consoles)) expect(e).toBeInstanceOf(QueryTimeout);
  }, 60_000);

  it('runs several of the application\'s slow reads side by side, not one after another', async () => {
    const slow = 'UNWIND range(1, 3000) AS a UNWIND range(1, 3000) AS b WITH a, b WHERE (a * b) % 7 = 3 RETURN count(*) AS n';
    const t1 = Date.now();
    await store.query(slow, {}, { readOnly: true });
    const one = Date.now() - t1;
    const t0 = Date.now();
    let quick = 0;
    const slowOne = store.query(slow, {}, { readOnly: true });
    // While it runs, quick reads get their own connections.
    while (Date.now() - t0 < one / 2) {
      await store.query('RETURN 1 AS x', {}, { readOnly: true });
      quick++;
    }
    await slowOne;
    expect(quick).toBeGreaterThan(1);
  }, 60_000);
});
