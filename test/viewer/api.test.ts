import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphStore } from '../../graph/store.js';
import { buildApp } from '../../viewer/server/app.js';
import { GraphApi } from '../../viewer/server/graph-api.js';
import { citedArticles } from '../../viewer/server/view-model.js';
import type { ConferenceDetail, CypherResponse, GraphSlice, OtherDetail, PersonDetail, SearchResponse, StatsResponse } from '../../viewer/shared/api-types.js';
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

/** The overview's node ids per backend, so the second store's run can compare with the first's. */
const overviewIds: Partial<Record<'kuzu' | 'neo4j', string[]>> = {};

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
      for (const types of ['Foo', 'Person,Foo', 'person', 'Article', 'Person,']) {
        const { status, body } = await get<{ error: string; reason: string }>(`/api/search?q=x&types=${encodeURIComponent(types)}`);
        expect(status, types).toBe(400);
        expect(body.reason, types).toMatch(/types.*Person, Organization, Conference, Locality/);
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

    it('caps the connections read for a detail panel and says so', async () => {
      const id = await idOf('pham thi phuc', 'Person');
      const capped = (await new GraphApi(store, { detailLimit: 2 }).detail(id)) as PersonDetail;
      expect(capped.kind).toBe('person');
      expect(capped.truncated).toBe(true);
      const listed = capped.positions.length + Object.values(capped.conferencesByRole).flat().length;
      expect(listed).toBeGreaterThan(0);
      expect(listed).toBeLessThanOrEqual(2);
      const locality = await idOf('lam dong', 'Locality');
      const other = (await new GraphApi(store, { detailLimit: 1 }).detail(locality)) as OtherDetail;
      expect(other.neighbours.length).toBe(1);
      expect(other.truncated).toBe(true);
    });

    it('reads only the articles that the facts in a detail cite', async () => {
      const id = await idOf('pham thi phuc', 'Person');
      const spy = spying(store);
      const detail = (await new GraphApi(spy.store).detail(id)) as PersonDetail;
      const rels = await store.query('MATCH (p:Person)-[r]-() WHERE p.id = $id RETURN r', { id }, { readOnly: true });
      const cited = new Set(rels.rows.flatMap((row) => citedArticles((row.r as { properties: Record<string, never> }).properties)));
      const articleReads = spy.queries.filter((q) => /:Article\b/.test(q.cypher));
      expect(articleReads.length).toBe(1);
      expect(new Set(articleReads[0]!.params.refs as string[])).toEqual(cited);
      const total = Number((await store.query('MATCH (a:Article) RETURN count(a) AS n', {}, { readOnly: true })).rows[0]!.n);
      expect(articleReads[0]!.rows).toBeLessThan(total);
      // The articles read still name every source: file and headline.
      const sources = detail.positions.flatMap((p) => p.sources);
      expect(sources.length).toBeGreaterThan(0);
      expect(sources.every((src) => /\.txt$/.test(src.article ?? '') && src.headline)).toBe(true);
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

    it('orders the overview by degree, then id, the same on every store', async () => {
      const degrees = await store.query('MATCH (n)-[r]-() RETURN n.id AS id, count(r) AS d', {}, { readOnly: true });
      const expected = degrees.rows
        .map((row) => ({ id: String(row.id), d: Number(row.d) }))
        .sort((a, b) => b.d - a.d || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .slice(0, 25)
        .map((x) => x.id);
      const { body } = await get<GraphSlice>('/api/graph?limit=25');
      const ids = body.nodes.map((n) => n.id);
      expect(ids).toEqual(expected);
      overviewIds[backend] = ids;
      const other = overviewIds[backend === 'kuzu' ? 'neo4j' : 'kuzu'];
      if (other) expect(ids).toEqual(other);
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

    it('gives an overview capped at limit, with totals for "showing N of M"', async () => {
      const stats = (await get<StatsResponse>('/api/stats')).body;
      const { body } = await get<GraphSlice>('/api/graph?limit=5');
      expect(body.nodes.length).toBe(5);
      expect(body.totalNodes).toBe(stats.nodes);
      expect(body.truncated).toBe(true);
      expect((await get('/api/graph?limit=-3')).status).toBe(400);
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

    it('offers the query catalog as examples, each runnable as shown', async () => {
      const { body } = await get<{ name: string; cypher: string }[]>('/api/queries');
      const names = body.map((q) => q.name);
      expect(names).toEqual(expect.arrayContaining(['position-timeline', 'conference-people', 'Who chaired what']));
      for (const q of body) {
        const res = await cypher({ query: q.cypher });
        expect(res.status, `${q.name}: ${res.body.reason ?? ''}`).toBe(200);
      }
      // The timeline example is filled with a real person, so it returns rows.
      const timeline = body.find((q) => q.name === 'position-timeline')!;
      expect((await cypher({ query: timeline.cypher })).body.rows.length).toBeGreaterThan(0);
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
