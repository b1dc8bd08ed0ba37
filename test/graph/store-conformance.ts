import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addArticleRows } from '../../graph/article-rows.js';
import { BatchBuilder, mergeBatches } from '../../graph/batch.js';
import { buildGraph } from '../../graph/build.js';
import type { Extraction } from '../../ingest/extraction-schema.js';
import { provinceGazetteer } from '../../graph/gazetteer.js';
import { ingestExtractions } from '../../graph/ingest.js';
import type { Judgement } from '../../graph/judgements.js';
import { sightings } from '../../graph/evidence.js';
import { QUERIES, runNamedQuery } from '../../graph/queries.js';
import { EDGES, EDGE_TYPES, NODES, NODE_LABELS, batchSize, emptyBatch, type GraphBatch } from '../../graph/schema.js';
import { QueryRefused, QueryTimeout, StaleWork, type GraphNode, type GraphPath, type GraphRel, type GraphStore, type Row, type WriteCounts } from '../../graph/store.js';
import { fixture, loadFixtures } from './fixtures.js';

/**
 * One behaviour, every store: each store's test file calls testStore with a factory that returns
 * a fresh, empty, initialised store (unjs/unstorage's testDriver idea).
 */
export type StoreFactory = () => Promise<GraphStore>;

/** Every node and edge with its properties, in a canonical order (list values sorted: a union keeps first-seen order). */
type Dump = string[];
const canon = (v: unknown): unknown => (Array.isArray(v) ? [...v].map(String).sort() : v ?? null);
const asIs = (v: unknown): unknown => v ?? null;
/** `inOrder`: lists as stored, where a union's first-seen order shows (by default sorted). */
interface DumpOptions {
  inOrder?: boolean;
}
const liner =
  (opts: DumpOptions) =>
  (head: string, props: Record<string, unknown>): string =>
    `${head} ${JSON.stringify(Object.fromEntries(Object.keys(props).sort().map((k) => [k, (opts.inOrder ? asIs : canon)(props[k])])))}`;

/** The rows of these reports' article layer (no Person layer), one batch a report. */
const articleBatches = (xs: Extraction[]): GraphBatch[] =>
  xs.map((x) => {
    const bb = new BatchBuilder();
    addArticleRows(bb, x, provinceGazetteer);
    return bb.build();
  });

export async function dumpStore(store: GraphStore, opts: DumpOptions = {}): Promise<Dump> {
  const line = liner(opts);
  const out: string[] = [];
  for (const l of NODE_LABELS) {
    for (const r of (await store.query(`MATCH (n:${l}) RETURN n`)).rows) {
      const n = r.n as GraphNode;
      out.push(line(`${l} ${n.id}`, Object.fromEntries(Object.keys(NODES[l]).map((k) => [k, n.properties[k] ?? null]))));
    }
  }
  for (const t of EDGE_TYPES) {
    for (const r of (await store.query(`MATCH (a)-[e:${t}]->(b) RETURN a.id AS a, b.id AS b, e`)).rows) {
      const e = r.e as GraphRel;
      out.push(line(`${t} ${String(r.a)} ${String(r.b)}`, Object.fromEntries(Object.keys(EDGES[t].props).map((k) => [k, e.properties[k] ?? null]))));
    }
  }
  return out.sort();
}

export function dumpBatch(b: GraphBatch, opts: DumpOptions = {}): Dump {
  const line = liner(opts);
  const out: string[] = [];
  for (const l of NODE_LABELS) for (const n of b.nodes[l]) out.push(line(`${l} ${n.id}`, Object.fromEntries(Object.keys(NODES[l]).map((k) => [k, (n as Record<string, unknown>)[k] ?? null]))));
  for (const t of EDGE_TYPES) for (const e of b.edges[t]) out.push(line(`${t} ${e.source} ${e.target}`, Object.fromEntries(Object.keys(EDGES[t].props).map((k) => [k, (e as Record<string, unknown>)[k] ?? null]))));
  return out.sort();
}

const build = (xs = loadFixtures()): GraphBatch => buildGraph(xs, { gazetteer: provinceGazetteer });

const sorted = (rows: Row[], ...cols: string[]): string[] => rows.map((r) => cols.map((c) => JSON.stringify(r[c])).join(' | ')).sort();

/** Parameters and the rows each named query must return on the fixtures. */
const EXPECTED: Record<string, { params: Record<string, unknown>; check: (rows: Row[]) => void }> = {
  people: {
    params: { name: 'trần văn khải' },
    check: (rows) => expect(sorted(rows, 'name', 'scope', 'reports')).toEqual(['"Trần Văn Khải" | "lâm đồng" | 2', '"Trần Văn Khải" | "quảng ninh" | 1']),
  },
  'conference-people': {
    params: { conference: 'dân vận năm 2023' },
    check: (rows) =>
      expect(sorted(rows, 'role', 'person')).toEqual(
        ['"ATTENDED" | "Trần Văn Khải"', '"AWARDED" | "Lương Thị Mến"', '"CHAIRED" | "Nguyễn Thị Hoà"', '"REPORTED_AT" | "Phạm Quốc Bảo"'].sort(),
      ),
  },
  'person-conferences': {
    params: { person: 'Nguyễn Thị Hòa', from: '2024-01-01', to: '2024-12-31' },
    check: (rows) => expect(sorted(rows, 'date', 'role')).toEqual(['"2024-01-10" | "ATTENDED"', '"2024-01-10" | "SPOKE_AT"']),
  },
  'position-timeline': {
    params: { person: 'nguyễn thị hoà' },
    check: (rows) => {
      expect(sorted(rows, 'title', 'body', 'firstSeen', 'lastSeen')).toEqual([
        '"Trưởng Ban Dân vận" | "Tỉnh ủy Lâm Đồng" | "2023-12-22" | "2024-01-10"',
        '"Ủy viên Ban Thường vụ" | "Tỉnh ủy Lâm Đồng" | "2023-12-22" | "2024-01-10"',
      ]);
      for (const r of rows) expect([...(r.sources as string[])].sort()).toEqual(['101_ld_danvan_2023.txt', '102_ld_ubnd_2024.txt']);
    },
  },
  career: {
    params: { person: 'tran van khai' },
    check: (rows) => {
      // Typed without diacritics, the name finds both namesakes; the Lâm Đồng one moved up the ladder.
      const ld = rows.filter((r) => r.province === 'Lâm Đồng');
      expect(sorted(ld, 'title', 'from', 'to', 'status')).toEqual([
        '"Chủ tịch" | "2024-01-10" | "2024-01-10" | "current"',
        '"Phó Bí thư" | "2024-01-10" | "2024-01-10" | "current"',
        '"Phó Chủ tịch" | "2023-12-22" | "2024-01-10" | "former"',
      ]);
      expect(ld.find((r) => r.title === 'Phó Chủ tịch')!.endInferred).toBe(true);
      expect(new Set(rows.map((r) => r.personId)).size).toBe(2);
      for (const r of rows) expect((r.sources as string[]).length).toBeGreaterThan(0);
    },
  },
  'post-holders': {
    params: { post: 'chu tich ubnd tinh lam dong' },
    check: (rows) => expect(sorted(rows, 'title', 'body', 'person', 'from')).toEqual(['"Chủ tịch" | "Ủy ban nhân dân tỉnh Lâm Đồng" | "Trần Văn Khải" | "2024-01-10"']),
  },
  successions: {
    params: {},
    // The fixtures name no post held by two people one after the other (the dedicated test below does).
    check: (rows) => expect(rows).toEqual([]),
  },
  moves: {
    params: { from: '2024-01-01', to: '2024-12-31', province: 'lâm đồng' },
    check: (rows) =>
      expect(sorted(rows, 'person', 'toTitle', 'date', 'fromPosts')).toEqual([
        '"Trần Văn Khải" | "Chủ tịch" | "2024-01-10" | ["Phó Chủ tịch Ủy ban nhân dân tỉnh Lâm Đồng"]',
        '"Trần Văn Khải" | "Phó Bí thư" | "2024-01-10" | ["Phó Chủ tịch Ủy ban nhân dân tỉnh Lâm Đồng"]',
      ]),
  },
  'why-same': {
    params: { a: 'Nguyễn Thị Hòa' },
    check: (rows) => {
      expect(rows).toHaveLength(2);
      const joined = rows.find((r) => r.link !== null)!;
      const link = JSON.parse(String(joined.link)) as { score: number; reasons: string[] };
      expect(link.score).toBeGreaterThanOrEqual(3);
      expect(link.reasons.join('; ')).toMatch(/same post/);
    },
  },
  'position-changes': {
    params: { a: '101_ld_danvan_2023.txt', b: '102_ld_ubnd_2024.txt' },
    check: (rows) =>
      expect(sorted(rows, 'person', 'change', 'title')).toEqual([
        '"Trần Văn Khải" | "gained" | "Chủ tịch"',
        '"Trần Văn Khải" | "gained" | "Phó Bí thư"',
        '"Trần Văn Khải" | "lost" | "Phó Chủ tịch"',
      ]),
  },
  'co-attendance': {
    params: { person: 'Phạm Quốc Bảo', min: 2 },
    check: (rows) => {
      // The Quảng Ninh namesake of Phạm Quốc Bảo is another person: only the Lâm Đồng one has pairs twice.
      expect(sorted(rows, 'person', 'other', 'times')).toEqual(['"Phạm Quốc Bảo" | "Nguyễn Thị Hoà" | 2', '"Phạm Quốc Bảo" | "Trần Văn Khải" | 2']);
      for (const r of rows) expect(typeof r.times).toBe('number');
    },
  },
  conferences: {
    params: { organizer: 'ủy ban nhân dân', locality: 'lâm đồng', from: '2024-01-01', to: '2024-06-30' },
    check: (rows) => {
      expect(rows).toHaveLength(1);
      expect(rows[0]!.title).toBe('Hội nghị triển khai nhiệm vụ kinh tế - xã hội năm 2024');
      expect(rows[0]!.organizers).toEqual(['Ủy ban nhân dân tỉnh Lâm Đồng']);
    },
  },
  'shortest-connection': {
    params: { a: 'Lương Thị Mến', b: 'Phạm Quốc Bảo' },
    check: (rows) => {
      expect(rows).toHaveLength(1);
      expect(rows[0]!.hops).toBe(2);
      const path = rows[0]!.path as GraphPath;
      expect(path._kind).toBe('path');
      expect(path.nodes.map((n) => n.label)).toEqual(['Person', 'Conference', 'Person']);
      expect(path.rels).toHaveLength(2);
      const ids = new Set(path.nodes.map((n) => n.id));
      for (const r of path.rels) expect(ids.has(r.source) && ids.has(r.target)).toBe(true);
    },
  },
};

/** Fixture b as a later report in which another Chủ tịch of the same committee is named. */
function laterChair(article: string, hashChar: string, date: string) {
  const later = fixture('b');
  later.article = article;
  later.contentHash = hashChar.repeat(64);
  later.eventDate = later.reportDate = later.publishedDate = date;
  for (const p of later.people) if (p.name === 'Trần Văn Khải') p.name = 'Đinh Công Lực';
  for (const e of later.evidence) if (e.person === 'Trần Văn Khải') e.person = 'Đinh Công Lực';
  return later;
}

/** The store, its writes failing while the article with this content hash is in the batch: a connection that stays down. */
function failingWith(store: GraphStore, contentHash: string): GraphStore {
  const flaky: GraphStore = Object.create(store) as GraphStore;
  flaky.writeBatch = async (b, o) => {
    if (b.nodes.Article.some((a) => a.contentHash === contentHash)) throw new Error('connection lost');
    return store.writeBatch(b, o);
  };
  return flaky;
}

export function testStore(name: string, factory: StoreFactory): void {
  describe(`GraphStore conformance: ${name}`, () => {
    let store: GraphStore;
    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      await store?.close();
    });

    it('init is idempotent and an empty store is empty', async () => {
      await store.init();
      const s = await store.stats();
      expect(s.totalNodes).toBe(0);
      expect(s.totalEdges).toBe(0);
      expect(Object.keys(s.nodes).sort()).toEqual([...NODE_LABELS].sort());
    });

    it('writes a batch, and writing it again creates nothing', async () => {
      const batch = build();
      const size = batchSize(batch);
      const first = await store.writeBatch(batch);
      expect(first).toEqual<WriteCounts>({ nodesCreated: size.nodes, edgesCreated: size.edges, nodesWritten: size.nodes, edgesWritten: size.edges });
      const before = await store.stats();
      const again = await store.writeBatch(build());
      expect(again.nodesCreated).toBe(0);
      expect(again.edgesCreated).toBe(0);
      expect(await store.stats()).toEqual(before);
      expect(before.totalNodes).toBe(size.nodes);
      expect(before.totalEdges).toBe(size.edges);
      // Evidence lists did not grow either.
      const ev = await store.query('MATCH (p:Person)-[r:CHAIRED]->(c:Conference) WHERE p.name = $n RETURN r.evidence AS ev, r.sources AS src', { n: 'Nguyễn Thị Hoà' });
      expect(ev.rows).toHaveLength(1);
      expect((ev.rows[0]!.ev as string[]).length).toBe(1);
      expect((ev.rows[0]!.src as string[]).length).toBe(1);
    });

    it('ingesting report by report, in any order and in several runs, gives the graph of one clean run', async () => {
      for (const x of [fixture('c'), fixture('b'), fixture('a')]) await ingestExtractions([x], store);
      expect(await dumpStore(store)).toEqual(dumpBatch(build()));
      const held = await store.query(
        "MATCH (p:Person)-[h:HELD]->(pos:Position) WHERE p.nameKey = 'nguyễn thị hòa' RETURN h.firstSeen AS f, h.lastSeen AS l, h.asOf AS asOf, h.sources AS s",
      );
      expect(held.rows).toHaveLength(2);
      // The list as the store returns it (the embedded store keeps an edge's lists encoded, and decodes them).
      for (const { s, ...r } of held.rows) {
        expect(r).toEqual({ f: '2023-12-22', l: '2024-01-10', asOf: '2024-01-10' });
        expect(s).toHaveLength(2);
      }
      // A second pass over the same reports changes nothing.
      const again = await ingestExtractions([fixture('a'), fixture('b'), fixture('c')], store);
      expect(again.articles).toEqual({ new: 0, unchanged: 3, failed: 0 });
      expect(again.resolution?.blocks).toBe(0);
      expect(await dumpStore(store)).toEqual(dumpBatch(build()));
    });

    it('takes a report seen again in a later group of the same run as unchanged, once', async () => {
      // Groups of one: each report's group has landed when the next report is looked up.
      const twice = [fixture('a'), fixture('a'), fixture('b'), fixture('b'), fixture('c'), fixture('c')];
      const first = await ingestExtractions(twice, store, { groupSize: 1 });
      expect(first.articles).toEqual({ new: 3, unchanged: 3, failed: 0 });
      expect(await dumpStore(store)).toEqual(dumpBatch(build()));
    });

    it('writes a group that fails one report at a time, naming the one that failed, and the next group still lands', async () => {
      const run = await ingestExtractions([fixture('b'), fixture('a'), fixture('c')], failingWith(store, fixture('b').contentHash), { groupSize: 2 });
      expect(run.articles).toEqual({ new: 2, unchanged: 0, failed: 1 });
      expect(run.failures).toEqual([{ file: '102_ld_ubnd_2024.txt', reason: 'write failed: connection lost' }]);
      expect((await ingestExtractions(loadFixtures(), store)).articles).toEqual({ new: 1, unchanged: 2, failed: 0 });
      expect(await dumpStore(store)).toEqual(dumpBatch(build()));
    });

    it('rows written deferred are, once settled, the graph the same rows written directly give, lists in the same order; settling again changes nothing', async () => {
      const xs = [fixture('b'), fixture('a'), fixture('c')];
      const batches = articleBatches(xs);
      const want = mergeBatches(batches);
      // Reports that share rows, so some lists are unions across writes and their order is tested.
      expect(dumpBatch(want).some((l) => /\["[^"]+","[^"]+"/.test(l))).toBe(true);
      const created = { nodes: 0, edges: 0 };
      for (const b of batches) {
        const c = await store.writeBatch(b, { defer: true });
        created.nodes += c.nodesCreated;
        created.edges += c.edgesCreated;
      }
      const progress: { done: number; total: number }[] = [];
      const settled = await store.settle({ onProgress: (e) => progress.push(e) });
      expect(await dumpStore(store, { inOrder: true })).toEqual(dumpBatch(want, { inOrder: true }));
      expect(created.nodes + settled.nodesCreated).toBe(batchSize(want).nodes);
      expect(created.edges + settled.edgesCreated).toBe(batchSize(want).edges);
      if (progress.length > 0) expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
      expect(await store.settle()).toEqual({ nodesCreated: 0, edgesCreated: 0, nodesWritten: 0, edgesWritten: 0 });
      // The same rows deferred again merge into what is stored: nothing new, nothing changed.
      for (const b of articleBatches(xs)) await store.writeBatch(b, { defer: true });
      expect((await store.settle()).edgesCreated).toBe(0);
      expect(await dumpStore(store, { inOrder: true })).toEqual(dumpBatch(want, { inOrder: true }));
    });

    it('derives successions from spells on one post, and re-derives them when a new holder arrives', async () => {
      await ingestExtractions(loadFixtures(), store);
      // A later report names another Chủ tịch of the same committee.
      const later = laterChair('103_ld_later.txt', 'f', '2026-01-15');
      await ingestExtractions([later], store);
      const s = await runNamedQuery(store, 'successions', { post: 'Chủ tịch Ủy ban nhân dân tỉnh Lâm Đồng' });
      expect(sorted(s.rows, 'predecessor', 'successor', 'date', 'inferred')).toEqual(['"Trần Văn Khải" | "Đinh Công Lực" | "2026-01-15" | true']);
      const holders = await runNamedQuery(store, 'post-holders', { post: 'Chủ tịch UBND tỉnh Lâm Đồng' });
      expect(sorted(holders.rows, 'person', 'to', 'status')).toEqual(['"Trần Văn Khải" | "2026-01-15" | "former"', '"Đinh Công Lực" | "2026-01-15" | "current"'].sort());
      expect(await dumpStore(store)).toEqual(dumpBatch(build([...loadFixtures(), later])));
    });

    it('rewrites only the spells whose status or end changes when successions are derived again', async () => {
      await ingestExtractions(loadFixtures(), store);
      const spellsOf = async () =>
        new Map((await store.query('MATCH (p:Person)-[h:HELD]->(pos:Position) RETURN p.id AS p, pos.id AS pos, h.status AS status, h.succeededOn AS until')).rows.map((r) => [`${r.p} ${r.pos}`, `${r.status} ${r.until}`]));
      const before = await spellsOf();
      const written: { person: string; position: string; succeededOn: string | null; status: string }[][] = [];
      const replace = store.replaceSuccessions.bind(store);
      store.replaceSuccessions = (ids, rows, spells, opts) => (written.push(spells), replace(ids, rows, spells, opts));
      const later = laterChair('104_ld_later.txt', 'e', '2026-02-01');
      await ingestExtractions([later], store);
      const spells = written.flat();
      // The old holder of the post the newcomer took is written (now former); spells that stay as they were are not.
      expect(spells.length).toBeGreaterThan(0);
      for (const s of spells) expect(`${s.status} ${s.succeededOn}`).not.toBe(before.get(`${s.person} ${s.position}`) ?? 'none');
      expect(spells.some((s) => s.status === 'former' && s.succeededOn === '2026-02-01')).toBe(true);
      expect(await dumpStore(store)).toEqual(dumpBatch(build([...loadFixtures(), later])));
    });

    it('refuses, writing nothing, successions derived from a stated predecessor whose mention now names another person', async () => {
      await ingestExtractions(loadFixtures(), store);
      const before = await dumpStore(store);
      const r = (await store.query('MATCH (m:Mention)-[:REFERS_TO]->(p:Person) RETURN m.id AS mention, p.id AS person ORDER BY mention LIMIT 1')).rows[0]!;
      const m = String(r.mention);
      const p = String(r.person);
      const post = (await store.query('MATCH (pos:Position) RETURN pos.id AS id ORDER BY id LIMIT 1')).rows[0]!.id as string;
      await store.holdersOf([post]);
      const wrong = { mentions: [m], personOf: new Map([[m, 'per_someone_else']]) };
      await expect(store.replaceSuccessions([post], [], [], { predecessors: wrong })).rejects.toBeInstanceOf(StaleWork);
      // Read as having no person, while it has one: refused as well.
      await expect(store.replaceSuccessions([post], [], [], { predecessors: { mentions: [m], personOf: new Map() } })).rejects.toBeInstanceOf(StaleWork);
      expect(await dumpStore(store)).toEqual(before);
      // As read: accepted.
      await store.replaceSuccessions([post], [], [], { predecessors: { mentions: [m], personOf: new Map([[m, p]]) } });
    });

    it("applies analysts' judgements on every run: they survive re-ingest, and taking one back undoes it", async () => {
      const apart: Judgement[] = [{ kind: 'different', a: { article: '101_ld_danvan_2023.txt', name: 'Nguyễn Thị Hoà' }, b: { article: '102_ld_ubnd_2024.txt', name: 'Nguyễn Thị Hòa' } }];
      const hoa = async () => (await store.query("MATCH (m:Mention)-[:REFERS_TO]->(p:Person) WHERE p.nameKey = 'nguyễn thị hòa' RETURN count(DISTINCT p) AS n")).rows[0]!.n;
      await ingestExtractions(loadFixtures(), store, { judgements: apart });
      expect(await hoa()).toBe(2);
      const again = await ingestExtractions(loadFixtures(), store, { judgements: apart });
      expect(again.resolution?.blocks).toBe(0);
      expect(await hoa()).toBe(2);
      await ingestExtractions(loadFixtures(), store, { judgements: [] });
      expect(await hoa()).toBe(1);
      expect(await dumpStore(store)).toEqual(dumpBatch(build()));
    });

    it('keeps namesakes in different provinces apart and one person across reports', async () => {
      await store.writeBatch(build());
      const res = await store.query("MATCH (p:Person) WHERE p.name = 'Trần Văn Khải' RETURN p.scope AS scope ORDER BY scope");
      expect(res.rows.map((r) => r.scope)).toEqual(['lâm đồng', 'quảng ninh']);
      const one = await store.query("MATCH (p:Person)-[:CHAIRED|ATTENDED]->(c:Conference) WHERE p.nameKey = 'nguyễn thị hòa' RETURN count(DISTINCT p) AS people, count(DISTINCT c) AS confs");
      expect(one.rows[0]).toEqual({ people: 1, confs: 2 });
    });

    it('knows which articles it holds', async () => {
      const a = fixture('a');
      expect(await store.hasArticle(a.contentHash)).toBe(false);
      await store.writeBatch(build([a]));
      expect(await store.hasArticle(a.contentHash)).toBe(true);
      expect(await store.hasArticle(fixture('b').contentHash)).toBe(false);
    });

    it('returns plain rows: numbers, and nodes and relationships with stable ids', async () => {
      await store.writeBatch(build());
      const res = await store.query('MATCH (p:Person)-[r:CHAIRED]->(c:Conference) WHERE p.name = $n RETURN p, r, c, count(*) AS k', { n: 'Nguyễn Thị Hoà' });
      expect(res.columns).toEqual(['p', 'r', 'c', 'k']);
      const row = res.rows[0]!;
      const p = row.p as GraphNode;
      const r = row.r as GraphRel;
      const c = row.c as GraphNode;
      expect(p).toMatchObject({ _kind: 'node', label: 'Person' });
      expect(p.id).toMatch(/^per_/);
      expect(p.properties.name).toBe('Nguyễn Thị Hoà');
      expect(c.id).toMatch(/^conf_/);
      expect(r).toMatchObject({ _kind: 'rel', type: 'CHAIRED', source: p.id, target: c.id });
      expect(row.k).toBe(1);
      const seen = await sightings(store, r.properties.evidence as string[]);
      const ev = seen.get((r.properties.evidence as string[])[0]!)!;
      expect(ev).toMatchObject({ start: 120, end: 216, file: '101_ld_danvan_2023.txt' });
      expect(String(ev.sentence)).toContain('chủ trì');
      // A relationship alone (its nodes not in the row) still names its ends by stable id.
      const lone = await store.query('MATCH (p:Person)-[r:CHAIRED]->(c:Conference) WHERE p.name = $n RETURN r', { n: 'Nguyễn Thị Hoà' });
      expect(lone.rows[0]!.r).toMatchObject({ source: p.id, target: c.id });
      const n = await store.query('MATCH (p:Person) RETURN count(p) AS n, 1 + 1 AS two');
      expect(n.rows[0]).toEqual({ n: 7, two: 2 });
    });

    it('takes an empty list parameter as an empty list, on reads and writes alike (Kùzu 0.11 ended the process on one)', async () => {
      await store.writeBatch(build());
      for (const readOnly of [true, false]) {
        const none = await store.query('MATCH (p:Person) WHERE p.id IN $ids RETURN p.id AS id', { ids: [] }, { readOnly });
        expect(none.rows).toEqual([]);
        const unwound = await store.query('UNWIND $ids AS i RETURN count(i) AS n', { ids: [] }, { readOnly });
        expect(unwound.rows).toEqual([{ n: 0 }]);
      }
      // A non-empty list beside an empty one is still bound as given.
      const some = await store.query('MATCH (p:Person) WHERE p.name IN $names AND NOT p.id IN $skip RETURN p.name AS name', { names: ['Nguyễn Thị Hoà'], skip: [] }, { readOnly: true });
      expect(some.rows).toEqual([{ name: 'Nguyễn Thị Hoà' }]);
    });

    it('honours readOnly and rowLimit', async () => {
      await store.writeBatch(build());
      await expect(store.query("CREATE (:Award {id: 'x', name: 'x'})", {}, { readOnly: true })).rejects.toBeInstanceOf(QueryRefused);
      for (const readOnly of [true, false]) {
        const limited = await store.query('MATCH (p:Person) RETURN p.name AS name', {}, { rowLimit: 3, readOnly });
        expect(limited.rows).toHaveLength(3);
        expect(limited.truncated).toBe(true);
      }
      // The store is still usable after a result was cut short.
      const all = await store.query('MATCH (p:Person) RETURN p.name AS name', {}, { rowLimit: 100, readOnly: true });
      expect(all.truncated).toBe(false);
      expect(all.rows).toHaveLength(7);
    });

    it('refuses read-only queries that hide a write behind comment markers in strings, or read files', async () => {
      await store.writeBatch(build());
      const award = "(:Award {id: 'awd_x', name: 'x'})";
      const tricks = [
        `WITH '//' AS y CREATE ${award}`,
        `WITH "//" AS y MERGE ${award}`,
        `WITH '/*' AS y CREATE ${award} RETURN '*/'`,
        `WITH 'it\\'s // not a comment' AS y CREATE ${award}`,
        `WITH \`//\` AS y CREATE ${award}`,
        `/* a comment */ CREATE ${award}`,
        `RETURN 1 // a comment\nCREATE ${award}`,
        "WITH '//' AS y LOAD FROM '/etc/passwd' (header=false) RETURN *",
        "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
        'BEGIN TRANSACTION',
        'COMMIT',
        'ROLLBACK',
        'USE neo4j MATCH (n) RETURN count(n) AS n',
        `RETURN ';' AS x; CREATE ${award}`,
        'MATCH (n) DETACH DELETE n',
      ];
      for (const q of tricks) await expect(store.query(q, {}, { readOnly: true }), q).rejects.toBeInstanceOf(QueryRefused);
      expect((await store.query("MATCH (a:Award {id: 'awd_x'}) RETURN count(a) AS n")).rows).toEqual([{ n: 0 }]);
      // Keywords inside strings and comments are not clauses.
      const fine = await store.query("RETURN 'CREATE (x); DELETE' AS a, /* SET */ '//' AS b // MERGE", {}, { readOnly: true });
      expect(fine.rows).toEqual([{ a: 'CREATE (x); DELETE', b: '//' }]);
    });

    it('runs one statement at a time: a second statement is refused, a trailing semicolon is fine', async () => {
      for (const readOnly of [false, true]) {
        const err = await store.query('RETURN 1 AS a; RETURN 2 AS b', {}, { readOnly }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(QueryRefused);
        expect((err as Error).message).toBe('one statement at a time');
      }
      await expect(store.query("RETURN '//' AS a; CREATE (:Award {id: 'awd_y', name: 'y'})")).rejects.toBeInstanceOf(QueryRefused);
      await expect(store.query("RETURN '/*' AS a; CREATE (:Award {id: 'awd_y', name: 'y'}) // */")).rejects.toBeInstanceOf(QueryRefused);
      expect((await store.query("MATCH (a:Award {id: 'awd_y'}) RETURN count(a) AS n")).rows).toEqual([{ n: 0 }]);
      expect((await store.query('RETURN 1 AS a;  \n')).rows).toEqual([{ a: 1 }]);
      expect((await store.query("RETURN 'x;y' AS a")).rows).toEqual([{ a: 'x;y' }]);
    });

    it('stops a query at its time limit promptly and stays usable', async () => {
      await store.writeBatch(build());
      // Far more work than fits in the limit on either store (about 10^9 rows).
      const slow = 'UNWIND range(1, 40000) AS a UNWIND range(1, 40000) AS b WITH a, b WHERE (a * b) % 7 = 3 RETURN count(*) AS n';
      const started = Date.now();
      await expect(store.query(slow, {}, { readOnly: true, timeoutMs: 200 })).rejects.toBeInstanceOf(QueryTimeout);
      expect(Date.now() - started).toBeLessThan(5_000);
      const after = await store.query('MATCH (p:Person) RETURN count(p) AS n', {}, { readOnly: true });
      expect(after.rows[0]?.n).toBe(7);
    });

    it('round-trips awkward text: quotes, commas, backslashes, newlines, empty strings, nulls', async () => {
      const b = emptyBatch();
      const name = 'Bằng khen "Dân vận khéo", hạng\\Nhất\ndòng hai';
      b.nodes.Award.push({ id: 'awd_test1', name });
      b.nodes.Position.push({ id: 'pos_test1', title: 'Chủ tịch', body: '', text: "it's, \"x\"", plain: 'chu tich', level: '', province: '' });
      b.nodes.Conference.push({ id: 'conf_test1', title: null, date: null, place: '', online: true, bridgePoints: ['a, b', 'c "d"', 'e\\f'], organizers: [], sources: [] });
      await store.writeBatch(b);
      const again = await store.writeBatch(b);
      expect(again.nodesCreated).toBe(0);
      const res = await store.query(
        "MATCH (a:Award {id: 'awd_test1'}), (p:Position {id: 'pos_test1'}), (c:Conference {id: 'conf_test1'}) RETURN a.name AS name, p.body AS body, p.text AS text, c.title AS title, c.place AS place, c.online AS online, c.bridgePoints AS bp, c.organizers AS org",
      );
      expect(res.rows[0]).toEqual({ name, body: '', text: "it's, \"x\"", title: null, place: '', online: true, bp: ['a, b', 'c "d"', 'e\\f'], org: [] });
    });

    it('writes an empty batch', async () => {
      expect(await store.writeBatch(emptyBatch())).toEqual({ nodesCreated: 0, edgesCreated: 0, nodesWritten: 0, edgesWritten: 0 });
    });

    it('rejects an invalid extraction with field and reason, and loads the rest', async () => {
      const bad = fixture('b') as unknown as Record<string, unknown>;
      bad.eventDate = '10/01/2024';
      const summary = await ingestExtractions([fixture('a'), bad, fixture('c')], store);
      expect(summary.articles).toEqual({ new: 2, unchanged: 0, failed: 1 });
      expect(summary.failures).toHaveLength(1);
      expect(summary.failures[0]!.file).toBe('102_ld_ubnd_2024.txt');
      expect(summary.failures[0]!.reason).toMatch(/eventDate: expected YYYY-MM-DD/);
      expect(await store.hasArticle(fixture('a').contentHash)).toBe(true);
      expect(await store.hasArticle(fixture('c').contentHash)).toBe(true);
      const again = await ingestExtractions([fixture('a'), fixture('b'), fixture('c')], store);
      expect(again.articles).toEqual({ new: 1, unchanged: 2, failed: 0 });
    });

    it('names the articles whose write failed, and a re-run completes them with nothing duplicated', async () => {
      const first = await ingestExtractions(loadFixtures(), failingWith(store, fixture('b').contentHash));
      expect(first.articles).toEqual({ new: 2, unchanged: 0, failed: 1 });
      expect(first.failures[0]).toEqual({ file: '102_ld_ubnd_2024.txt', reason: 'write failed: connection lost' });
      const second = await ingestExtractions(loadFixtures(), store);
      expect(second.articles).toEqual({ new: 1, unchanged: 2, failed: 0 });
      const s = await store.stats();
      expect(s.totalNodes).toBe(batchSize(build()).nodes);
      expect(s.totalEdges).toBe(batchSize(build()).edges);
    });

    it('completes a half-written batch when it is written again', async () => {
      const full = build();
      // What lands before a connection drops: the nodes, but no edges and no Article node.
      const half = emptyBatch();
      for (const l of NODE_LABELS) if (l !== 'Article') (half.nodes[l] as unknown[]) = [...full.nodes[l]];
      await store.writeBatch(half);
      expect(await store.hasArticle(fixture('a').contentHash)).toBe(false);
      const rest = await store.writeBatch(full);
      expect(rest.nodesCreated).toBe(full.nodes.Article.length);
      expect(rest.edgesCreated).toBe(batchSize(full).edges);
      expect((await store.stats()).totalNodes).toBe(batchSize(full).nodes);
    });

    it("keeps a person's posts in the timeline when the reports they came from are not stored", async () => {
      const batch = build();
      batch.nodes.Article = [];
      batch.edges.COVERS = [];
      await store.writeBatch(batch);
      const res = await runNamedQuery(store, 'position-timeline', { person: 'Nguyễn Thị Hòa' });
      expect(sorted(res.rows, 'title', 'sources')).toEqual(['"Trưởng Ban Dân vận" | []', '"Ủy viên Ban Thường vụ" | []']);
    });

    it('lists undated conferences only when no date range is asked for', async () => {
      const undated = fixture('c');
      undated.eventDate = null;
      await store.writeBatch(build([fixture('a'), undated]));
      const all = await runNamedQuery(store, 'conferences', {});
      expect(all.rows.map((r) => r.date).sort()).toEqual(['2023-12-22', null].sort());
      const ranged = await runNamedQuery(store, 'conferences', { from: '2000-01-01' });
      expect(ranged.rows.map((r) => r.date)).toEqual(['2023-12-22']);
      const minh = await runNamedQuery(store, 'person-conferences', { person: 'Lê Quang Minh' });
      expect(minh.rows.map((r) => r.role).sort()).toEqual(['ATTENDED', 'DIRECTED']);
    });

    it('every named query runs and returns the expected rows', async () => {
      await store.writeBatch(build());
      expect(Object.keys(EXPECTED).sort()).toEqual(QUERIES.map((q) => q.name).sort());
      for (const q of QUERIES) {
        const e = EXPECTED[q.name]!;
        const res = await runNamedQuery(store, q.name, e.params);
        try {
          e.check(res.rows);
        } catch (err) {
          throw new Error(`named query ${q.name}: ${(err as Error).message}`);
        }
      }
      // Typed without diacritics a name still finds its people; with other diacritics it is another name.
      expect((await runNamedQuery(store, 'people', { name: 'tran van khai' })).rows).toHaveLength(2);
      expect((await runNamedQuery(store, 'people', { name: 'trần văn khai' })).rows).toEqual([]);
    });
  });
}
