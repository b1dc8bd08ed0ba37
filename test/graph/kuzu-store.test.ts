import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../graph/build.js';
import { KuzuStore } from '../../graph/kuzu-store.js';
import { QueryRefused, QueryTimeout } from '../../graph/store.js';
import { loadFixtures } from './fixtures.js';
import { testStore } from './store-conformance.js';

const root = mkdtempSync(join(tmpdir(), 'kuzu-store-test-'));
let n = 0;
const fresh = async (): Promise<KuzuStore> => {
  const s = new KuzuStore({ path: join(root, `db${n++}`, 'kuzu'), bufferPoolBytes: 64 * 1024 * 1024 });
  await s.init();
  return s;
};
afterAll(() => rmSync(root, { recursive: true, force: true }));

testStore('kuzu', fresh);

describe('KuzuStore specifics', () => {
  it('keeps what it wrote across a reopen, and opens read-only for a server', async () => {
    const path = join(root, 'reopen', 'kuzu');
    const w = new KuzuStore({ path, bufferPoolBytes: 64 * 1024 * 1024 });
    await w.init();
    await w.writeBatch(buildGraph(loadFixtures()));
    const before = await w.stats();
    await w.close();
    const r = new KuzuStore({ path, readOnly: true, bufferPoolBytes: 64 * 1024 * 1024 });
    expect(await r.stats()).toEqual(before);
    await expect(r.writeBatch(buildGraph(loadFixtures()))).rejects.toBeInstanceOf(QueryRefused);
    await r.close();
  });

  it('leaves no temporary CSV folder behind once a write is done, before the store is closed', async () => {
    const copies = () => new Set(readdirSync(tmpdir()).filter((f) => f.startsWith('kuzu-copy-')));
    const before = copies();
    const s = await fresh();
    try {
      await s.writeBatch(buildGraph(loadFixtures()));
      expect((await s.stats()).totalNodes).toBeGreaterThan(0);
      expect([...copies()].filter((f) => !before.has(f))).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('applies a query timeout as a QueryTimeout', async () => {
    const s = await fresh();
    try {
      await expect(s.query('UNWIND range(1, 20000) AS x UNWIND range(1, 20000) AS y WITH x, y WHERE (x + y) % 7 = 3 RETURN count(*) AS c', {}, { timeoutMs: 50 })).rejects.toBeInstanceOf(QueryTimeout);
      // The connection is usable afterwards, without the timeout.
      expect((await s.query('RETURN 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await s.close();
    }
  });
});
