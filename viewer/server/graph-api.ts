import type { GraphNode, GraphRel, GraphStore, GraphValue, Row, StoreStats } from '../../graph/store.js';
import { QueryRefused, QueryTimeout } from '../../graph/store.js';
import type {
  CatalogEntry,
  ConferenceDetail,
  ConferenceRef,
  CypherResponse,
  GraphSlice,
  NodeDetail,
  Participant,
  PersonDetail,
  SearchHit,
  StatsResponse,
  TimelineEntry,
  ViewEdge,
  ViewNode,
} from '../shared/api-types.js';
import { catalogFor } from './catalog.js';
import { edgesCsv, nodesCsv, toGraphml } from './export-formats.js';
import { SearchIndex } from './search-index.js';
import { type ArticleInfo, citedArticles, labelOfId, ROLE_OF_EDGE, sourcesOf, toViewEdge, toViewNode } from './view-model.js';

/**
 * The viewer's reads, on GraphStore.query() only. The Cypher here sticks to what Kùzu and Neo4j
 * both accept: labelled MATCH on `id`, untyped `-[r]-` patterns, whole nodes and relationships
 * returned (the store normalises them), no label()/labels()/type() calls.
 */

export interface CypherLimits {
  timeoutMs: number;
  rowLimit: number;
}

const isNode = (v: unknown): v is GraphNode => typeof v === 'object' && v !== null && (v as GraphNode)._kind === 'node';
const isRel = (v: unknown): v is GraphRel => typeof v === 'object' && v !== null && (v as GraphRel)._kind === 'rel';
const str = (v: GraphValue | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** A client error: the route answers 400 with this message as the reason. */
export class BadRequest extends Error {
  override name = 'BadRequest';
}

/**
 * True when the store stopped a query at its time limit: a QueryTimeout (both stores throw it; by
 * class, or by name for one thrown by another copy of the class), or Neo4j's own server-side
 * transaction timeout, known by its status code. Never judged by the message, which may echo the
 * user's query ('timeout' in a syntax error is a syntax error).
 */
export function isQueryTimeout(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err instanceof QueryTimeout || err.name === 'QueryTimeout') return true;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut');
}

const isQueryRefused = (err: unknown): boolean => err instanceof QueryRefused || (err instanceof Error && err.name === 'QueryRefused');

export interface GraphApiOptions {
  /** Fixed examples (tests); by default the catalog is built from the store on each request. */
  catalog?: CatalogEntry[] | null;
  /** At most this many connections are read for a node's detail panel (a hub node has thousands). */
  detailLimit?: number;
  /** How long the store's counts (totals for "showing N of M") are reused. */
  statsTtlMs?: number;
}

export const DETAIL_LIMIT = 200;
const STATS_TTL_MS = 10_000;

export class GraphApi {
  private readonly index: SearchIndex;
  private readonly catalogEntries: CatalogEntry[] | null;
  private readonly detailLimit: number;
  private readonly statsTtlMs: number;
  private statsCache: { at: number; value: Promise<StoreStats> } | null = null;

  constructor(
    private readonly store: GraphStore,
    opts: GraphApiOptions = {},
  ) {
    this.index = new SearchIndex(store);
    this.catalogEntries = opts.catalog ?? null;
    this.detailLimit = opts.detailLimit ?? DETAIL_LIMIT;
    this.statsTtlMs = opts.statsTtlMs ?? STATS_TTL_MS;
  }

  /** store.stats() (one count query per label and type), reused for statsTtlMs; concurrent callers share one run. */
  private storeStats(): Promise<StoreStats> {
    const now = Date.now();
    if (this.statsCache && now - this.statsCache.at < this.statsTtlMs) return this.statsCache.value;
    const value = this.store.stats();
    const entry = { at: now, value };
    this.statsCache = entry;
    // A failure is not cached: the next call asks the store again.
    value.catch(() => {
      if (this.statsCache === entry) this.statsCache = null;
    });
    return value;
  }

  private q(cypher: string, params: Record<string, unknown> = {}) {
    return this.store.query(cypher, params, { readOnly: true });
  }

  search(q: string, types: string[] | null, limit: number): Promise<SearchHit[]> {
    return this.index.search(q, types, limit);
  }

  async stats(): Promise<StatsResponse> {
    const s = await this.storeStats();
    const range = await this.q('MATCH (c:Conference) WHERE c.date IS NOT NULL RETURN min(c.date) AS lo, max(c.date) AS hi');
    const row = range.rows[0] ?? {};
    return {
      backend: this.store.kind,
      nodes: s.totalNodes,
      edges: s.totalEdges,
      nodeTypes: Object.entries(s.nodes).filter(([, n]) => (n ?? 0) > 0).map(([l]) => l),
      edgeTypes: Object.entries(s.edges).filter(([, n]) => (n ?? 0) > 0).map(([t]) => t),
      dateRange: { min: str(row.lo), max: str(row.hi) },
    };
  }

  private async nodeRow(id: string): Promise<GraphNode | null> {
    const label = labelOfId(id);
    const res = await this.q(`MATCH (n${label ? `:${label}` : ''}) WHERE n.id = $id RETURN n`, { id });
    const n = res.rows[0]?.n;
    return isNode(n) ? n : null;
  }

  /**
   * The node's relationships and the nodes at their other end, at most `limit` of them (one more is
   * read to tell whether the cap cut the list). Ordered by the other end's id, so both stores
   * return the same ones.
   */
  private async around(id: string, limit: number): Promise<{ node: GraphNode; pairs: { r: GraphRel; m: GraphNode }[]; truncated: boolean } | null> {
    const node = await this.nodeRow(id);
    if (!node) return null;
    const res = await this.q(`MATCH (n:${node.label})-[r]-(m) WHERE n.id = $id RETURN r, m ORDER BY m.id LIMIT ${Math.floor(limit) + 1}`, { id });
    const pairs = res.rows.flatMap((row) => (isRel(row.r) && isNode(row.m) ? [{ r: row.r, m: row.m }] : []));
    const truncated = pairs.length > limit;
    return { node, pairs: truncated ? pairs.slice(0, limit) : pairs, truncated };
  }

  private slice(nodes: GraphNode[], rels: GraphRel[], totals: { nodes: number; edges: number }, truncated: boolean): GraphSlice {
    const viewNodes = new Map<string, ViewNode>();
    for (const n of nodes) if (!viewNodes.has(n.id)) viewNodes.set(n.id, toViewNode(n));
    const dates = new Map([...viewNodes.values()].map((n) => [n.id, n.date]));
    const edges = new Map<string, ViewEdge>();
    for (const r of rels) {
      const e = toViewEdge(r, dates);
      edges.set(e.id, e);
    }
    return { nodes: [...viewNodes.values()], edges: [...edges.values()], totalNodes: totals.nodes, totalEdges: totals.edges, truncated };
  }

  async neighbours(id: string, limit: number): Promise<GraphSlice | null> {
    const found = await this.around(id, limit);
    if (!found) return null;
    const s = await this.storeStats();
    return this.slice(
      [found.node, ...found.pairs.map((p) => p.m)],
      found.pairs.map((p) => p.r),
      { nodes: s.totalNodes, edges: s.totalEdges },
      found.truncated,
    );
  }

  /** A first view: the best-connected nodes (ties by id, so both stores agree) and the edges among them. */
  async overview(limit: number): Promise<GraphSlice> {
    const s = await this.storeStats();
    const top = await this.q(`MATCH (n)-[r]-() RETURN n, count(r) AS degree ORDER BY degree DESC, n.id LIMIT ${Math.floor(limit)}`);
    const nodes = top.rows.map((row) => row.n).filter(isNode);
    const rels = await this.relsAmong(nodes.map((n) => n.id));
    return this.slice(nodes, rels, { nodes: s.totalNodes, edges: s.totalEdges }, s.totalNodes > nodes.length);
  }

  private async relsAmong(ids: string[]): Promise<GraphRel[]> {
    if (ids.length === 0) return [];
    const res = await this.q('MATCH (a)-[r]->(b) WHERE a.id IN $ids AND b.id IN $ids RETURN r', { ids });
    return res.rows.map((row) => row.r).filter(isRel);
  }

  /** The articles the facts on these relationships cite (by id or file name), and no others. */
  private async articles(rels: GraphRel[]): Promise<Map<string, ArticleInfo>> {
    const refs = [...new Set(rels.flatMap((r) => citedArticles(r.properties)))];
    if (refs.length === 0) return new Map();
    const res = await this.q(
      'MATCH (a:Article) WHERE a.id IN $refs OR a.file IN $refs RETURN a.id AS id, a.file AS file, a.headline AS headline, a.eventDate AS ev, a.publishedDate AS pub, a.sentences AS sentences',
      { refs },
    );
    const map = new Map<string, ArticleInfo>();
    for (const row of res.rows) {
      const id = str(row.id);
      if (!id) continue;
      const info: ArticleInfo = { id, file: str(row.file) ?? id, headline: str(row.headline), date: str(row.ev) ?? str(row.pub), sentences: Array.isArray(row.sentences) ? row.sentences.map(String) : [] };
      // Evidence may name an article by id or by file name; index both.
      map.set(id, info);
      map.set(info.file, info);
    }
    return map;
  }

  /** The detail panel: at most detailLimit connections are read; `truncated` says when there were more. */
  async detail(id: string): Promise<NodeDetail | null> {
    const found = await this.around(id, this.detailLimit);
    if (!found) return null;
    const { node, pairs, truncated } = found;
    if (node.label === 'Person') return { ...(await this.personDetail(node, pairs)), truncated };
    if (node.label === 'Conference') return { ...(await this.conferenceDetail(node, pairs)), truncated };
    return {
      kind: 'other',
      node: toViewNode(node),
      truncated,
      neighbours: pairs.map(({ r, m }) => ({
        id: m.id,
        type: m.label,
        name: toViewNode(m).name,
        relation: toViewEdge(r).label + (r.source === node.id ? ' →' : ' ←'),
      })),
    };
  }

  private async personDetail(node: GraphNode, pairs: { r: GraphRel; m: GraphNode }[]): Promise<Omit<PersonDetail, 'truncated'>> {
    const articles = await this.articles(pairs.map((p) => p.r));
    const positions: TimelineEntry[] = [];
    const byRole: Record<string, ConferenceRef[]> = {};
    for (const { r, m } of pairs) {
      if (r.type === 'HELD' && m.label === 'Position') {
        positions.push({
          title: str(m.properties.title) ?? str(m.properties.text) ?? m.id,
          body: str(m.properties.body),
          firstSeen: str(r.properties.firstSeen) ?? str(r.properties.asOf),
          lastSeen: str(r.properties.lastSeen) ?? str(r.properties.asOf),
          sources: sourcesOf(r.properties, articles),
        });
      } else if (ROLE_OF_EDGE[r.type] && m.label === 'Conference') {
        const role = ROLE_OF_EDGE[r.type]!;
        const view = toViewNode(m);
        (byRole[role] ??= []).push({
          id: m.id,
          name: view.name + (r.type === 'AWARDED' && str(r.properties.award) ? ` (${str(r.properties.award)})` : ''),
          date: view.date,
          role,
          sources: sourcesOf(r.properties, articles),
        });
      }
    }
    // Oldest first: a timeline reads forward; undated posts go last.
    positions.sort((a, b) => (a.firstSeen ?? '9999').localeCompare(b.firstSeen ?? '9999') || a.title.localeCompare(b.title, 'vi'));
    for (const list of Object.values(byRole)) list.sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999'));
    return { kind: 'person', node: toViewNode(node), positions, conferencesByRole: byRole };
  }

  private async conferenceDetail(node: GraphNode, pairs: { r: GraphRel; m: GraphNode }[]): Promise<Omit<ConferenceDetail, 'truncated'>> {
    const articles = await this.articles(pairs.map((p) => p.r));
    const organizers: ConferenceDetail['organizers'] = [];
    const byRole: Record<string, Participant[]> = {};
    const covering: ConferenceDetail['articles'] = [];
    let place = str(node.properties.place);
    for (const { r, m } of pairs) {
      const name = toViewNode(m).name;
      if (r.type === 'ORGANIZED') organizers.push({ id: m.id, name, sources: sourcesOf(r.properties, articles) });
      else if (r.type === 'HELD_IN') place ??= name;
      else if (r.type === 'COVERS') covering.push({ id: m.id, name, date: toViewNode(m).date });
      else if (ROLE_OF_EDGE[r.type]) {
        (byRole[ROLE_OF_EDGE[r.type]!] ??= []).push({
          id: m.id,
          name,
          note: r.type === 'AWARDED' ? str(r.properties.award) : null,
          sources: sourcesOf(r.properties, articles),
        });
      }
    }
    // Roles in the order a report lists them.
    const order = Object.values(ROLE_OF_EDGE);
    const participantsByRole = Object.fromEntries(order.filter((r) => byRole[r]).map((r) => [r, byRole[r]!]));
    return {
      kind: 'conference',
      node: toViewNode(node),
      date: str(node.properties.date),
      place,
      organizers,
      participantsByRole,
      articles: covering,
    };
  }

  async catalog(): Promise<CatalogEntry[]> {
    return this.catalogEntries ?? catalogFor(this.store);
  }

  /**
   * Read-only Cypher from the console, time- and row-limited. The store refuses writes in read-only
   * mode (QueryRefused, before the query runs); that and every other failure of the user's query
   * (syntax, time limit) is a 400, not a server fault.
   */
  async cypher(query: string, limits: CypherLimits): Promise<CypherResponse> {
    const t0 = Date.now();
    let res;
    try {
      res = await this.store.query(query, {}, { readOnly: true, timeoutMs: limits.timeoutMs, rowLimit: limits.rowLimit });
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (isQueryRefused(err)) throw new BadRequest(/read.?only/i.test(msg) ? msg : `read-only: ${msg}`);
      if (isQueryTimeout(err)) throw new BadRequest(`time limit of ${limits.timeoutMs} ms reached: ${msg}`);
      throw new BadRequest(msg);
    }
    const nodes = new Map<string, GraphNode>();
    const rels: GraphRel[] = [];
    const collect = (v: GraphValue): void => {
      if (v === null || typeof v !== 'object') return;
      if (Array.isArray(v)) return v.forEach(collect);
      if (isNode(v)) nodes.set(v.id, v);
      else if (isRel(v)) rels.push(v);
      else if ((v as { _kind?: string })._kind === 'path') {
        const p = v as { nodes: GraphNode[]; rels: GraphRel[] };
        p.nodes.forEach((n) => nodes.set(n.id, n));
        rels.push(...p.rels);
      } else Object.values(v).forEach(collect);
    };
    res.rows.forEach((row: Row) => Object.values(row).forEach(collect));
    // A relationship is drawn between its ends, so fetch ends the query did not return.
    const missing = [...new Set(rels.flatMap((r) => [r.source, r.target]))].filter((id) => !nodes.has(id));
    if (missing.length) {
      const ends = await this.q('MATCH (n) WHERE n.id IN $ids RETURN n', { ids: missing });
      for (const row of ends.rows) if (isNode(row.n)) nodes.set(row.n.id, row.n);
    }
    const slice = this.slice([...nodes.values()], rels, { nodes: 0, edges: 0 }, false);
    return {
      columns: res.columns,
      rows: res.rows.map((row) => res.columns.map((c) => display(row[c] ?? null))),
      nodes: slice.nodes,
      edges: slice.edges,
      truncated: res.truncated,
      elapsedMs: Date.now() - t0,
    };
  }

  private async everything(): Promise<{ nodes: ViewNode[]; edges: ViewEdge[] }> {
    const n = await this.q('MATCH (n) RETURN n');
    const r = await this.q('MATCH (a)-[r]->(b) RETURN r');
    const slice = this.slice(n.rows.map((row) => row.n).filter(isNode), r.rows.map((row) => row.r).filter(isRel), { nodes: 0, edges: 0 }, false);
    return { nodes: slice.nodes, edges: slice.edges };
  }

  async exportGraphml(): Promise<string> {
    const g = await this.everything();
    return toGraphml(g.nodes, g.edges);
  }

  async exportCsv(part: 'nodes' | 'edges'): Promise<string> {
    const g = await this.everything();
    return part === 'nodes' ? nodesCsv(g.nodes) : edgesCsv(g.edges);
  }
}

/** A table cell: nodes and relationships summarised, other values as they are. */
function display(v: GraphValue): unknown {
  if (isNode(v)) return `(:${v.label} ${toViewNode(v).name})`;
  if (isRel(v)) return `[:${v.type} ${v.source} → ${v.target}]`;
  if (Array.isArray(v)) return v.map(display);
  if (v !== null && typeof v === 'object' && (v as { _kind?: string })._kind === 'path') {
    const p = v as { nodes: GraphNode[] };
    return p.nodes.map((n) => toViewNode(n).name).join(' — ');
  }
  return v;
}
