import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestExtractions } from '../../graph/ingest.js';
import { KuzuStore } from '../../graph/kuzu-store.js';
import { resolvePending } from '../../graph/resolution-run.js';
import { StaleWork } from '../../graph/store.js';
import { loadFixtures } from './fixtures.js';
import { dumpStore } from './store-conformance.js';

const root = mkdtempSync(join(tmpdir(), 'resolution-run-test-'));
let n = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A store holding the fixtures' reports, their people not resolved yet. */
async function unresolved(): Promise<KuzuStore> {
  const s = new KuzuStore({ path: join(root, `db${n++}`, 'kuzu'), bufferPoolBytes: 64 * 1024 * 1024 });
  await s.init();
  await ingestExtractions(loadFixtures(), s, { resolve: false });
  return s;
}

/** `body` on a store of unresolved reports (unresolved()), closed after. */
async function onUnresolved<T>(body: (s: KuzuStore) => Promise<T>): Promise<T> {
  const s = await unresolved();
  try {
    return await body(s);
  } finally {
    await s.close();
  }
}

/** The graph one clean run gives, resolved in a single chunk (made once, for every test). */
let clean: Promise<Awaited<ReturnType<typeof dumpStore>>> | null = null;
const cleanGraph = () =>
  (clean ??= onUnresolved(async (s) => {
    await resolvePending(s, { workers: 0 });
    return dumpStore(s);
  }));

/** The store, its person-layer writes replaced by `write` (given the call's number, from 0). */
function watched(s: KuzuStore, write: (call: number, go: () => Promise<unknown>) => Promise<unknown>): KuzuStore {
  const w = Object.create(s) as KuzuStore;
  let calls = 0;
  w.replacePersonLayer = (...args) => write(calls++, () => s.replacePersonLayer(...args)) as ReturnType<KuzuStore['replacePersonLayer']>;
  return w;
}

describe('resolvePending', () => {
  it('reads and resolves the next chunk while the last is written, chunks landing one at a time, into the graph of a single chunk', async () => {
    const want = await cleanGraph();
    await onUnresolved(async (s) => {
      let writing = 0;
      let most = 0;
      let readsDuringWrites = 0;
      const w = watched(s, async (_call, go) => {
        most = Math.max(most, ++writing);
        try {
          return await go();
        } finally {
          writing--;
        }
      });
      w.mentionsOf = (ids) => {
        if (writing > 0) readsDuringWrites++;
        return s.mentionsOf(ids);
      };
      const done: number[] = [];
      const summary = await resolvePending(w, { workers: 0, chunkMentions: 1, onProgress: (e) => e.phase === 'people' && done.push(e.done) });
      expect(summary.blocks).toBeGreaterThan(3);
      expect(most).toBe(1);
      expect(readsDuringWrites).toBeGreaterThan(0);
      expect(done).toEqual([...done].sort((a, b) => a - b));
      expect(done.at(-1)).toBe(done.length);
      expect(await dumpStore(s)).toEqual(want);
    });
  });

  it('reads and resolves again a chunk whose write is refused as stale, ending with the graph of a clean run', async () => {
    const want = await cleanGraph();
    await onUnresolved(async (s) => {
      let refused = 0;
      const w = watched(s, (call, go) => (call === 1 ? (refused++, Promise.reject(new StaleWork('moved meanwhile'))) : go()));
      await resolvePending(w, { workers: 0, chunkMentions: 1 });
      expect(refused).toBe(1);
      expect(await dumpStore(s)).toEqual(want);
    });
  });

  it('stops at a failed write with its error, leaving what did not land to the next run, which completes the graph', async () => {
    const want = await cleanGraph();
    await onUnresolved(async (s) => {
      const w = watched(s, (call, go) => (call === 2 ? Promise.reject(new Error('disk full')) : go()));
      await expect(resolvePending(w, { workers: 0, chunkMentions: 1 })).rejects.toThrow('disk full');
      expect((await s.dirtyNames()).length).toBeGreaterThan(0);
      await resolvePending(s, { workers: 0 });
      expect(await dumpStore(s)).toEqual(want);
    });
  });
});
