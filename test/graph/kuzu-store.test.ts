import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../graph/build.js';
import { KuzuStore } from '../../graph/kuzu-store.js';
import { addArticleRows } from '../../graph/article-rows.js';
import { BatchBuilder } from '../../graph/batch.js';
import { provinceGazetteer } from '../../graph/gazetteer.js';
import { ingestExtractions } from '../../graph/ingest.js';
import { batchSize, emptyBatch, NODE_LABELS, type GraphBatch } from '../../graph/schema.js';
import { QueryRefused, QueryTimeout } from '../../graph/store.js';
import { loadFixtures } from './fixtures.js';
import { dumpStore, testStore } from './store-conformance.js';

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
  it('resolves a first load from the mentions it wrote, reading none back, into the graph that resolving from the store gives', async () => {
    const xs = loadFixtures();
    /** The store, with the blocks each mentionsOf call read. */
    const watched = async (): Promise<{ s: KuzuStore; w: KuzuStore; reads: string[][] }> => {
      const s = await fresh();
      const reads: string[][] = [];
      const w = Object.create(s) as KuzuStore;
      w.mentionsOf = (ids) => (reads.push(ids), s.mentionsOf(ids));
      return { s, w, reads };
    };
    const fromStore = await watched();
    const firstLoad = await watched();
    try {
      // Stored first, resolved by the next run: a store that holds mentions is read.
      await ingestExtractions(xs, fromStore.w, { resolve: false });
      const later = await ingestExtractions([], fromStore.w);
      expect(later.resolution!.persons).toBeGreaterThan(3);
      expect(fromStore.reads.flat().length).toBe(later.resolution!.blocks);

      const first = await ingestExtractions(xs, firstLoad.w);
      expect(first.resolution).toEqual(later.resolution);
      expect(firstLoad.reads).toEqual([]);
      expect(await dumpStore(firstLoad.s)).toEqual(await dumpStore(fromStore.s));
      // Its files go when the run ends.
      expect(existsSync(join(firstLoad.s.scratch!, 'written-mentions'))).toBe(false);
    } finally {
      await fromStore.s.close();
      await firstLoad.s.close();
    }
  });

  it('resolves a first load in which a write failed from the store, into the graph of one clean run', async () => {
    const xs = loadFixtures();
    const clean = await fresh();
    const s = await fresh();
    try {
      await ingestExtractions(xs, clean);
      const reads: string[][] = [];
      const w = Object.create(s) as KuzuStore;
      w.mentionsOf = (ids) => (reads.push(ids), s.mentionsOf(ids));
      // The group's write fails (nothing of it lands); written again report by report, the reports land.
      let failed = false;
      w.writeBatch = (b, o) => (failed ? s.writeBatch(b, o) : ((failed = true), Promise.reject(new Error('connection lost'))));
      const run = await ingestExtractions(xs, w);
      expect(run.articles).toEqual({ new: xs.length, unchanged: 0, failed: 0 });
      expect(reads.flat().length).toBe(run.resolution!.blocks);
      expect(await dumpStore(s)).toEqual(await dumpStore(clean));
    } finally {
      await clean.close();
      await s.close();
    }
  });

  it("takes a large batch's mentions as new without reading them; one stored without its article makes the ingest write that group an article at a time, completing it", async () => {
    const xs = loadFixtures();
    const rowsOf = (x: (typeof xs)[number]): GraphBatch => {
      const bb = new BatchBuilder();
      addArticleRows(bb, x, provinceGazetteer);
      return bb.build();
    };
    const perArticle = xs.map((x) => rowsOf(x).nodes.Mention.length);
    const want = await (async () => {
      const s = await fresh();
      try {
        await ingestExtractions(xs, s);
        return await dumpStore(s);
      } finally {
        await s.close();
      }
    })();
    // A group looks nothing up; one article's mentions are looked up.
    const s = new KuzuStore({ path: join(root, `db${n++}`, 'kuzu'), bufferPoolBytes: 64 * 1024 * 1024, lookedUpMentions: Math.max(...perArticle) });
    await s.init();
    try {
      // What a write cut short outside a transaction leaves: a report's nodes, its Article not.
      const half = emptyBatch();
      for (const l of NODE_LABELS) if (l !== 'Article') (half.nodes[l] as unknown[]) = [...rowsOf(xs[0]!).nodes[l]];
      await s.writeBatch(half);
      const writes: GraphBatch[] = [];
      const counted = Object.create(s) as KuzuStore;
      counted.writeBatch = (b, o) => (writes.push(b), s.writeBatch(b, o));
      const summary = await ingestExtractions(xs, counted);
      expect(summary.articles).toEqual({ new: xs.length, unchanged: 0, failed: 0 });
      // The group, refused on the stored mention's primary key, then each article alone.
      expect(writes.map((b) => b.nodes.Article.length)).toEqual([xs.length, ...xs.map(() => 1)]);
      expect(await dumpStore(s)).toEqual(want);
    } finally {
      await s.close();
    }
  });

  it('merges into stored rows alike whether it reads them back by primary key or by a join over the table', async () => {
    const xs = loadFixtures();
    const dumps: unknown[] = [];
    // 1e-9: every found row read by key; 1e12: always the join.
    for (const storedRowsPerLookup of [1e-9, 1e12]) {
      const s = new KuzuStore({ path: join(root, `db${n++}`, 'kuzu'), bufferPoolBytes: 64 * 1024 * 1024, storedRowsPerLookup });
      await s.init();
      try {
        // Each report on its own, then all again: later writes find the bodies, posts and names stored.
        for (const x of xs) await ingestExtractions([x], s);
        await s.writeBatch(buildGraph(xs));
        dumps.push(await dumpStore(s));
      } finally {
        await s.close();
      }
    }
    const once = await fresh();
    try {
      await once.writeBatch(buildGraph(xs));
      expect(dumps[0]).toEqual(await dumpStore(once));
    } finally {
      await once.close();
    }
    expect(dumps[1]).toEqual(dumps[0]);
  });

  it('keeps deferred rows in Staged until settled, and a settle cut off between its transactions is finished by the next', async () => {
    const want = await (async () => {
      const s = await fresh();
      try {
        await s.writeBatch(buildGraph(loadFixtures()));
        return await dumpStore(s);
      } finally {
        await s.close();
      }
    })();
    const s = new KuzuStore({ path: join(root, `db${n++}`, 'kuzu'), bufferPoolBytes: 64 * 1024 * 1024, settleRows: 7 });
    await s.init();
    const staged = async (): Promise<number> => Number((await s.query('MATCH (x:Staged) RETURN count(*) AS n')).rows[0]!.n);
    try {
      // Written twice: the second time every row meets a stored one, so it is merged page by page, not copied.
      await s.writeBatch(buildGraph(loadFixtures()), { defer: true });
      expect((await s.stats()).totalEdges).toBe(0);
      const first = await staged();
      expect(first).toBe(batchSize(buildGraph(loadFixtures())).edges);
      await s.settle();
      expect(await staged()).toBe(0);
      await s.writeBatch(buildGraph(loadFixtures()), { defer: true });
      const before = await staged();
      expect(before).toBeGreaterThan(14);
      let steps = 0;
      const stop = new Error('killed');
      await expect(
        s.settle({
          onProgress: () => {
            if (++steps === 3) throw stop;
          },
        }),
      ).rejects.toBe(stop);
      const left = await staged();
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThan(before);
      await s.settle();
      expect(await staged()).toBe(0);
      expect(await dumpStore(s)).toEqual(want);
    } finally {
      await s.close();
    }
  });

  it('keeps edge lists as one encoded string column, and gives them back as lists', async () => {
    const s = await fresh();
    try {
      await s.writeBatch(buildGraph(loadFixtures()));
      const info = await s.query("CALL TABLE_INFO('ATTENDED') RETURN name, type");
      expect(info.rows.filter((c) => c.name === 'sources' || c.name === 'evidence').map((c) => c.type)).toEqual(['STRING', 'STRING']);
      const res = await s.query('MATCH (:Person)-[r:ATTENDED]->(:Conference) RETURN r, r.sources AS sources LIMIT 1');
      const rel = res.rows[0]!.r as { properties: Record<string, unknown> };
      expect(Array.isArray(rel.properties.sources) && Array.isArray(rel.properties.evidence)).toBe(true);
      expect(res.rows[0]!.sources).toEqual(rel.properties.sources);
      // Inside Cypher, the expression the README gives turns it back into the list, in the console too.
      const q = "MATCH (:Person)-[r:ATTENDED]->(:Conference) RETURN size(list_filter(string_split(substring(r.sources, 2, 2147483647), '|'), x -> x <> '')) AS n, r.sources AS s";
      for (const opts of [{}, { untrusted: true }]) {
        for (const row of (await s.query(q, {}, opts)).rows) expect(row.n).toBe((row.s as string[]).length);
      }
    } finally {
      await s.close();
    }
  });

  it('refuses, in one line naming the store, to write into a store whose edge lists are STRING[] columns, and still reads it', async () => {
    const path = join(root, 'old-layout', 'kuzu');
    const w = new KuzuStore({ path, bufferPoolBytes: 64 * 1024 * 1024 });
    // The layout of an earlier version: HELD's provenance as list columns.
    await w.query('CREATE NODE TABLE Person(id STRING PRIMARY KEY, name STRING)');
    await w.query('CREATE NODE TABLE Position(id STRING PRIMARY KEY, title STRING)');
    await w.query('CREATE REL TABLE HELD(FROM Person TO Position, sources STRING[], evidence STRING[])');
    await w.query("CREATE (:Person {id: 'per_1', name: 'A'})-[:HELD {sources: ['art_1', 'art_2'], evidence: []}]->(:Position {id: 'pos_1', title: 'B'})");
    await expect(w.init()).rejects.toThrow(/old-layout.*earlier layout \(STRING\[\] columns\).*new KUZU_PATH/);
    await w.close();
    const r = new KuzuStore({ path, readOnly: true, bufferPoolBytes: 64 * 1024 * 1024 });
    try {
      expect((await r.query('MATCH ()-[h:HELD]->() RETURN h.sources AS s')).rows).toEqual([{ s: ['art_1', 'art_2'] }]);
    } finally {
      await r.close();
    }
  });

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
