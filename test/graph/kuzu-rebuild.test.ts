import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../graph/build.js';
import { lostKey, poolFull, rebuildKuzuStore } from '../../graph/kuzu-rebuild.js';
import { KuzuStore } from '../../graph/kuzu-store.js';
import { loadFixtures } from './fixtures.js';
import { dumpStore } from './store-conformance.js';

const root = mkdtempSync(join(tmpdir(), 'kuzu-rebuild-test-'));
let n = 0;
const open = (path: string): KuzuStore => new KuzuStore({ path, bufferPoolBytes: 64 * 1024 * 1024 });
const newPath = (): string => join(root, `db${n++}`, 'kuzu');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The graph of one clean, settled write of the fixtures. */
async function cleanGraph(): Promise<Awaited<ReturnType<typeof dumpStore>>> {
  const s = open(newPath());
  await s.init();
  try {
    await s.writeBatch(buildGraph(loadFixtures()));
    return await dumpStore(s);
  } finally {
    await s.close();
  }
}

const stagedRows = async (s: KuzuStore): Promise<number> => Number((await s.query('MATCH (x:Staged) RETURN count(*) AS n')).rows[0]!.n);

/** Runs `fn` on a new store holding the fixtures written deferred (rows in Staged, not yet settled), and closes it. */
async function withStaged(fn: (s: KuzuStore) => Promise<void>): Promise<void> {
  const s = open(newPath());
  await s.init();
  try {
    await s.writeBatch(buildGraph(loadFixtures()), { defer: true });
    await fn(s);
  } finally {
    await s.close();
  }
}

/** Makes the store's COPY statements from Staged fail with Kùzu's `message`, the first `times` of them; returns how many have failed. */
function failCopiesFromStaged(s: KuzuStore, message: string, times = 1): () => number {
  const store = s as unknown as { run: (cypher: string, params?: Record<string, unknown>) => Promise<void> };
  const run = store.run.bind(s);
  let failed = 0;
  store.run = async (cypher, params) => {
    if (failed < times && /^COPY \w+ FROM \(MATCH \(s:Staged\)/.test(cypher)) {
      failed++;
      throw new Error(message);
    }
    return run(cypher, params);
  };
  return () => failed;
}

describe('rebuilding the embedded store from its rows', () => {
  it('gives the same graph and the same rows kept aside, and the rebuilt store goes on taking writes', async () => {
    const want = await cleanGraph();
    const path = newPath();
    let s = open(path);
    await s.init();
    await s.writeBatch(buildGraph(loadFixtures()), { defer: true });
    const staged = await stagedRows(s);
    expect(staged).toBeGreaterThan(0);
    const before = await dumpStore(s);
    await s.close();

    const rebuilt = await rebuildKuzuStore(path, 64 * 1024 * 1024);
    expect(rebuilt.rows).toBeGreaterThan(staged);
    // Nothing of the work is left beside the store.
    expect(readdirSync(dirname(path)).filter((f) => f.includes('rebuild'))).toEqual([]);

    s = open(path);
    await s.init();
    try {
      expect(await dumpStore(s)).toEqual(before);
      expect(await stagedRows(s)).toBe(staged);
      await s.settle();
      expect(await dumpStore(s)).toEqual(want);
      // Written again (Staged's serial key goes on from where it was) and settled: still one clean write.
      await s.writeBatch(buildGraph(loadFixtures()), { defer: true });
      await s.settle();
      expect(await stagedRows(s)).toBe(0);
      expect(await dumpStore(s)).toEqual(want);
    } finally {
      await s.close();
    }
  });

  it('settles through a key its primary-key index has lost: rebuilds the store once, says so, and ends with the clean graph', async () => {
    const want = await cleanGraph();
    await withStaged(async (s) => {
      // Kùzu's own failure, as the million-report load met it, on the first COPY from Staged.
      const failed = failCopiesFromStaged(s, 'Copy exception: Unable to find primary key value men_0123456789abcdef.');
      const notices: string[] = [];
      await s.settle({ onNotice: (m) => notices.push(m) });
      expect(failed()).toBe(1);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain('men_0123456789abcdef');
      expect(notices[0]).toMatch(/rebuilding the store/);
      expect(await stagedRows(s)).toBe(0);
      expect(await dumpStore(s)).toEqual(want);
    });
  });

  it("settles through a buffer pool too small for a COPY from Staged: opens the store again with a larger pool once, says so, and ends with the clean graph", async () => {
    const want = await cleanGraph();
    await withStaged(async (s) => {
      // Kùzu's own failure, as settling a million-report load met it, on the first COPY from Staged.
      const failed = failCopiesFromStaged(s, 'Buffer manager exception: Unable to allocate memory! The buffer pool is full and no memory could be freed!');
      const notices: string[] = [];
      await s.settle({ onNotice: (m) => notices.push(m) });
      expect(failed()).toBe(1);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(/buffer pool of 64 MB is full; opening the store again with [\d,]+ MB/);
      expect(await stagedRows(s)).toBe(0);
      expect(await dumpStore(s)).toEqual(want);
    });
  });

  it('throws a full buffer pool that comes back after the store was opened again with the larger pool', async () => {
    await withStaged(async (s) => {
      const staged = await stagedRows(s);
      const failed = failCopiesFromStaged(s, 'Buffer manager exception: The buffer pool is full and no memory could be freed!', Infinity);
      const notices: string[] = [];
      await expect(s.settle({ onNotice: (m) => notices.push(m) })).rejects.toThrow(/buffer pool is full/);
      expect(failed()).toBe(2);
      expect(notices).toHaveLength(1);
      // Nothing applied, nothing lost: every staged row is still there for the next settle.
      expect(await stagedRows(s)).toBe(staged);
    });
  });

  it('puts the old file back when a rebuild stopped after moving it aside and before the new one was in place', async () => {
    const want = await cleanGraph();
    const path = newPath();
    let s = open(path);
    await s.init();
    await s.writeBatch(buildGraph(loadFixtures()));
    await s.close();
    // Where rebuildKuzuStore keeps the old file between its two renames; the half-made new one beside it.
    mkdirSync(`${path}.rebuild/db`, { recursive: true });
    renameSync(path, `${path}.rebuild/old`);
    expect(existsSync(path)).toBe(false);
    s = open(path);
    try {
      expect(await dumpStore(s)).toEqual(want);
      expect(existsSync(`${path}.rebuild`)).toBe(false);
    } finally {
      await s.close();
    }
  });

  it("tells Kùzu's lost-key and full-pool failures from other failures", () => {
    expect(lostKey(new Error('Copy exception: Unable to find primary key value men_c3c1fe2a8bb101c5.'))).toBe('men_c3c1fe2a8bb101c5');
    expect(lostKey(new Error('Runtime exception: Unable to find primary key value nam_9f2 in table Name'))).toBe('nam_9f2');
    expect(lostKey(new Error('Unable to find primary key value men_1'))).toBe('men_1');
    expect(lostKey(new Error('Runtime exception: Found duplicated primary key value per_1, which violates the uniqueness constraint.'))).toBeNull();
    expect(lostKey('Binder exception: Table Staged does not exist.')).toBeNull();
    expect(poolFull(new Error('Buffer manager exception: Unable to allocate memory! The buffer pool is full and no memory could be freed!'))).toBe(true);
    expect(poolFull(new Error('Copy exception: Unable to find primary key value men_1.'))).toBe(false);
  });
});
