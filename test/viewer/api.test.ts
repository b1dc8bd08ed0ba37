import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphStore } from '../../graph/store.js';
import { buildApp } from '../../viewer/server/app.js';
import { type GraphApiOptions, GraphApi } from '../../viewer/server/graph-api.js';
import { citedArticles, labelOfId } from '../../viewer/server/view-model.js';
import type {
  CatalogEntry,
  ConferenceDetail,
  CypherResponse,
  EdgeDetail,
  GraphSlice,
  MovesResponse,
  OtherDetail,
  PersonDetail,
  PositionDetail,
  SearchResponse,
  StatsResponse,
} from '../../viewer/shared/api-types.js';
import { careerBatch, FX, FX_CONF, FX_POS, FX_SENTENCES } from './career-fixture.js';
import { neo4jForTests, type Neo4jTestServer } from '../support/neo4j.js';
import { parseCsv, xmlIsWellFormed } from './formats.js';
import { openSampleKuzu, openSampleNeo4j } from './sample-store.js';

/**
 * The API on a real store holding the sample corpus: the embedded Kùzu always, and the Neo4j
 * test server when there is one (test/support/neo4j.ts: skipped without java/mvn, never under CI=true).
 */
const neo4jServer = await neo4jForTests();
const neo4jSkip = 'skip' in neo4jServer ? neo4jServer.skip : undefined;
if (neo4jSkip) console.warn(`[viewer api] Neo4j run skipped: ${neo4jSkip}`);

/** Results per backend, so the second store's run can compare with the first's. */
const sameOnBoth: Partial<Record<'kuzu' | 'neo4j', Record<string, unknown>>> = {};

/** A store that records the queries it answers (and their row counts) and its stats() calls. */
function spying(store: GraphStore): { store: GraphStore; queries: { cypher: string; params: Record<string, unknown>; rows: number }[]; statsCalls: () => number } {
  const queries: { cypher: string; params: Record<string, unknown>; rows: number }[] = [];
  let statsCalls = 0;
  const spy = new Proxy(store, {
    get(target, key) {
      if (key === 'query') {
        return async (cypher: string, params: Record<string, unknown> = {}, opts?: unknown) => {
          const res = await target.query(cypher, params, opts as never);
          queries.push({ cypher, params, rows: res.rows.length });
          return res;
        };
      }
      if (key === 'stats') {
        return () => {
          statsCalls++;
          return target.stats();
        };
      }
      const v: unknown = Reflect.get(target, key, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { store: spy, queries, statsCalls: () => statsCalls };
}

describe('API on kuzu', () => apiSuite('kuzu'));
describe.skipIf(neo4jSkip !== undefined)('API on neo4j', () => apiSuite('neo4j'));

function apiSuite(backend: 'kuzu' | 'neo4j'): void {
  let dir: string;
  let store: GraphStore;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'viewer-api-'));
    store = backend === 'kuzu' ? await openSampleKuzu(join(dir, 'db')) : await openSampleNeo4j(neo4jServer as Neo4jTestServer);
    // Invented careers next to the sample corpus: spells with stated starts and ends, a succession, namesakes, mentions.
    await store.writeBatch(careerBatch());
    // A stub page, so the static handler has something to serve without a vite build.
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>viewer</title>');
    app = await buildApp({ store, staticDir: dir, limits: { rowLimit: 50, timeoutMs: 5000 } });
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const get = async <T>(url: string): Promise<{ status: number; body: T }> => {
    const res = await app.inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.json() as T };
  };
  /** Compares a value with the other store's run of the same test (when both run). */
  const agreeAcrossStores = (key: string, value: unknown): void => {
    (sameOnBoth[backend] ??= {})[key] = value;
    const other = sameOnBoth[backend === 'kuzu' ? 'neo4j' : 'kuzu']?.[key];
    if (other !== undefined) expect(value).toEqual(other);
  };
  const cypher = async (payload: unknown) => {
    const res = await app.inject({ method: 'POST', url: '/api/cypher', payload: payload as object });
    return { status: res.statusCode, body: res.json() as CypherResponse & { reason?: string } };
  };
  const personCount = async (): Promise<number> => {
    const r = await cypher({ query: 'MATCH (p:Person) RETURN count(p) AS n' });
    return Number(r.body.rows[0]?.[0]);
  };

  async function idOf(q: string, type: string): Promise<string> {
    const { body } = await get<SearchResponse>(`/api/search?q=${encodeURIComponent(q)}&types=${type}`);
    const hit = body.hits[0];
    if (!hit) throw new Error(`no ${type} found for ${q}`);
    return hit.id;
  }

  describe('GET /api/search', () => {
    it("finds 'Phạm Thị Phúc' from 'pham thi phuc' and says it is a Person", async () => {
      const { status, body } = await get<SearchResponse>('/api/search?q=pham%20thi%20phuc');
      expect(status).toBe(200);
      expect(body.hits[0]).toMatchObject({ type: 'Person', name: 'Phạm Thị Phúc' });
      expect(body.hits[0]!.id).toMatch(/^per_/);
    });

    it("matches 'Ð' (U+00D0) and 'đ' to 'Đ', in any case", async () => {
      for (const q of ['ÐẶNG TRÍ', 'đặng trí dũng', 'DANG TRI']) {
        const { body } = await get<SearchResponse>(`/api/search?q=${encodeURIComponent(q)}`);
        expect(body.hits.map((h) => h.name), q).toContain('Đặng Trí Dũng');
      }
    });

    it('finds bodies, conferences and localities, and restricts by type', async () => {
      const all = await get<SearchResponse>('/api/search?q=dan%20van');
      const types = new Set(all.body.hits.map((h) => h.type));
      expect(types.has('Organization')).toBe(true);
      expect(types.has('Conference')).toBe(true);
      const loc = await get<SearchResponse>('/api/search?q=lam%20dong&types=Locality');
      expect(loc.body.hits.length).toBeGreaterThan(0);
      expect(loc.body.hits.every((h) => h.type === 'Locality')).toBe(true);
    });

    it('answers 400 naming the known types when types= names an unknown one', async () => {
      for (const types of ['Foo', 'Person,Foo', 'person', 'Mention', 'Person,']) {
        const { status, body } = await get<{ error: string; reason: string }>(`/api/search?q=x&types=${encodeURIComponent(types)}`);
        expect(status, types).toBe(400);
        expect(body.reason, types).toMatch(/types.*Person, Organization, Conference, Locality, Position, Article, Award/);
      }
      const ok = await get<SearchResponse>('/api/search?q=lam%20dong&types=Person,Locality');
      expect(ok.status).toBe(200);
      expect(ok.body.hits.every((h) => h.type === 'Person' || h.type === 'Locality')).toBe(true);
    });

    it('answers 400 with a reason on bad parameters', async () => {
      for (const url of ['/api/search', '/api/search?q=', '/api/search?q=x&limit=abc', '/api/search?q=x&limit=0', '/api/search?q=x&types=Per;son']) {
        const { status, body } = await get<{ error: string; reason: string }>(url);
        expect(status, url).toBe(400);
        expect(body.reason, url).toMatch(/\w/);
      }
    });
  });

  describe('nodes', () => {
    it('gives a person with the position timeline and conferences by role, each with its source', async () => {
      const id = await idOf('pham thi phuc', 'Person');
      const { status, body } = await get<PersonDetail>(`/api/nodes/${id}`);
      expect(status).toBe(200);
      expect(body.kind).toBe('person');
      // Article 000 (2020-12-25) names her 'Trưởng Ban Dân vận Tỉnh ủy'; a later report names her again.
      const head = body.positions.find((p) => /Trưởng Ban Dân vận/i.test(`${p.title} ${p.body ?? ''}`));
      expect(head).toBeDefined();
      expect(head!.firstSeen).toBe('2020-12-25');
      expect(head!.lastSeen! >= head!.firstSeen!).toBe(true);
      expect(head!.sources.every((s) => s.sentence!.includes('Phạm Thị Phúc'))).toBe(true);
      expect(head!.sources.map((s) => s.article)).toContain('000_f66b1282c07b462c.txt');
      const chaired = body.conferencesByRole.chaired ?? [];
      const dec2020 = chaired.find((c) => c.date === '2020-12-25');
      expect(dec2020).toBeDefined();
      expect(dec2020!.sources[0]!.sentence).toContain('chủ trì');
      expect(body.truncated).toBe(false);
    });

    it('caps each list of a detail panel and says so', async () => {
      const id = await idOf('pham thi phuc', 'Person');
      const capped = (await new GraphApi(store, { detailLimit: 1 }).detail(id)) as PersonDetail;
      expect(capped.kind).toBe('person');
      expect(capped.truncated).toBe(true);
      expect(capped.career.length).toBeLessThanOrEqual(1);
      expect(Object.values(capped.conferencesByRole).flat().length).toBeLessThanOrEqual(1);
      const locality = await idOf('lam dong', 'Locality');
      const other = (await new GraphApi(store, { detailLimit: 1 }).detail(locality)) as OtherDetail;
      expect(other.neighbours.length).toBe(1);
      expect(other.truncated).toBe(true);
    });

    /** A person's detail read through a spy, with the articles and sentence pointers its facts cite. */
    async function citedDetail(opts: GraphApiOptions = {}) {
      const id = await idOf('pham thi phuc', 'Person');
      const spy = spying(store);
      const detail = (await new GraphApi(spy.store, opts).detail(id)) as PersonDetail;
      const rels = await store.query('MATCH (p:Person)-[r]-() WHERE p.id = $id RETURN r', { id }, { readOnly: true });
      const props = rels.rows.map((row) => (row.r as { properties: Record<string, never> }).properties);
      const cited = new Set(props.flatMap((p) => citedArticles(p)));
      const pointers = new Set(props.flatMap((p) => (Array.isArray(p.evidence) ? (p.evidence as string[]) : [])));
      const articleReads = spy.queries.filter((q) => /:Article\b/.test(q.cypher));
      return { detail, queries: spy.queries, cited, pointers, articleReads };
    }

    /** No read carries an article's whole sentence table, and the sources still name file, headline and sentence. */
    function expectSourcesFromPointedSentences(detail: PersonDetail, queries: { cypher: string }[]): void {
      expect(queries.some((q) => /RETURN[^;]*\b(a|m|n)\.sentences\b(?!\[)/.test(q.cypher))).toBe(false);
      const sources = detail.positions.flatMap((p) => p.sources);
      expect(sources.length).toBeGreaterThan(0);
      expect(sources.every((src) => /\.txt$/.test(src.article ?? '') && src.headline)).toBe(true);
      expect(sources.some((src) => (src.sentence ?? '').length > 0)).toBe(true);
    }

    it('reads each article a detail cites by its key, and of it only the sentences pointed at', async () => {
      const { detail, queries, cited, pointers, articleReads } = await citedDetail();
      // One lookup per cited article, each by its primary key, none of the whole table.
      expect(articleReads.length).toBe(cited.size);
      expect(articleReads.every((q) => /\(a:Article \{id: \$id\}\)/.test(q.cypher) && q.rows <= 1)).toBe(true);
      expect(new Set(articleReads.map((q) => q.params.id))).toEqual(cited);
      const asked = articleReads.reduce((n, q) => n + (Array.isArray(q.params.k) ? q.params.k.length : 0), 0);
      expect(asked).toBeGreaterThan(0);
      expect(asked).toBeLessThanOrEqual(pointers.size);
      expectSourcesFromPointedSentences(detail, queries);
    });

    it('reads the articles of a much-cited detail in two batched reads, and of them only the sentences pointed at', async () => {
      const { detail, queries, cited, pointers, articleReads } = await citedDetail({ articlesByKey: 0 });
      // One read of the cited articles' names, one of the sentences their evidence points at.
      expect(articleReads.length).toBe(2);
      const names = articleReads.find((q) => q.params.refs)!;
      expect(new Set(names.params.refs as string[])).toEqual(cited);
      const total = Number((await store.query('MATCH (a:Article) RETURN count(a) AS n', {}, { readOnly: true })).rows[0]!.n);
      expect(names.rows).toBeLessThan(total);
      const sentenceRead = articleReads.find((q) => q.params.pa)!;
      expect(sentenceRead.rows).toBeGreaterThan(0);
      expect(sentenceRead.rows).toBeLessThanOrEqual(pointers.size);
      expectSourcesFromPointedSentences(detail, queries);
    });

    it('reads no whole article or mention for a person or conference panel (their sentence tables and data are big)', async () => {
      const returned: string[] = [];
      const watch = new Proxy(store, {
        get(target, key) {
          if (key !== 'query') return Reflect.get(target, key);
          return async (cypher: string, params?: Record<string, unknown>, opts?: never) => {
            const res = await target.query(cypher, params, opts);
            for (const row of res.rows) for (const v of Object.values(row)) if (v && typeof v === 'object' && (v as { _kind?: string })._kind === 'node') returned.push((v as { label: string }).label);
            return res;
          };
        },
      });
      const api = new GraphApi(watch);
      const person = (await api.detail(await idOf('pham thi phuc', 'Person'))) as PersonDetail;
      const conference = (await api.detail(await idOf('tong ket cong tac dan van nam 2020', 'Conference'))) as ConferenceDetail;
      expect(person.mentions.total).toBeGreaterThan(0);
      expect(conference.articles.length).toBeGreaterThan(0);
      expect(returned.length).toBeGreaterThan(0);
      expect(returned.filter((label) => label === 'Article' || label === 'Mention')).toEqual([]);
    });

    it('reads panels opened side by side together, each the same as when opened alone', async () => {
      const ids = async (label: string) =>
        (await store.query(`MATCH (n:${label}) RETURN n.id AS id ORDER BY id LIMIT 8`, {}, { readOnly: true })).rows.map((r) => String(r.id));
      const nodes = [...(await ids('Person')), ...(await ids('Conference')), ...(await ids('Position'))];
      const alone = [];
      for (const id of nodes) alone.push(await new GraphApi(store, { readCacheMs: 0 }).detail(id));
      const spy = spying(store);
      const together = await Promise.all(nodes.map((id) => new GraphApi(spy.store, { readCacheMs: 0 }).detail(id)));
      expect(together).toEqual(alone);
      // Separate GraphApi objects do not share reads; one does.
      const shared = spying(store);
      const api = new GraphApi(shared.store, { readCacheMs: 0 });
      expect(await Promise.all(nodes.map((id) => api.detail(id)))).toEqual(alone);
      const batched = shared.queries.filter((q) => Array.isArray(q.params.keys) && (q.params.keys as unknown[]).length > 1);
      expect(batched.length).toBeGreaterThan(0);
      expect(shared.queries.length).toBeLessThan(spy.queries.length);
      agreeAcrossStores('panels side by side', together);
      // Neighbours too (people and conferences), capped the same way.
      const small = nodes.filter((id) => labelOfId(id) !== 'Position');
      for (const limit of [200, 1]) {
        const lone = [];
        for (const id of small) lone.push(await new GraphApi(store, { readCacheMs: 0 }).neighbours(id, limit, []));
        const reads = shared.queries.length;
        expect(await Promise.all(small.map((id) => api.neighbours(id, limit, [])))).toEqual(lone);
        expect(shared.queries.slice(reads).some((q) => Array.isArray(q.params.keys) && (q.params.keys as unknown[]).length > 1)).toBe(true);
      }
    });

    it('reads a node past the limits for reading together alone, capped, giving the same panel', async () => {
      const ids = async (label: string) =>
        (await store.query(`MATCH (n:${label}) RETURN n.id AS id ORDER BY id LIMIT 6`, {}, { readOnly: true })).rows.map((r) => String(r.id));
      const nodes = [...(await ids('Person')), ...(await ids('Conference'))];
      const together = await Promise.all(nodes.map((id) => new GraphApi(store, { readCacheMs: 0 }).detail(id)));
      const spy = spying(store);
      const api = new GraphApi(spy.store, { readCacheMs: 0, coalesceUpTo: { mentions: 0, sources: 0 } });
      expect(await Promise.all(nodes.map((id) => api.detail(id)))).toEqual(together);
      // Only the node lookups (always by key) go through the shared reads; every list is read for its node alone.
      const lists = spy.queries.filter((q) => /\$keys\b/.test(q.cypher) && !/^MATCH \(n:\w+\) WHERE n\.id IN \$keys RETURN n\.id AS key, n$/.test(q.cypher));
      expect(lists).toEqual([]);
      expect(spy.queries.some((q) => /\{id: \$id\}.* LIMIT \d+$/.test(q.cypher))).toBe(true);
    });

    it('gives a conference with date, place, organizers and participant lists', async () => {
      const id = await idOf('tong ket cong tac dan van nam 2020', 'Conference');
      const { body } = await get<ConferenceDetail>(`/api/nodes/${id}`);
      expect(body.kind).toBe('conference');
      expect(body.date).toBe('2020-12-25');
      expect(body.place).toMatch(/Lâm Đồng/);
      expect(body.organizers.map((o) => o.name).join()).toMatch(/Ban Dân vận/);
      expect((body.participantsByRole.chaired ?? []).map((p) => p.name).sort()).toEqual(['Huỳnh Mỹ', 'Lê Minh Quang', 'Phạm Thị Phúc']);
      expect((body.participantsByRole.attended ?? []).map((p) => p.name)).toContain('Đặng Trí Dũng');
    });

    it('expands neighbours: the node, its neighbours and the edges between, edges labelled by role', async () => {
      const id = await idOf('pham thi phuc', 'Person');
      const { body } = await get<GraphSlice>(`/api/nodes/${id}/neighbours`);
      expect(body.nodes.map((n) => n.id)).toContain(id);
      expect(body.nodes.some((n) => n.type === 'Conference')).toBe(true);
      const chaired = body.edges.filter((e) => e.type === 'CHAIRED');
      expect(chaired.length).toBeGreaterThan(0);
      for (const e of chaired) expect(e).toMatchObject({ source: id, label: 'chaired' });
      // A role edge takes its conference's date, for the date filter.
      expect(chaired.map((e) => e.date)).toContain('2020-12-25');
      const ids = new Set(body.nodes.map((n) => n.id));
      expect(body.edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
    });

    it('caps neighbours with limit and says so', async () => {
      const id = await idOf('pham thi phuc', 'Person');
      const { body } = await get<GraphSlice>(`/api/nodes/${id}/neighbours?limit=1`);
      expect(body.nodes.length).toBe(2);
      expect(body.truncated).toBe(true);
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      expect((await get('/api/nodes/per_0000000000000000')).status).toBe(404);
      const bad = await get<{ reason: string }>('/api/nodes/a%20b%3Bc');
      expect(bad.status).toBe(400);
      expect(bad.body.reason).toMatch(/id/);
    });

    it('gives an overview of people and conferences joined by role edges, with nothing isolated and honest counts, the same on every store', async () => {
      const stats = (await get<StatsResponse>('/api/stats')).body;
      const { body } = await get<GraphSlice>('/api/graph?limit=300');
      expect(new Set(body.nodes.map((n) => n.type))).toEqual(new Set(['Person', 'Conference']));
      const ends = new Set(body.edges.flatMap((e) => [e.source, e.target]));
      expect(body.nodes.filter((n) => !ends.has(n.id))).toEqual([]);
      expect(body.edges.every((e) => ['CHAIRED', 'ATTENDED', 'DIRECTED', 'SPOKE_AT', 'REPORTED_AT', 'AWARDED'].includes(e.type))).toBe(true);
      const o = body.overview!;
      expect(o.people.shown).toBe(body.nodes.filter((n) => n.type === 'Person').length);
      expect(o.conferences.shown).toBe(body.nodes.filter((n) => n.type === 'Conference').length);
      expect(o.people.total).toBe(stats.counts!.Person);
      expect(o.conferences.total).toBe(stats.counts!.Conference);
      expect(o.folded).toMatchObject({ Position: stats.counts!.Position, Article: stats.counts!.Article });
      // Quách Minh Khôi (two conferences) is among the most seen; his people carry their folded facts.
      const khoi = body.nodes.find((n) => n.id === FX.khoi)!;
      expect(khoi.facts).toEqual(['Bí thư Tỉnh ủy Bắc Ninh', 'Bắc Ninh', 'seen 2018–2024', '3 posts']);
      expect(body.nodes.find((n) => n.id === FX_CONF.c1)!.facts).toEqual(['2022-02-10', 'Bắc Ninh', '1 report']);
      agreeAcrossStores('overview', body.nodes.map((n) => n.id).sort());
    });

    it('unfolds posts into the overview when asked, and never draws mentions', async () => {
      const { body } = await get<GraphSlice>('/api/graph?limit=300&include=Position');
      expect(body.nodes.some((n) => n.type === 'Position')).toBe(true);
      expect(body.overview!.unfolded).toEqual(['Position']);
      expect(body.overview!.folded.Position).toBeUndefined();
      expect(body.nodes.some((n) => n.type === 'Mention' || n.type === 'Name')).toBe(false);
    });

    it('counts the store once for repeated expands and overviews (stats cached)', async () => {
      const id = await idOf('pham thi phuc', 'Person');
      const spy = spying(store);
      const api = new GraphApi(spy.store);
      const first = await api.neighbours(id, 50);
      await api.neighbours(id, 50);
      const overview = await api.overview(10);
      await api.stats();
      expect(spy.statsCalls()).toBe(1);
      expect(first!.totalNodes).toBe(overview.totalNodes);
      expect(overview.totalNodes).toBe((await store.stats()).totalNodes);
    });

    it('gives an overview within its limit, with totals for "showing N of M"', async () => {
      const stats = (await get<StatsResponse>('/api/stats')).body;
      const { body } = await get<GraphSlice>('/api/graph?limit=5');
      expect(body.nodes.length).toBeGreaterThan(1);
      expect(body.nodes.length).toBeLessThanOrEqual(5);
      expect(body.totalNodes).toBe(stats.nodes);
      expect(body.truncated).toBe(true);
      expect((await get('/api/graph?limit=-3')).status).toBe(400);
    });
  });

  describe('careers', () => {
    it("gives a person's spells in order as the career chart draws them: bar ends, status, events, sources", async () => {
      const { body } = await get<PersonDetail>(`/api/nodes/${FX.khoi}`);
      expect(body.kind).toBe('person');
      expect(body.career.map((s) => [s.title, s.start, s.end, s.status])).toEqual([
        ['Phó Chủ tịch UBND tỉnh', '2018-03-01', '2021-06-30', 'former'],
        ['Chủ tịch UBND tỉnh', '2021-07-01', '2022-02-10', 'acting'],
        ['Bí thư Tỉnh ủy', '2023-01-05', '2024-05-20', 'current'],
      ]);
      const [vice, chair, secretary] = body.career;
      expect(vice).toMatchObject({ startEvent: 'elected', endEvent: 'relieved', endDate: '2021-06-30', body: 'UBND tỉnh Bắc Ninh', level: 'province', province: 'Bắc Ninh' });
      // A bar without stated dates runs from first to last seen.
      expect(secretary).toMatchObject({ startDate: null, endDate: null, firstSeen: '2023-01-05', lastSeen: '2024-05-20' });
      expect(vice!.sources.map((x) => x.sentence)).toEqual([FX_SENTENCES.elected, FX_SENTENCES.relieved]);
      expect(vice!.sources.map((x) => [x.article, x.date])).toEqual([
        ['fixture_001.txt', '2018-03-01'],
        ['fixture_002.txt', '2021-07-01'],
      ]);
      expect(chair!.sources.map((x) => x.sentence)).toContain(FX_SENTENCES.acting);
      expect(body.facts).toMatchObject({ provinces: ['Bắc Ninh'], latestPost: 'Bí thư Tỉnh ủy Bắc Ninh', firstSeen: '2018-03-01', lastSeen: '2024-05-20' });
    });

    it('marks an inferred end and lists the succession on both people, with its sentence', async () => {
      const luc = (await get<PersonDetail>(`/api/nodes/${FX.luc}`)).body;
      expect(luc.career).toHaveLength(1);
      expect(luc.career[0]).toMatchObject({ status: 'former', endInferred: true, start: '2015-01-01', end: '2021-06-30' });
      const khoi = (await get<PersonDetail>(`/api/nodes/${FX.khoi}`)).body;
      for (const d of [luc, khoi]) {
        expect(d.successions).toHaveLength(1);
        expect(d.successions[0]).toMatchObject({
          positionId: FX_POS.chair,
          position: 'Chủ tịch UBND tỉnh Bắc Ninh',
          successor: { id: FX.khoi, name: 'Quách Minh Khôi' },
          predecessor: { id: FX.luc, name: 'Kha Văn Lực' },
          date: '2021-07-01',
          inferred: false,
        });
        expect(d.successions[0]!.sources[0]!.sentence).toBe(FX_SENTENCES.succeeded);
      }
    });

    it("gives a post's holders over time and the successions between them", async () => {
      const { body } = await get<PositionDetail>(`/api/nodes/${FX_POS.chair}`);
      expect(body.kind).toBe('position');
      expect(body.body).toMatchObject({ name: 'UBND tỉnh Bắc Ninh' });
      expect(body.holders.map((x) => [x.person.name, x.spell.start, x.spell.end, x.spell.status])).toEqual([
        ['Kha Văn Lực', '2015-01-01', '2021-06-30', 'former'],
        ['Quách Minh Khôi', '2021-07-01', '2022-02-10', 'acting'],
      ]);
      expect(body.successions.map((x) => [x.successor.name, x.predecessor.name, x.date])).toEqual([['Quách Minh Khôi', 'Kha Văn Lực', '2021-07-01']]);
      agreeAcrossStores('holders', body.holders);
    });

    it('lists who a person is seen with, how often, and at which conferences', async () => {
      const { body } = await get<PersonDetail>(`/api/nodes/${FX.khoi}`);
      // Most often first, then by id (both stores alike).
      const once = [
        { id: FX.lucHaGiang, name: 'Kha Văn Lực' },
        { id: FX.tan, name: 'Khổng Minh Tấn' },
      ].sort((x, y) => (x.id < y.id ? -1 : 1));
      expect(body.coAppearances.map((c) => [c.name, c.times])).toEqual([['Giáp Thị Hiền', 2], ...once.map((x) => [x.name, 1])]);
      expect(body.coAppearances.map((c) => c.id)).toEqual([FX.hien, ...once.map((x) => x.id)]);
      expect(body.coAppearances[0]!.conferences.map((c) => c.id)).toEqual([FX_CONF.c1, FX_CONF.c2]);
    });

    it('counts the mentions resolved to a person and leaves them out of neighbours unless asked', async () => {
      const { body } = await get<PersonDetail>(`/api/nodes/${FX.khoi}`);
      expect(body.mentions.total).toBe(2);
      expect(body.mentions.items.map((m) => m.article)).toHaveLength(2);
      const plain = (await get<GraphSlice>(`/api/nodes/${FX.khoi}/neighbours`)).body;
      expect(plain.nodes.some((n) => n.type === 'Mention')).toBe(false);
      const asked = (await get<GraphSlice>(`/api/nodes/${FX.khoi}/neighbours?include=Mention`)).body;
      expect(asked.nodes.filter((n) => n.type === 'Mention')).toHaveLength(2);
    });

    it('lists moves in a date range: a new post, and the post held before', async () => {
      const { body } = await get<MovesResponse>('/api/moves?from=2021-01-01&to=2021-12-31');
      const mine = body.moves.filter((m) => m.person.id === FX.khoi);
      expect(mine.map((m) => [m.from?.title, m.to.title, m.to.start])).toEqual([['Phó Chủ tịch UBND tỉnh', 'Chủ tịch UBND tỉnh', '2021-07-01']]);
      const later = (await get<MovesResponse>('/api/moves?from=2023-01-01&to=2023-12-31')).body.moves.filter((m) => m.person.id === FX.khoi);
      expect(later.map((m) => m.to.title)).toEqual(['Bí thư Tỉnh ủy']);
      expect((await get('/api/moves?from=2023-13-01')).status).toBe(400);
    });
  });

  describe('search for analysts', () => {
    it('tells namesakes apart by province, latest post and years seen', async () => {
      const { body } = await get<SearchResponse>('/api/search?q=kha%20van%20luc');
      const luc = body.hits.filter((x) => x.name === 'Kha Văn Lực');
      expect(luc).toHaveLength(2);
      expect(luc.map((x) => x.facts).sort()).toEqual([
        ['Bắc Ninh', 'Chủ tịch UBND tỉnh Bắc Ninh', 'seen 2015–2021'],
        ['Hà Giang', 'Giám đốc Sở Nội vụ tỉnh Hà Giang', 'seen 2022'],
      ]);
    });

    it('finds posts by title and body, and reports by headline or file', async () => {
      const posts = (await get<SearchResponse>('/api/search?q=chu%20tich%20ubnd%20bac%20ninh&types=Position')).body.hits;
      expect(posts[0]).toMatchObject({ id: FX_POS.chair, type: 'Position', name: 'Chủ tịch UBND tỉnh' });
      expect(posts[0]!.facts).toEqual(['UBND tỉnh Bắc Ninh', '2 holders']);
      const reports = (await get<SearchResponse>('/api/search?q=fixture_002&types=Article')).body.hits;
      expect(reports.map((x) => x.name)).toEqual(['Kỳ họp chuyên đề HĐND tỉnh Bắc Ninh']);
    });
  });

  describe('edges, ego views and saved canvases', () => {
    it('gives an edge with its evidence sentences and articles', async () => {
      const id = `SPOKE_AT:${FX.khoi}:${FX_CONF.c1}`;
      const { status, body } = await get<EdgeDetail>(`/api/edge?id=${encodeURIComponent(id)}`);
      expect(status).toBe(200);
      expect(body.edge).toMatchObject({ id, type: 'SPOKE_AT', label: 'spoke', date: '2022-02-10' });
      expect(body.source).toMatchObject({ id: FX.khoi, name: 'Quách Minh Khôi', type: 'Person' });
      expect(body.target.type).toBe('Conference');
      expect(body.sources).toEqual([{ sentence: FX_SENTENCES.acting, article: 'fixture_003.txt', headline: 'Hội nghị sơ kết công tác dân vận', date: '2022-02-10' }]);
      const succ = (await get<EdgeDetail>(`/api/edge?id=${encodeURIComponent(`SUCCEEDED:${FX.khoi}:${FX.luc}:${FX_POS.chair}`)}`)).body;
      expect(succ.sources[0]!.sentence).toBe(FX_SENTENCES.succeeded);
      expect((await get(`/api/edge?id=${encodeURIComponent(`CHAIRED:${FX.luc}:${FX_CONF.c1}`)}`)).status).toBe(404);
      expect((await get('/api/edge?id=nonsense')).status).toBe(400);
    });

    it("draws a person's ego view: co-appearance edges weighted by how often, each listing the shared conferences", async () => {
      const { body } = await get<GraphSlice>(`/api/nodes/${FX.khoi}/ego`);
      expect(body.nodes.map((n) => n.id).sort()).toEqual([FX.khoi, FX.hien, FX.tan, FX.lucHaGiang].sort());
      const toHien = body.edges.find((e) => e.source === FX.khoi && e.target === FX.hien)!;
      expect(toHien).toMatchObject({ type: 'CO_APPEARS', properties: { weight: 2, conferences: [FX_CONF.c1, FX_CONF.c2] } });
      // Among the others too: Giáp Thị Hiền and Khổng Minh Tấn were both at the second conference.
      expect(body.edges.some((e) => [e.source, e.target].sort().join() === [FX.hien, FX.tan].sort().join())).toBe(true);
      const edge = (await get<EdgeDetail>(`/api/edge?id=${encodeURIComponent(toHien.id)}`)).body;
      expect(edge.conferences!.map((c) => c.id)).toEqual([FX_CONF.c1, FX_CONF.c2]);
      expect(edge.sources.map((x) => x.sentence)).toEqual(expect.arrayContaining([FX_SENTENCES.attendHien, FX_SENTENCES.acting]));
      expect((await get(`/api/nodes/${FX_CONF.c1}/ego`)).status).toBe(404);
    });

    it('gives back a saved canvas: the nodes asked for and every edge among them', async () => {
      const ids = [FX.khoi, FX.luc, FX_POS.chair, FX_CONF.c1, 'per_0000000000000000'];
      const res = await app.inject({ method: 'POST', url: '/api/subgraph', payload: { ids } });
      const body = res.json() as GraphSlice;
      expect(body.nodes.map((n) => n.id).sort()).toEqual(ids.slice(0, 4).sort());
      expect(body.edges.map((e) => e.type).sort()).toEqual(['HELD', 'HELD', 'SPOKE_AT', 'SUCCEEDED']);
      expect(body.truncated).toBe(true); // one id is not in the store
      expect((await app.inject({ method: 'POST', url: '/api/subgraph', payload: { ids: ['a b'] } })).statusCode).toBe(400);
    });
  });

  describe('GET /api/stats', () => {
    it('counts nodes and edges and gives the conference date range', async () => {
      const { body } = await get<StatsResponse>('/api/stats');
      expect(body.backend).toBe(backend);
      expect(body.nodes).toBeGreaterThan(10);
      expect(body.nodeTypes).toEqual(expect.arrayContaining(['Person', 'Conference', 'Organization']));
      expect(body.dateRange.min! <= '2020-12-25').toBe(true);
      expect(body.dateRange.max! >= '2021-12-17').toBe(true);
    });
  });

  describe('POST /api/cypher', () => {
    it('returns a table and, for nodes and relationships, drawable elements', async () => {
      const { status, body } = await cypher({ query: 'MATCH (p:Person)-[r:CHAIRED]->(c:Conference) RETURN p, r, c' });
      expect(status).toBe(200);
      expect(body.columns).toEqual(['p', 'r', 'c']);
      expect(body.rows.length).toBeGreaterThanOrEqual(3);
      expect(body.nodes.some((n) => n.name === 'Phạm Thị Phúc')).toBe(true);
      expect(body.edges.every((e) => e.type === 'CHAIRED')).toBe(true);
    });

    it('fetches the ends of relationships returned alone', async () => {
      const { body } = await cypher({ query: 'MATCH (:Person)-[r:ATTENDED]->(:Conference) RETURN r' });
      expect(body.edges.length).toBeGreaterThan(0);
      const ids = new Set(body.nodes.map((n) => n.id));
      expect(body.edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
    });

    it('refuses CREATE, MERGE, DELETE and SET with a reason, and the graph is unchanged', async () => {
      const before = await personCount();
      const writes = [
        "CREATE (p:Person {id: 'per_x', name: 'X', nameKey: 'x', scope: 'x', aliases: [], sources: []})",
        "MERGE (p:Person {id: 'per_y'})",
        'MATCH (p:Person) DETACH DELETE p',
        "MATCH (p:Person) SET p.name = 'hacked'",
        "match (p:Person) set p.name = 'hacked'",
      ];
      for (const query of writes) {
        const { status, body } = await cypher({ query });
        expect(status, query).toBe(400);
        expect(body.reason, query).toMatch(/read-only|read only|write/i);
      }
      expect(await personCount()).toBe(before);
      const names = await cypher({ query: "MATCH (p:Person) WHERE p.name = 'hacked' RETURN p.name" });
      expect(names.body.rows.length).toBe(0);
    });

    it('cuts results at the row limit, and a request may ask for fewer rows', async () => {
      const many = await cypher({ query: 'MATCH (a), (b) RETURN a.id, b.id' });
      expect(many.status).toBe(200);
      expect(many.body.rows.length).toBe(50);
      expect(many.body.truncated).toBe(true);
      const few = await cypher({ query: 'MATCH (n) RETURN n.id', rowLimit: 3 });
      expect(few.body.rows.length).toBe(3);
      expect(few.body.truncated).toBe(true);
    });

    it('stops a query at the time limit, with a reason, and keeps serving', async () => {
      const slow = 'UNWIND range(1, 4000) AS a UNWIND range(1, 4000) AS b WITH a, b WHERE (a * b) % 7 = 3 RETURN count(*) AS n';
      const { status, body } = await cypher({ query: slow, timeoutMs: 1 });
      expect(status).toBe(400);
      expect(body.reason).toMatch(/^time limit of 1 ms reached/);
      expect(await personCount()).toBeGreaterThan(0);
    });

    it('answers 400 with a reason for an empty query, bad JSON, a syntax error', async () => {
      const empty = await cypher({ query: '  ' });
      expect(empty.status).toBe(400);
      expect(empty.body.reason).toMatch(/query/);
      const wrongType = await cypher({ query: 42 });
      expect(wrongType.status).toBe(400);
      const badJson = await app.inject({ method: 'POST', url: '/api/cypher', headers: { 'content-type': 'application/json' }, payload: '{"query":' });
      expect(badJson.statusCode).toBe(400);
      const syntax = await cypher({ query: 'MATCH (n RETURN n' });
      expect(syntax.status).toBe(400);
      expect(syntax.body.reason ?? '').not.toBe('');
    });

    it('refuses a $parameter the request does not bind, naming it, and runs it once bound', async () => {
      const q = 'MATCH (p:Person) WHERE p.name = $name RETURN p.name AS name ORDER BY name';
      const refused = await cypher({ query: q });
      expect(refused.status).toBe(400);
      expect(refused.body.reason).toMatch(/^parameter \$name is not bound: give a value in the parameters box, e\.g\. \{"name": …\}/);
      const bound = await cypher({ query: q, params: { name: 'Kha Văn Lực' } });
      expect(bound.status).toBe(200);
      expect(bound.body.rows).toEqual([['Kha Văn Lực'], ['Kha Văn Lực']]);
      const two = await cypher({ query: 'MATCH (p:Person) WHERE p.name = $a OR p.name = $b RETURN count(p) AS n', params: { a: 'x' } });
      expect(two.body.reason).toMatch(/^parameter \$b is not bound/);
      // '$5' inside a string is text, not a parameter.
      const literal = await cypher({ query: "RETURN '$5 a month' AS price" });
      expect(literal.status).toBe(200);
      expect(literal.body.rows).toEqual([['$5 a month']]);
      expect((await cypher({ query: 'RETURN 1 AS one', params: [1] })).status).toBe(400);
    });

    it('writes relationship cells as (start)-[:TYPE]->(end) with names, nodes as (name:Label)', async () => {
      const { body } = await cypher({ query: 'MATCH (p:Person)-[r:SUCCEEDED]->(q:Person) RETURN p, r' });
      expect(body.rows).toEqual([['(Quách Minh Khôi:Person)', '(Quách Minh Khôi)-[:SUCCEEDED]->(Kha Văn Lực)']]);
    });

    if (backend === 'kuzu') {
      it("answers Neo4j's type(r) on the embedded store with the spelling that works there", async () => {
        const { status, body } = await cypher({ query: 'MATCH (p:Person)-[r]->(c:Conference) RETURN type(r) LIMIT 1' });
        expect(status).toBe(400);
        expect(body.reason).toMatch(/the embedded store \(Kùzu\) writes it label\(r\)/);
        expect((await cypher({ query: 'MATCH (p:Person)-[r]->(c:Conference) RETURN label(r) AS t LIMIT 1' })).status).toBe(200);
      });
    }

    it('offers the query catalog as examples with their parameters, each runnable as shown', async () => {
      const { body } = await get<CatalogEntry[]>('/api/queries');
      const names = body.map((q) => q.name);
      expect(names).toEqual(expect.arrayContaining(['position-timeline', 'conference-people', 'position-changes', 'Who chaired what']));
      for (const q of body) {
        const res = await cypher({ query: q.cypher, params: q.params ?? {} });
        expect(res.status, `${q.name}: ${res.body.reason ?? ''}`).toBe(200);
      }
      // Parameters stay parameters: the text reads as the query it is.
      const timeline = body.find((q) => q.name === 'position-timeline')!;
      expect(timeline.cypher).toContain('$person');
      expect(timeline.params).toMatchObject({ person: expect.any(String) });
      expect((await cypher({ query: timeline.cypher, params: timeline.params })).body.rows.length).toBeGreaterThan(0);
      // Two reports of one person with different posts, named by file: the comparison finds the change.
      const changes = body.find((q) => q.name === 'position-changes')!;
      expect(changes.params).toMatchObject({ a: expect.stringMatching(/\.txt$/), b: expect.stringMatching(/\.txt$/) });
      expect((await cypher({ query: changes.cypher, params: changes.params })).body.rows.length).toBeGreaterThan(0);
    });
  });

  describe('exports', () => {
    it('GraphML is well-formed and holds every node and edge', async () => {
      const stats = (await get<StatsResponse>('/api/stats')).body;
      const res = await app.inject({ method: 'GET', url: '/api/export/graphml' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/graphml/);
      expect(xmlIsWellFormed(res.body)).toBe(true);
      expect(res.body.match(/<node /g)?.length).toBe(stats.nodes);
      expect(res.body.match(/<edge /g)?.length).toBe(stats.edges);
      expect(res.body).toContain('Phạm Thị Phúc');
    });

    it('CSV nodes and edges parse, with Gephi column names and one row per element', async () => {
      const stats = (await get<StatsResponse>('/api/stats')).body;
      const nodes = parseCsv((await app.inject({ method: 'GET', url: '/api/export/csv?part=nodes' })).body);
      expect(nodes[0]!.slice(0, 3)).toEqual(['Id', 'Label', 'type']);
      expect(nodes.length - 1).toBe(stats.nodes);
      expect(nodes.every((r) => r.length === nodes[0]!.length)).toBe(true);
      expect(nodes.some((r) => r[1] === 'Phạm Thị Phúc')).toBe(true);
      const edges = parseCsv((await app.inject({ method: 'GET', url: '/api/export/csv?part=edges' })).body);
      expect(edges[0]!.slice(0, 3)).toEqual(['Source', 'Target', 'Type']);
      expect(edges.length - 1).toBe(stats.edges);
      expect((await get('/api/export/csv?part=links')).status).toBe(400);
    });
  });

  describe('static page', () => {
    it('serves index.html at / and nothing outside its directory', async () => {
      const page = await app.inject({ method: 'GET', url: '/' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect((await app.inject({ method: 'GET', url: '/../package.json' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/%2e%2e/%2e%2e/package.json' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/api/nope' })).statusCode).toBe(404);
    });
  });
}
