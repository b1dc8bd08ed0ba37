import type { FastifyInstance } from 'fastify';
import { unboundMessage, unboundParameters } from '../../graph/query-guard.js';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { parseEvidencePointer } from '../../graph/ids.js';
import { EDGE_OF_ROLE, EDGE_TYPES, EDGES } from '../../graph/schema.js';
import type { GraphNode, GraphRel, GraphStore, GraphValue, Row, StoreStats } from '../../graph/store.js';
import { blankLiterals, QueryRefused, QueryTimeout } from '../../graph/store.js';
import type {
  CatalogEntry,
  CoAppearance,
  ConferenceDetail,
  ConferenceRef,
  CypherResponse,
  EdgeDetail,
  GraphSlice,
  MentionRef,
  Move,
  MovesResponse,
  NodeDetail,
  NodeRef,
  OverviewSummary,
  Participant,
  PersonDetail,
  PositionDetail,
  SearchHit,
  Spell,
  StatsResponse,
  Succession,
  ViewEdge,
  ViewNode,
} from '../shared/api-types.js';
import { issuesText, NodeParams, SearchQuery } from './api-params.js';
import { catalogFor } from './catalog.js';
import { edgesCsv, nodesCsv, toGraphml } from './export-formats.js';
import { Coalescer, type Shape } from './coalesced-reads.js';
import { SearchIndex } from './search-index.js';
import {
  type ArticleInfo,
  citedArticles,
  compareSpells,
  edgeId,
  isBookkeeping,
  labelOfId,
  ROLE_OF_EDGE,
  scopeName,
  sourcesOf,
  spellOf,
  toViewEdge,
  toViewNode,
  yearsSeen,
} from './view-model.js';

/**
 * The viewer's reads, on GraphStore.query() only, and the routes that expose them
 * (registerGraphRoutes). The Cypher here sticks to what Kùzu and Neo4j both accept: labelled
 * MATCH on `id`, untyped `-[r]-` patterns, whole nodes and relationships returned (the store
 * normalises them), no label()/labels()/type() calls; orders that involve nulls are made in JS,
 * since the two stores place nulls differently.
 */

export interface CypherLimits {
  timeoutMs: number;
  rowLimit: number;
}

const isNode = (v: unknown): v is GraphNode => typeof v === 'object' && v !== null && (v as GraphNode)._kind === 'node';
const isRel = (v: unknown): v is GraphRel => typeof v === 'object' && v !== null && (v as GraphRel)._kind === 'rel';
const str = (v: GraphValue | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);
const strs = (v: GraphValue | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : []);
const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

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

/** Neo4j spellings Kùzu does not know, and Kùzu's; an error about one gets a hint. */
const KUZU_SPELLINGS: Record<string, string> = {
  TYPE: 'label(r)',
  LABELS: 'label(n)',
  TOLOWER: 'lower(s)',
  TOUPPER: 'upper(s)',
  SHORTESTPATH: "(a)-[* SHORTEST 1..8]-(b)",
  TOSTRING: 'cast(x AS STRING)',
  TOINTEGER: 'cast(x AS INT64)',
  ELEMENTID: 'id(n)',
};

/** The store's error for a console query, with a hint where a Neo4j spelling failed on Kùzu. */
export function explainStoreError(kind: GraphStore['kind'], message: string): string {
  if (kind !== 'kuzu') return message;
  const m = /function (\w+) does not exist/i.exec(message);
  const fix = m ? KUZU_SPELLINGS[m[1]!.toUpperCase()] : undefined;
  return fix ? `${message} — the embedded store (Kùzu) writes it ${fix}; the Neo4j spelling ${m![1]!.toLowerCase()}() works on Neo4j only` : message;
}

export interface GraphApiOptions {
  /** Fixed examples (tests); by default the catalog is built from the store (and kept a minute). */
  catalog?: CatalogEntry[] | null;
  /** At most this many connections are read per list of a node's detail panel (a hub node has thousands). */
  detailLimit?: number;
  /** How long the store's counts (totals for "showing N of M") are reused. */
  statsTtlMs?: number;
  /** How long a node's panel, neighbours and ego network are reused (0: read every time); by default READ_CACHE_MS on a frozen store, else 0. */
  readCacheMs?: number;
  /** Up to this many cited articles are read one primary-key lookup each (ARTICLES_BY_KEY); more, by one batched read. */
  articlesByKey?: number;
  /** Nodes this small are read together with other panels' (COALESCED_MENTIONS, COALESCED_SOURCES); 0 reads every node alone. */
  coalesceUpTo?: { mentions: number; sources: number };
}

export const DETAIL_LIMIT = 200;
const STATS_TTL_MS = 10_000;
/** A panel reads about ten queries; analysts (and a team sharing a server) open the same nodes again and again. */
export const READ_CACHE_MS = 30_000;
const READ_CACHE_ENTRIES = 2_000;
const CATALOG_TTL_MS = 60_000;
/** People listed as seen with a person, at most. */
const CO_APPEARANCES = 15;
const MENTIONS_LISTED = 20;
/**
 * A person seen at most this often, or a conference reported by at most COALESCED_SOURCES articles,
 * has few rows in each of its panel's reads, and those reads go together with other panels' (see
 * coalesced-reads.ts): read for many nodes at once they cannot be capped per node.
 */
const COALESCED_MENTIONS = 100;
const COALESCED_SOURCES = 20;
const MENTIONS_COUNTED = 100;
/** Node types the overview folds into people and conferences unless asked to unfold them. */
export const FOLDABLE_TYPES = ['Position', 'Organization', 'Article', 'Award', 'Locality'] as const;
/** Role edges (a person at a conference). */
const ROLE_TYPES = new Set(Object.keys(ROLE_OF_EDGE));
/**
 * The edge types with `label` at an end (graph/schema.ts), without those that lead to a bookkeeping
 * node (Mention, Name, Pending) unless asked: a pattern naming them reads only their tables, where an untyped one reads
 * every table and filters afterwards (16 ms against 26 ms a person on 20,000 reports).
 */
function adjacentTypes(label: string, bookkeeping: boolean): string[] {
  const key = `${label} ${bookkeeping}`;
  let types = ADJACENT.get(key);
  if (!types) {
    types = EDGE_TYPES.filter((t) =>
      (EDGES[t].pairs as ReadonlyArray<readonly [string, string]>).some(
        ([a, b]) => (a === label && (bookkeeping || !isBookkeeping(b))) || (b === label && (bookkeeping || !isBookkeeping(a))),
      ),
    );
    ADJACENT.set(key, types);
  }
  return types;
}
/** adjacentTypes by label and flag: the schema does not change while the server runs. */
const ADJACENT = new Map<string, string[]>();

/**
 * A relationship's properties as columns: returning a relationship whole costs the embedded store
 * 3–5 ms a read even for two rows, its columns well under one. `props` names them (the union over
 * the edge types the pattern can bind; Neo4j gives null for one a type lacks).
 */
const relColumns = (types: (keyof typeof EDGES)[]): string[] => [...new Set(types.flatMap((t) => Object.keys(EDGES[t].props)))];
const HELD_COLUMNS = relColumns(['HELD']);
const ROLE_COLUMNS = relColumns(Object.values(EDGE_OF_ROLE) as (keyof typeof EDGES)[]);
const SUCCEEDED_COLUMNS = relColumns(['SUCCEEDED']);
const project = (v: string, cols: string[]): string => cols.map((c) => `${v}.${c} AS ${v}_${c}`).join(', ');
function relFrom(row: Row, v: string, cols: string[], type: string, source: string, target: string): GraphRel {
  return { _kind: 'rel', type, source, target, properties: Object.fromEntries(cols.map((c) => [c, row[`${v}_${c}`] ?? null])) } as GraphRel;
}

/**
 * A node read as the columns a panel shows (`v__col`), not whole: a whole node costs the embedded
 * store a scan of every column of its table, and a panel shows two or three of them.
 */
const POSITION_COLUMNS = ['id', 'title', 'text', 'body', 'level', 'province'];
const CONFERENCE_COLUMNS = ['id', 'title', 'date'];
const PERSON_REF_COLUMNS = ['id', 'name'];
/** A read of one node's rows: its MATCH `pattern` binds the node as `{anchor}`, `(${v}:${label})`. */
interface NodeRead {
  label: string;
  v: string;
  pattern: string;
  ret: string;
  order?: string;
}
/** The read written for a list of keys (each row's key as `key`) and for one node (`$id`, a primary-key lookup). */
function keyedShape({ label, v, pattern, ret, order }: NodeRead): Required<Shape> {
  const at = (props: string) => pattern.replace('{anchor}', `(${v}:${label}${props})`);
  return {
    many: `${at('')} WHERE ${v}.id IN $keys RETURN ${v}.id AS key, ${ret}${order ? ` ORDER BY key, ${order}` : ''}`,
    one: `${at(' {id: $id}')} RETURN ${ret}${order ? ` ORDER BY ${order}` : ''}`,
  };
}
const projectNode = (v: string, cols: string[]): string => cols.map((c) => `${v}.${c} AS ${v}__${c}`).join(', ');
function nodeFrom(row: Row, v: string, label: string, cols: string[]): GraphNode | null {
  const id = row[`${v}__id`];
  if (typeof id !== 'string') return null;
  return { _kind: 'node', id, label, properties: Object.fromEntries(cols.filter((c) => c !== 'id').map((c) => [c, row[`${v}__${c}`] ?? null])) } as GraphNode;
}
/** An article's header row (id, file, headline, ev, pub); its sentences are filled in sparsely, only those evidence points at. */
function articleInfo(row: Row): ArticleInfo | null {
  const id = str(row.id);
  return id ? { id, file: str(row.file) ?? id, headline: str(row.headline), date: str(row.ev) ?? str(row.pub), sentences: [] } : null;
}
/** Articles read one primary-key lookup each up to this many; beyond, one scan of the table is cheaper. */
const ARTICLES_BY_KEY = 32;

export class GraphApi {
  private readonly index: SearchIndex;
  private readonly together: Coalescer;
  private readonly catalogEntries: CatalogEntry[] | null;
  private readonly detailLimit: number;
  private readonly articlesByKeyMax: number;
  private readonly coalesceUpTo: { mentions: number; sources: number };
  private readonly statsTtlMs: number;
  private statsCache: { at: number; value: Promise<StoreStats> } | null = null;
  private catalogCache: { at: number; value: Promise<CatalogEntry[]> } | null = null;
  private readonly recent: LRUCache<string, Promise<unknown>> | null;

  constructor(
    private readonly store: GraphStore,
    opts: GraphApiOptions = {},
  ) {
    this.index = new SearchIndex(store);
    this.together = new Coalescer(async (cypher, params) => (await this.q(cypher, params)).rows);
    this.catalogEntries = opts.catalog ?? null;
    this.detailLimit = opts.detailLimit ?? DETAIL_LIMIT;
    this.articlesByKeyMax = opts.articlesByKey ?? ARTICLES_BY_KEY;
    this.coalesceUpTo = opts.coalesceUpTo ?? { mentions: COALESCED_MENTIONS, sources: COALESCED_SOURCES };
    this.statsTtlMs = opts.statsTtlMs ?? STATS_TTL_MS;
    const ttl = opts.readCacheMs ?? (store.frozen ? READ_CACHE_MS : 0);
    this.recent = ttl > 0 ? new LRUCache({ max: READ_CACHE_ENTRIES, ttl }) : null;
  }

  /**
   * A read reused for readCacheMs: concurrent callers of one key share one run, and a failure is
   * not kept. By default only on a frozen store (the server opens the embedded store read-only, which
   * locks writers out), where nothing can change under it; asked for on Neo4j, where another
   * process may be loading, a panel is at most readCacheMs old.
   */
  remembered<T>(key: string, read: () => Promise<T>): Promise<T> {
    if (!this.recent) return read();
    const hit = this.recent.get(key);
    if (hit) return hit as Promise<T>;
    const value = read();
    this.recent.set(key, value);
    value.catch(() => {
      if (this.recent?.get(key) === value) this.recent.delete(key);
    });
    return value;
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

  /** A relationship's type: Kùzu spells it label(r), Neo4j type(r). */
  private relType(v: string): string {
    return this.store.kind === 'kuzu' ? `label(${v})` : `type(${v})`;
  }

  private q(cypher: string, params: Record<string, unknown> = {}) {
    return this.store.query(cypher, params, { readOnly: true });
  }

  search(q: string, types: string[] | null, limit: number): Promise<SearchHit[]> {
    return this.index.search(q, types, limit);
  }

  async stats(): Promise<StatsResponse> {
    this.index.warm();
    const s = await this.storeStats();
    const range = await this.q('MATCH (c:Conference) WHERE c.date IS NOT NULL RETURN min(c.date) AS lo, max(c.date) AS hi');
    const row = range.rows[0] ?? {};
    const counts = Object.fromEntries(Object.entries(s.nodes).filter(([, n]) => (n ?? 0) > 0)) as Record<string, number>;
    return {
      backend: this.store.kind,
      nodes: s.totalNodes,
      edges: s.totalEdges,
      nodeTypes: Object.keys(counts),
      edgeTypes: Object.entries(s.edges).filter(([, n]) => (n ?? 0) > 0).map(([t]) => t),
      counts,
      dateRange: { min: str(row.lo), max: str(row.hi) },
    };
  }

  private async nodeRow(id: string): Promise<GraphNode | null> {
    const label = labelOfId(id);
    // On a known label: alone, a primary-key lookup on Kùzu (a WHERE on n.id scans: 4× slower); in a crowd, one scan for all.
    const rows = label
      ? await this.together.rows(keyedShape({ label, v: 'n', pattern: 'MATCH {anchor}', ret: 'n' }), id)
      : (await this.q('MATCH (n) WHERE n.id = $id RETURN n', { id })).rows;
    const n = rows[0]?.n;
    return isNode(n) ? n : null;
  }

  /**
   * The node's relationships and the nodes at their other end, at most `limit` of them (one more is
   * read to tell whether the cap cut the list). Ordered by the other end's id, so both stores
   * return the same ones. Mentions and names are left out unless `bookkeeping`.
   */
  private async around(id: string, limit: number, bookkeeping = false): Promise<{ node: GraphNode; pairs: { r: GraphRel; m: GraphNode }[]; truncated: boolean } | null> {
    const node = await this.nodeRow(id);
    if (!node) return null;
    const types = adjacentTypes(node.label, bookkeeping || isBookkeeping(node.label));
    if (types.length === 0) return { node, pairs: [], truncated: false };
    const res = await this.rowsOf({ label: node.label, v: 'n', pattern: `MATCH {anchor}-[r:${types.join('|')}]-(m)`, ret: 'r, m', order: 'm.id' }, id, this.fewRows(node), Math.floor(limit));
    const pairs = res.rows.flatMap((row) => (isRel(row.r) && isNode(row.m) ? [{ r: row.r, m: row.m }] : []));
    return { node, pairs, truncated: res.truncated };
  }

  /** Nodes and relationships as the page draws them, people and conferences with what is folded into them. */
  private async slice(nodes: GraphNode[], rels: GraphRel[], totals: { nodes: number; edges: number }, truncated: boolean, extraEdges: ViewEdge[] = []): Promise<GraphSlice> {
    const viewNodes = new Map<string, ViewNode>();
    for (const n of nodes) if (!viewNodes.has(n.id)) viewNodes.set(n.id, toViewNode(n));
    await this.addFacts([...viewNodes.values()]);
    const dates = new Map([...viewNodes.values()].map((n) => [n.id, n.date]));
    const edges = new Map<string, ViewEdge>();
    for (const r of rels) {
      const e = toViewEdge(r, dates);
      edges.set(e.id, e);
    }
    for (const e of extraEdges) edges.set(e.id, e);
    return { nodes: [...viewNodes.values()], edges: [...edges.values()], totalNodes: totals.nodes, totalEdges: totals.edges, truncated };
  }

  /**
   * The facts a hover card and the overview show for people (latest post, province, years seen,
   * number of posts) and conferences (date, place, number of reports): two small reads for the
   * nodes at hand.
   */
  private async addFacts(nodes: ViewNode[]): Promise<void> {
    const people = nodes.filter((n) => n.type === 'Person');
    const confs = nodes.filter((n) => n.type === 'Conference');
    if (people.length) {
      const posts = new Map<string, { n: number; latest: string | null; seen: string; former: boolean }>();
      const res = await this.q('MATCH (p:Person)-[h:HELD]->(pos:Position) WHERE p.id IN $ids RETURN p.id AS id, pos.text AS post, h.lastSeen AS seen, h.status AS status', {
        ids: people.map((p) => p.id),
      });
      for (const row of res.rows) {
        const id = String(row.id);
        const cur = posts.get(id) ?? { n: 0, latest: null, seen: '', former: true };
        cur.n++;
        const seen = str(row.seen) ?? '';
        const former = row.status === 'former';
        if (cur.latest === null || (cur.former && !former) || (cur.former === former && seen > cur.seen)) Object.assign(cur, { latest: str(row.post), seen, former });
        posts.set(id, cur);
      }
      for (const p of people) {
        const pr = p.properties;
        const info = posts.get(p.id);
        const provinces = strs(pr.provinces as GraphValue);
        p.facts = [
          str(pr.latestPost as GraphValue) ?? info?.latest ?? null,
          provinces.length ? provinces.join(', ') : scopeName(str(pr.scope as GraphValue)),
          yearsSeen(str(pr.firstSeen as GraphValue), str(pr.lastSeen as GraphValue)),
          info ? plural(info.n, 'post') : null,
        ].filter((x): x is string => !!x);
      }
    }
    if (confs.length) {
      const res = await this.q('MATCH (a:Article)-[:COVERS]->(c:Conference) WHERE c.id IN $ids RETURN c.id AS id, count(a) AS n', { ids: confs.map((c) => c.id) });
      const reports = new Map(res.rows.map((row) => [String(row.id), Number(row.n)]));
      for (const c of confs) {
        const n = reports.get(c.id) ?? 0;
        c.facts = [c.date, str(c.properties.place as GraphValue), n ? plural(n, 'report') : null].filter((x): x is string => !!x);
      }
    }
  }

  async neighbours(id: string, limit: number, include: string[] = []): Promise<GraphSlice | null> {
    const found = await this.around(id, limit, include.some(isBookkeeping));
    if (!found) return null;
    const s = await this.storeStats();
    return this.slice(
      [found.node, ...found.pairs.map((p) => p.m)],
      found.pairs.map((p) => p.r),
      { nodes: s.totalNodes, edges: s.totalEdges },
      found.truncated,
    );
  }

  /**
   * A first view that means something at any size: the people seen at the most conferences and
   * the conferences that join them, with the role edges between. Conferences go in busiest first
   * (most of the chosen people), each with its chosen people, while the budget lasts, so every
   * node drawn has an edge. Posts, bodies, articles, awards and places are folded into their
   * people and conferences (their facts), unless `include` names them.
   */
  async overview(limit: number, include: string[] = []): Promise<GraphSlice> {
    const s = await this.storeStats();
    const budget = Math.max(2, Math.floor(limit));
    const ranked = await this.q(
      `MATCH (p:Person)-[r]->(c:Conference) RETURN p.id AS id, count(DISTINCT c) AS n ORDER BY n DESC, id LIMIT ${Math.ceil(budget * 0.6)}`,
    );
    const degree = new Map(ranked.rows.map((row) => [String(row.id), Number(row.n)]));
    const rels: GraphRel[] = [];
    const confNodes = new Map<string, GraphNode>();
    const peopleOf = new Map<string, Set<string>>();
    if (degree.size > 0) {
      const res = await this.q('MATCH (p:Person)-[r]->(c:Conference) WHERE p.id IN $ids RETURN r, c', { ids: [...degree.keys()] });
      for (const row of res.rows) {
        if (!isRel(row.r) || !isNode(row.c)) continue;
        rels.push(row.r);
        confNodes.set(row.c.id, row.c);
        (peopleOf.get(row.c.id) ?? peopleOf.set(row.c.id, new Set()).get(row.c.id)!).add(row.r.source);
      }
    }
    const weight = (c: string): number => [...peopleOf.get(c)!].reduce((sum, p) => sum + (degree.get(p) ?? 0), 0);
    const order = [...peopleOf.keys()].sort((a, b) => peopleOf.get(b)!.size - peopleOf.get(a)!.size || weight(b) - weight(a) || (a < b ? -1 : 1));
    const people = new Set<string>();
    const confs = new Set<string>();
    for (const c of order) {
      const fresh = [...peopleOf.get(c)!].filter((p) => !people.has(p));
      if (people.size + confs.size + 1 + fresh.length > budget) continue;
      confs.add(c);
      fresh.forEach((p) => people.add(p));
    }
    const ids = [...people, ...confs];
    const personNodes = ids.length ? (await this.q('MATCH (p:Person) WHERE p.id IN $ids RETURN p', { ids: [...people] })).rows.map((r) => r.p).filter(isNode) : [];
    let nodes: GraphNode[] = [...personNodes.sort(byId), ...[...confs].sort().map((c) => confNodes.get(c)!)];
    let edges = rels.filter((r) => people.has(r.source) && confs.has(r.target));

    const unfolded = include.filter((t): t is (typeof FOLDABLE_TYPES)[number] => (FOLDABLE_TYPES as readonly string[]).includes(t));
    if (unfolded.length && ids.length) {
      // One read per type keeps the pattern portable (no label disjunction in Kùzu).
      for (const t of unfolded) {
        const res = await this.q(`MATCH (n)-[r]-(m:${t}) WHERE n.id IN $ids RETURN r, m ORDER BY m.id LIMIT ${budget}`, { ids });
        for (const row of res.rows) {
          if (!isRel(row.r) || !isNode(row.m)) continue;
          nodes.push(row.m);
          edges.push(row.r);
        }
      }
    }
    const seen = new Set<string>();
    nodes = nodes.filter((n) => !seen.has(n.id) && seen.add(n.id));
    const drawn = new Set(nodes.map((n) => n.id));
    edges = edges.filter((r) => drawn.has(r.source) && drawn.has(r.target));

    const counts = s.nodes as Record<string, number | undefined>;
    const summary: OverviewSummary = {
      people: { shown: people.size, total: counts.Person ?? 0 },
      conferences: { shown: confs.size, total: counts.Conference ?? 0 },
      folded: Object.fromEntries(FOLDABLE_TYPES.filter((t) => !unfolded.includes(t) && (counts[t] ?? 0) > 0).map((t) => [t, counts[t]!])),
      unfolded,
    };
    const slice = await this.slice(nodes, edges, { nodes: s.totalNodes, edges: s.totalEdges }, people.size < summary.people.total || confs.size < summary.conferences.total);
    return { ...slice, overview: summary };
  }

  /** The nodes with these ids and every edge among them: a saved canvas coming back. */
  async subgraph(ids: string[]): Promise<GraphSlice> {
    const s = await this.storeStats();
    if (ids.length === 0) return { nodes: [], edges: [], totalNodes: s.totalNodes, totalEdges: s.totalEdges, truncated: false };
    const res = await this.q('MATCH (n) WHERE n.id IN $ids RETURN n', { ids });
    const nodes = res.rows.map((r) => r.n).filter(isNode);
    const rels = await this.relsAmong(nodes.map((n) => n.id));
    return this.slice(nodes, rels, { nodes: s.totalNodes, edges: s.totalEdges }, nodes.length < ids.length);
  }

  private async relsAmong(ids: string[]): Promise<GraphRel[]> {
    if (ids.length === 0) return [];
    const res = await this.q('MATCH (a)-[r]->(b) WHERE a.id IN $ids AND b.id IN $ids RETURN r', { ids });
    return res.rows.map((row) => row.r).filter(isRel);
  }

  /**
   * The articles the facts with these properties cite (by id or file name), and of each only the
   * sentences their evidence points at: an article's `sentences` hold every sentence of the
   * report, and reading them whole made a detail panel several times slower.
   */
  private async articles(facts: Record<string, GraphValue>[]): Promise<Map<string, ArticleInfo>> {
    const refs = [...new Set(facts.flatMap((f) => citedArticles(f)))];
    if (refs.length === 0) return new Map();
    const pointers = new Map<string, { article: string; sentence: number }>();
    for (const f of facts) {
      for (const e of Array.isArray(f.evidence) ? f.evidence : []) {
        const p = typeof e === 'string' ? parseEvidencePointer(e) : null;
        if (p) pointers.set(e as string, p);
      }
    }
    const wanted = [...pointers.values()];
    if (refs.length <= this.articlesByKeyMax && refs.every((r) => labelOfId(r) === 'Article')) return this.articlesByKey(refs, wanted);
    // List indices start at 1 in Kùzu, at 0 in Neo4j.
    const base = this.store.kind === 'kuzu' ? 1 : 0;
    const [meta, sentences] = await Promise.all([
      this.q('MATCH (a:Article) WHERE a.id IN $refs OR a.file IN $refs RETURN a.id AS id, a.file AS file, a.headline AS headline, a.eventDate AS ev, a.publishedDate AS pub', { refs }),
      wanted.length
        ? this.q(`UNWIND range(${base}, size($pa) + ${base - 1}) AS k MATCH (a:Article {id: $pa[k]}) RETURN k, a.sentences[$pi[k]] AS s`, {
            pa: wanted.map((p) => p.article),
            pi: wanted.map((p) => p.sentence + base),
          })
        : Promise.resolve({ rows: [] as Row[] }),
    ]);
    const map = new Map<string, ArticleInfo>();
    for (const row of meta.rows) {
      const info = articleInfo(row);
      if (!info) continue;
      // Evidence may name an article by id or by file name; index both.
      map.set(info.id, info);
      map.set(info.file, info);
    }
    for (const row of sentences.rows) {
      const p = wanted[Number(row.k) - base];
      const text = str(row.s);
      if (p && text) {
        const info = map.get(p.article);
        if (info) info.sentences[p.sentence] = text;
      }
    }
    return map;
  }

  /**
   * A few articles named by id: one primary-key lookup each, side by side, taking only the
   * sentences pointed at. The embedded store plans the batched form above as a hash join built
   * from the whole Article table, sentences included, so its cost grew with the archive.
   */
  private async articlesByKey(refs: string[], wanted: { article: string; sentence: number }[]): Promise<Map<string, ArticleInfo>> {
    const base = this.store.kind === 'kuzu' ? 1 : 0;
    const picked = this.store.kind === 'kuzu' ? 'list_transform($k, x -> a.sentences[x])' : '[x IN $k | a.sentences[x]]';
    const meta = 'a.id AS id, a.file AS file, a.headline AS headline, a.eventDate AS ev, a.publishedDate AS pub';
    const map = new Map<string, ArticleInfo>();
    await Promise.all(
      refs.map(async (ref) => {
        const indices = [...new Set(wanted.filter((w) => w.article === ref).map((w) => w.sentence))];
        // No empty list parameter: Kùzu 0.11 ends the process on one.
        const res = indices.length
          ? await this.q(`MATCH (a:Article {id: $id}) RETURN ${meta}, ${picked} AS s`, { id: ref, k: indices.map((i) => i + base) })
          : await this.q(`MATCH (a:Article {id: $id}) RETURN ${meta}`, { id: ref });
        const row = res.rows[0];
        const info = row ? articleInfo(row) : null;
        if (!info) return;
        const texts = Array.isArray(row!.s) ? row!.s : [];
        indices.forEach((i, n) => {
          const text = str(texts[n]);
          if (text) info.sentences[i] = text;
        });
        map.set(info.id, info);
        map.set(info.file, info);
      }),
    );
    return map;
  }

  /** The detail panel: at most detailLimit entries are read per list; `truncated` says when there were more. */
  async detail(id: string): Promise<NodeDetail | null> {
    const label = labelOfId(id);
    if (label === 'Person' || label === 'Position') {
      const node = await this.nodeRow(id);
      if (!node) return null;
      if (node.label === 'Person') return this.personDetail(node);
      if (node.label === 'Position') return this.positionDetail(node);
    }
    if (label === 'Conference') {
      const node = await this.nodeRow(id);
      return node ? this.conferenceDetail(node) : null;
    }
    const found = await this.around(id, this.detailLimit, true);
    if (!found) return null;
    const { node, pairs, truncated } = found;
    if (node.label === 'Person') return this.personDetail(node);
    if (node.label === 'Position') return this.positionDetail(node);
    if (node.label === 'Conference') return this.conferenceDetail(node);
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

  /**
   * One node's rows of `read`. Coalesced with other panels' reads when `together`
   * (a node known to have few rows: no cap is needed), else read alone and capped at `limit`.
   */
  private async rowsOf(read: NodeRead, id: string, together: boolean, limit = this.detailLimit): Promise<{ rows: Row[]; truncated: boolean }> {
    const shape = keyedShape(read);
    if (!together) return this.capped(shape.one, { id }, limit);
    const rows = await this.together.rows(shape, id);
    return { rows: rows.slice(0, limit), truncated: rows.length > limit };
  }

  /** Whether the node's reads go together with other panels' (see COALESCED_MENTIONS): a person seen rarely, a conference from few reports. */
  private fewRows(node: GraphNode): boolean {
    if (node.label === 'Person') return typeof node.properties.mentions === 'number' && node.properties.mentions <= this.coalesceUpTo.mentions;
    if (node.label === 'Conference') return strs(node.properties.sources).length <= this.coalesceUpTo.sources;
    return false;
  }

  /** Read `limit` + 1 rows (no cap for Infinity); the extra one only tells whether there were more. */
  private async capped(cypher: string, params: Record<string, unknown>, limit = this.detailLimit): Promise<{ rows: Row[]; truncated: boolean }> {
    const res = await this.q(Number.isFinite(limit) ? `${cypher} LIMIT ${limit + 1}` : cypher, params);
    return { rows: res.rows.slice(0, limit), truncated: res.rows.length > limit };
  }

  private async successionsOf(rels: GraphRel[], people: Map<string, GraphNode>, articles: Map<string, ArticleInfo>): Promise<Succession[]> {
    const posIds = [...new Set(rels.map((r) => str(r.properties.position)).filter((x): x is string => !!x))];
    const posNames = new Map<string, string>();
    if (posIds.length) {
      const shape = keyedShape({ label: 'Position', v: 'pos', pattern: 'MATCH {anchor}', ret: 'pos.text AS text, pos.title AS title' });
      await Promise.all(
        posIds.map(async (p) => {
          const row = (await this.together.rows(shape, p))[0];
          if (row) posNames.set(p, str(row.text) ?? str(row.title) ?? p);
        }),
      );
    }
    const ref = (id: string): NodeRef => ({ id, name: people.has(id) ? toViewNode(people.get(id)!).name : id });
    return rels
      .map((r) => {
        const position = str(r.properties.position) ?? '';
        return {
          positionId: position,
          position: posNames.get(position) ?? position,
          successor: ref(r.source),
          predecessor: ref(r.target),
          date: str(r.properties.date),
          inferred: r.properties.inferred === true,
          basis: str(r.properties.basis),
          sources: sourcesOf(r.properties, articles),
        };
      })
      .sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.position.localeCompare(b.position, 'vi'));
  }

  private async personDetail(node: GraphNode): Promise<PersonDetail> {
    const id = node.id;
    // Independent reads, side by side on the read pool; the lists the panel draws come later. The
    // far ends are read as the columns shown (see projectNode), each direction of SUCCEEDED on its own.
    const succColumns = `${project('s', SUCCEEDED_COLUMNS)}, ${projectNode('o', PERSON_REF_COLUMNS)}`;
    const small = this.fewRows(node);
    const person = { label: 'Person', v: 'p' };
    const [held, roles, succOut, succIn, mentions] = await Promise.all([
      this.rowsOf({ ...person, pattern: 'MATCH {anchor}-[h:HELD]->(pos:Position)', ret: `${project('h', HELD_COLUMNS)}, ${projectNode('pos', POSITION_COLUMNS)}`, order: 'pos__id' }, id, small),
      this.rowsOf({ ...person, pattern: 'MATCH {anchor}-[r]->(c:Conference)', ret: `${this.relType('r')} AS r_type, ${project('r', ROLE_COLUMNS)}, ${projectNode('c', CONFERENCE_COLUMNS)}`, order: 'c__id, r_type' }, id, small),
      this.rowsOf({ ...person, pattern: 'MATCH {anchor}-[s:SUCCEEDED]->(o:Person)', ret: succColumns, order: 'o__id' }, id, small, Infinity),
      this.rowsOf({ ...person, pattern: 'MATCH (o:Person)-[s:SUCCEEDED]->{anchor}', ret: succColumns, order: 'o__id' }, id, small, Infinity),
      this.mentionsOf(id, small),
    ]);
    const heldPairs = held.rows.flatMap((row) => {
      const pos = nodeFrom(row, 'pos', 'Position', POSITION_COLUMNS);
      return pos ? [{ r: relFrom(row, 'h', HELD_COLUMNS, 'HELD', id, pos.id), m: pos }] : [];
    });
    const rolePairs = roles.rows.flatMap((row) => {
      const c = nodeFrom(row, 'c', 'Conference', CONFERENCE_COLUMNS);
      return c ? [{ r: relFrom(row, 'r', ROLE_COLUMNS, String(row.r_type), id, c.id), m: c }] : [];
    });
    const others: GraphNode[] = [];
    const succRels: GraphRel[] = [];
    for (const [rows, out] of [[succOut.rows, true], [succIn.rows, false]] as const) {
      for (const row of rows) {
        const o = nodeFrom(row, 'o', 'Person', PERSON_REF_COLUMNS);
        if (!o) continue;
        others.push(o);
        succRels.push(relFrom(row, 's', SUCCEEDED_COLUMNS, 'SUCCEEDED', out ? id : o.id, out ? o.id : id));
      }
    }
    const [articles, coAppearances] = await Promise.all([
      this.articles([...heldPairs.map((p) => p.r), ...rolePairs.map((p) => p.r), ...succRels].map((r) => r.properties)),
      this.coAppearances(id, [...new Set(rolePairs.map((p) => p.m.id))], CO_APPEARANCES, small),
    ]);

    const career = heldPairs.map(({ r, m }) => spellOf(r.properties, m, articles)).sort(compareSpells);
    const byRole: Record<string, ConferenceRef[]> = {};
    for (const { r, m } of rolePairs) {
      const role = ROLE_OF_EDGE[r.type];
      if (!role) continue;
      const view = toViewNode(m);
      (byRole[role] ??= []).push({
        id: m.id,
        name: view.name + (r.type === 'AWARDED' && str(r.properties.award) ? ` (${str(r.properties.award)})` : ''),
        date: view.date,
        role,
        sources: sourcesOf(r.properties, articles),
      });
    }
    for (const list of Object.values(byRole)) list.sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || byId(a, b));
    const people = new Map<string, GraphNode>([[id, node], ...others.map((o) => [o.id, o] as const)]);

    const p = node.properties;
    const provinces = strs(p.provinces);
    const latest = [...career].reverse().find((s) => s.status !== 'former') ?? career[career.length - 1];
    return {
      kind: 'person',
      node: toViewNode(node),
      truncated: held.truncated || roles.truncated,
      facts: {
        provinces: provinces.length ? provinces : [scopeName(str(p.scope))].filter((x): x is string => !!x),
        gender: str(p.gender),
        firstSeen: str(p.firstSeen),
        lastSeen: str(p.lastSeen),
        latestPost: str(p.latestPost) ?? (latest ? [latest.title, latest.body].filter(Boolean).join(' ') : null),
        aliases: strs(p.aliases),
      },
      career,
      positions: career.map((s) => ({ title: s.title, body: s.body, firstSeen: s.firstSeen, lastSeen: s.lastSeen, sources: s.sources })),
      successions: await this.successionsOf(succRels, people, articles),
      conferencesByRole: byRole,
      coAppearances,
      mentions,
    };
  }

  /**
   * Who was seen at the same conferences as the person (`conferences`, read with the person's
   * roles: at most detailLimit of them, so a truncated panel counts those), most often first (ties by id). Read from those conferences rather than through the
   * person again: the two-hop pattern made the embedded store join against every Person.
   */
  private async coAppearances(id: string, conferences: string[], limit: number, together = false): Promise<CoAppearance[]> {
    // No empty list parameter: Kùzu 0.11 ends the process on one.
    if (conferences.length === 0) return [];
    const columns = 'o.id AS id, o.name AS name, c.id AS cid, c.title AS title, c.date AS date';
    // Together: each conference's people (a person once per role; counted once below), read with
    // other panels' conferences, the person among them left out here.
    const shape = keyedShape({ label: 'Conference', v: 'c', pattern: 'MATCH {anchor}<-[]-(o:Person)', ret: columns });
    const rows = together
      ? (await Promise.all(conferences.map((c) => this.together.rows(shape, c)))).flat().filter((row) => row.id !== id)
      : (await this.q(`MATCH (c:Conference)<-[]-(o:Person) WHERE c.id IN $conferences AND o.id <> $id RETURN DISTINCT ${columns} LIMIT 20000`, { id, conferences })).rows;
    const byPerson = new Map<string, CoAppearance>();
    for (const row of rows) {
      const oid = String(row.id);
      const entry = byPerson.get(oid) ?? { id: oid, name: str(row.name) ?? oid, times: 0, conferences: [] };
      if (!entry.conferences.some((c) => c.id === row.cid)) {
        const cid = String(row.cid);
        entry.conferences.push({ id: cid, name: str(row.title) ?? `Hội nghị ${str(row.date) ?? ''}`.trim(), date: str(row.date) });
        entry.times = entry.conferences.length;
      }
      byPerson.set(oid, entry);
    }
    const list = [...byPerson.values()].sort((a, b) => b.times - a.times || byId(a, b)).slice(0, limit);
    for (const e of list) e.conferences.sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || byId(a, b));
    return list;
  }

  private async mentionsOf(id: string, together = false): Promise<{ total: number; items: MentionRef[] }> {
    // Only what the list shows: a Mention's `data` is the JSON of all its report says of the person.
    // Up to MENTIONS_COUNTED rows are read in one go, which is also the count; only a person seen
    // more often is counted by a second read. Written from the person: Kùzu 0.11.3 plans it
    // otherwise as a join from the Mention side (13.8 against 4.4 ms on 20,000 reports).
    // Together (a person seen at most COALESCED_MENTIONS times) every row is read, and so counted.
    const res = await this.rowsOf(
      { label: 'Person', v: 'p', pattern: 'MATCH {anchor}<-[r:REFERS_TO]-(m:Mention)', ret: 'm.id AS id, m.article AS article, m.name AS name, m.date AS date, r.link AS link', order: 'id' },
      id,
      together,
      MENTIONS_COUNTED,
    );
    const n =
      !res.truncated ? res.rows.length : Number((await this.q('MATCH (m:Mention)-[:REFERS_TO]->(p:Person {id: $id}) RETURN count(m) AS n', { id })).rows[0]?.n ?? 0);
    if (n === 0) return { total: 0, items: [] };
    const items = res.rows
      .slice(0, MENTIONS_LISTED)
      .map((row) => ({ id: String(row.id), article: str(row.article) ?? '', name: str(row.name) ?? '', date: str(row.date), link: str(row.link) }))
      .sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || byId(a, b));
    return { total: n, items };
  }

  private async positionDetail(node: GraphNode): Promise<PositionDetail> {
    const id = node.id;
    const [held, succ, body] = await Promise.all([
      this.capped(`MATCH (p:Person)-[h:HELD]->(pos:Position {id: $id}) RETURN ${project('h', HELD_COLUMNS)}, p ORDER BY p.id`, { id }),
      this.q(`MATCH (a:Person)-[s:SUCCEEDED]->(b:Person) WHERE s.position = $id RETURN ${project('s', SUCCEEDED_COLUMNS)}, a, b`, { id }),
      this.q('MATCH (pos:Position {id: $id})-[:OF]->(o:Organization) RETURN o', { id }),
    ]);
    const pairs = held.rows.flatMap((row) => (isNode(row.p) ? [{ r: relFrom(row, 'h', HELD_COLUMNS, 'HELD', row.p.id, id), m: row.p }] : []));
    const succRels = succ.rows.flatMap((row) => (isNode(row.a) && isNode(row.b) ? [relFrom(row, 's', SUCCEEDED_COLUMNS, 'SUCCEEDED', row.a.id, row.b.id)] : []));
    const articles = await this.articles([...pairs.map((p) => p.r), ...succRels].map((r) => r.properties));
    const people = new Map<string, GraphNode>();
    for (const row of succ.rows) for (const n of [row.a, row.b]) if (isNode(n)) people.set(n.id, n);
    for (const { m } of pairs) people.set(m.id, m);
    const holders = pairs
      .map(({ r, m }) => ({ person: { id: m.id, name: toViewNode(m).name }, spell: spellOf(r.properties, node, articles) }))
      .sort((a, b) => compareSpells(a.spell, b.spell) || byId(a.person, b.person));
    const org = body.rows.map((r) => r.o).find(isNode);
    return {
      kind: 'position',
      node: toViewNode(node),
      truncated: held.truncated,
      body: org ? { id: org.id, name: toViewNode(org).name } : null,
      holders,
      successions: await this.successionsOf(succRels, people, articles),
    };
  }

  /**
   * A conference's panel from typed reads of the columns it shows (one per kind of neighbour, each
   * capped at detailLimit): an untyped `(c)-[r]-(m)` returning whole nodes read every article's
   * sentences and every person's lists, and took most of the API's time under load.
   */
  private async conferenceDetail(node: GraphNode): Promise<ConferenceDetail> {
    const id = node.id;
    const type = this.relType('r');
    const fact = `${type} AS type, r.evidence AS evidence, r.sources AS sources`;
    const small = this.fewRows(node);
    const conf = { label: 'Conference', v: 'c' };
    const [people, bodies, covering, places] = await Promise.all([
      this.rowsOf({ ...conf, pattern: 'MATCH (m:Person)-[r]->{anchor}', ret: `m.id AS id, m.name AS name, ${fact}, r.award AS award`, order: 'id, type' }, id, small),
      this.rowsOf({ ...conf, pattern: 'MATCH (m:Organization)-[r]->{anchor}', ret: `m.id AS id, m.name AS name, ${fact}, r.award AS award`, order: 'id, type' }, id, small),
      this.rowsOf({ ...conf, pattern: 'MATCH (a:Article)-[:COVERS]->{anchor}', ret: 'a.id AS id, a.headline AS headline, a.file AS file, a.eventDate AS ev, a.publishedDate AS pub', order: 'id' }, id, small),
      this.rowsOf({ ...conf, pattern: 'MATCH {anchor}-[:HELD_IN]->(l:Locality)', ret: 'l.name AS name', order: 'name' }, id, small, 1),
    ]);
    const facts = [...people.rows, ...bodies.rows]
      .map((row) => ({ id: String(row.id), name: str(row.name) ?? String(row.id), type: String(row.type), award: str(row.award), props: { evidence: row.evidence ?? null, sources: row.sources ?? null } }))
      .sort(byId);
    const articles = await this.articles(facts.map((f) => f.props));
    const organizers: ConferenceDetail['organizers'] = [];
    const byRole: Record<string, Participant[]> = {};
    for (const f of facts) {
      if (f.type === 'ORGANIZED') organizers.push({ id: f.id, name: f.name, sources: sourcesOf(f.props, articles) });
      else if (ROLE_OF_EDGE[f.type]) {
        (byRole[ROLE_OF_EDGE[f.type]!] ??= []).push({ id: f.id, name: f.name, note: f.type === 'AWARDED' ? f.award : null, sources: sourcesOf(f.props, articles) });
      }
    }
    // Roles in the order a report lists them.
    const order = Object.values(ROLE_OF_EDGE);
    const participantsByRole = Object.fromEntries(order.filter((r) => byRole[r]).map((r) => [r, byRole[r]!]));
    return {
      kind: 'conference',
      node: toViewNode(node),
      truncated: people.truncated || bodies.truncated || covering.truncated,
      date: str(node.properties.date),
      place: str(node.properties.place) ?? str(places.rows[0]?.name),
      organizers,
      participantsByRole,
      articles: covering.rows.map((row) => ({ id: String(row.id), name: str(row.headline) ?? str(row.file) ?? String(row.id), date: str(row.ev) ?? str(row.pub) })),
    };
  }

  /**
   * An edge clicked on the canvas, by its id (`TYPE:source:target[:key]`, view-model's edgeId):
   * what it says and the sentences it was read from. A co-appearance edge (the ego view) lists the
   * conferences both people were seen at, with the sentences that put each of them there.
   */
  async edge(id: string): Promise<EdgeDetail | null> {
    const [type, source, target] = id.split(':');
    if (!type || !source || !target) return null;
    if (type === CO_APPEARS) return this.coAppearanceEdge(source, target);
    if (!(EDGE_TYPES as string[]).includes(type)) return null;
    const res = await this.q(`MATCH (a)-[r:${type}]->(b) WHERE a.id = $source AND b.id = $target RETURN r, a, b`, { source, target });
    const row = res.rows.find((row) => isRel(row.r) && edgeId(row.r) === id);
    if (!row || !isRel(row.r) || !isNode(row.a) || !isNode(row.b)) return null;
    const r = row.r;
    const articles = await this.articles([r.properties]);
    const end = (n: GraphNode) => ({ id: n.id, name: toViewNode(n).name, type: n.label });
    const dates = new Map([row.a, row.b].map((n) => [n.id, toViewNode(n).date]));
    return { edge: toViewEdge(r, dates), source: end(row.a), target: end(row.b), sources: sourcesOf(r.properties, articles) };
  }

  private async coAppearanceEdge(a: string, b: string): Promise<EdgeDetail | null> {
    const res = await this.q('MATCH (a:Person)-[r1]->(c:Conference)<-[r2]-(b:Person) WHERE a.id = $a AND b.id = $b RETURN a, b, c, r1, r2', { a, b });
    const first = res.rows[0];
    if (!first || !isNode(first.a) || !isNode(first.b)) return null;
    const rels = res.rows.flatMap((row) => [row.r1, row.r2]).filter(isRel);
    const articles = await this.articles(rels.map((r) => r.properties));
    const conferences = new Map<string, { id: string; name: string; date: string | null }>();
    for (const row of res.rows) if (isNode(row.c)) conferences.set(row.c.id, { id: row.c.id, name: toViewNode(row.c).name, date: toViewNode(row.c).date });
    const list = [...conferences.values()].sort((x, y) => (x.date ?? '9999').localeCompare(y.date ?? '9999') || byId(x, y));
    const seen = new Set<string>();
    const sources = rels.flatMap((r) => sourcesOf(r.properties, articles)).filter((s) => {
      const key = `${s.article}\u0000${s.sentence}`;
      return !seen.has(key) && seen.add(key);
    });
    const end = (n: GraphNode) => ({ id: n.id, name: toViewNode(n).name, type: n.label });
    return { edge: coEdge(first.a.id, first.b.id, list), source: end(first.a), target: end(first.b), sources, conferences: list };
  }

  /**
   * The person's ego view: the people seen at the same conferences (at most `limit`, most often
   * first), one edge each weighted by how often, and the same weighted edges among those people.
   */
  async ego(id: string, limit: number): Promise<GraphSlice | null> {
    const node = await this.nodeRow(id);
    if (!node || node.label !== 'Person') return null;
    const s = await this.storeStats();
    const conferences = await this.q('MATCH (p:Person {id: $id})-[]->(c:Conference) RETURN DISTINCT c.id AS id', { id });
    const alters = await this.coAppearances(id, conferences.rows.map((r) => String(r.id)), limit);
    const ids = alters.map((a) => a.id);
    const edges: ViewEdge[] = alters.map((a) => coEdge(id, a.id, a.conferences));
    let others: GraphNode[] = [];
    if (ids.length) {
      others = (await this.q('MATCH (p:Person) WHERE p.id IN $ids RETURN p', { ids })).rows.map((r) => r.p).filter(isNode);
      const among = await this.q(
        'MATCH (a:Person)-[]->(c:Conference)<-[]-(b:Person) WHERE a.id IN $ids AND b.id IN $ids AND a.id < b.id RETURN DISTINCT a.id AS a, b.id AS b, c.id AS cid, c.title AS title, c.date AS date',
        { ids },
      );
      const pairs = new Map<string, { a: string; b: string; confs: { id: string; name: string; date: string | null }[] }>();
      for (const row of among.rows) {
        const key = `${row.a}|${row.b}`;
        const pair = pairs.get(key) ?? { a: String(row.a), b: String(row.b), confs: [] };
        if (!pair.confs.some((c) => c.id === row.cid)) pair.confs.push({ id: String(row.cid), name: str(row.title) ?? `Hội nghị ${str(row.date) ?? ''}`.trim(), date: str(row.date) });
        pairs.set(key, pair);
      }
      for (const p of pairs.values()) edges.push(coEdge(p.a, p.b, p.confs));
    }
    return this.slice([node, ...others], [], { nodes: s.totalNodes, edges: s.totalEdges }, false, edges);
  }

  /**
   * Moves in a date range: spells that began in it (stated start, else first seen) of people who
   * held another post before, no longer seen in it once the new one began (the rule of
   * graph/queries.ts's 'moves'), with that earlier post. Sorted by date.
   */
  async moves(from: string | null, to: string | null, limit: number): Promise<MovesResponse> {
    const lo = from ?? '0000-01-01';
    const hi = to ?? '9999-12-31';
    // People with spells that start on different days, the later one not before the range: only
    // they can have moved in it (the exact test is made below, per spell).
    const started = await this.q(
      `MATCH (p:Person)-[h:HELD]->(:Position) WITH p, min(coalesce(h.startDate, h.firstSeen)) AS first, max(coalesce(h.startDate, h.firstSeen)) AS last
WHERE first < last AND last >= $lo AND first < $hi RETURN p.id AS id ORDER BY id LIMIT 20000`,
      { lo, hi },
    );
    const ids = started.rows.map((r) => String(r.id));
    if (ids.length === 0) return { from, to, moves: [], truncated: false };
    const res = await this.q('MATCH (p:Person)-[h:HELD]->(pos:Position) WHERE p.id IN $ids RETURN p, h, pos', { ids });
    const byPerson = new Map<string, { node: GraphNode; spells: { r: GraphRel; pos: GraphNode }[] }>();
    for (const row of res.rows) {
      if (!isNode(row.p) || !isRel(row.h) || !isNode(row.pos)) continue;
      const e = byPerson.get(row.p.id) ?? { node: row.p, spells: [] };
      e.spells.push({ r: row.h, pos: row.pos });
      byPerson.set(row.p.id, e);
    }
    const articles = await this.articles([...byPerson.values()].flatMap((e) => e.spells.map((s) => s.r.properties)));
    const moves: Move[] = [];
    for (const { node, spells } of byPerson.values()) {
      const career = spells.map((s) => spellOf(s.r.properties, s.pos, articles)).sort(compareSpells);
      for (const spell of career) {
        if (!spell.start || spell.start < lo || spell.start > hi) continue;
        // As graph/queries.ts's 'moves': an earlier post, not seen after the new one began (a post held alongside is no move).
        const before = career.filter((o) => o.positionId !== spell.positionId && o.start !== null && o.start < spell.start! && (o.lastSeen === null || o.lastSeen <= spell.start!));
        if (before.length === 0) continue;
        moves.push({ person: { id: node.id, name: toViewNode(node).name }, to: spell, from: before[before.length - 1]! });
      }
    }
    moves.sort((a, b) => a.to.start!.localeCompare(b.to.start!) || byId(a.person, b.person));
    return { from, to, moves: moves.slice(0, limit), truncated: moves.length > limit };
  }

  async catalog(): Promise<CatalogEntry[]> {
    if (this.catalogEntries) return this.catalogEntries;
    const now = Date.now();
    if (this.catalogCache && now - this.catalogCache.at < CATALOG_TTL_MS) return this.catalogCache.value;
    const entry = { at: now, value: catalogFor(this.store) };
    this.catalogCache = entry;
    entry.value.catch(() => {
      if (this.catalogCache === entry) this.catalogCache = null;
    });
    return entry.value;
  }

  /**
   * Read-only Cypher from the console, time- and row-limited, with parameters. A `$name` the
   * parameters do not bind is refused before the query runs, on either store. The store refuses
   * writes in read-only mode (QueryRefused, before the query runs); that and every other failure
   * of the user's query (syntax, time limit) is a 400, not a server fault.
   */
  async cypher(query: string, limits: CypherLimits, params: Record<string, unknown> = {}): Promise<CypherResponse> {
    const t0 = Date.now();
    const unbound = unboundParameters(query, params);
    if (unbound.length) throw new BadRequest(unboundMessage(unbound, 'give a value in the parameters box, e.g. {example}, or on a line :param name => value'));
    let res;
    try {
      res = await this.store.query(query, params, { readOnly: true, untrusted: true, timeoutMs: limits.timeoutMs, rowLimit: limits.rowLimit });
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (isQueryRefused(err)) throw new BadRequest(/read.?only/i.test(msg) ? msg : `read-only: ${msg}`);
      if (isQueryTimeout(err)) throw new BadRequest(`time limit of ${limits.timeoutMs} ms reached: ${msg}`);
      throw new BadRequest(explainStoreError(this.store.kind, msg));
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
    const names = new Map([...nodes.values()].map((n) => [n.id, toViewNode(n).name]));
    const slice = await this.slice([...nodes.values()], rels, { nodes: 0, edges: 0 }, false);
    return {
      columns: res.columns,
      rows: res.rows.map((row) => res.columns.map((c) => display(row[c] ?? null, names))),
      nodes: slice.nodes,
      edges: slice.edges,
      truncated: res.truncated,
      elapsedMs: Date.now() - t0,
    };
  }

  private async everything(): Promise<{ nodes: ViewNode[]; edges: ViewEdge[] }> {
    const n = await this.q('MATCH (n) RETURN n');
    const r = await this.q('MATCH (a)-[r]->(b) RETURN r');
    // The whole graph, every property (an article's sentences too).
    const nodes = n.rows
      .map((row) => row.n)
      .filter(isNode)
      .map((x) => ({ ...toViewNode(x), properties: x.properties }));
    const dates = new Map(nodes.map((x) => [x.id, x.date]));
    return { nodes, edges: r.rows.map((row) => row.r).filter(isRel).map((x) => toViewEdge(x, dates)) };
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

/** The ego view's edge type: two people seen at the same conferences (not stored; computed). */
export const CO_APPEARS = 'CO_APPEARS';

function coEdge(a: string, b: string, conferences: { id: string; name: string; date: string | null }[]): ViewEdge {
  const dates = conferences.map((c) => c.date).filter((d): d is string => !!d).sort();
  return {
    id: `${CO_APPEARS}:${a}:${b}`,
    type: CO_APPEARS,
    source: a,
    target: b,
    label: `together ×${conferences.length}`,
    date: dates[dates.length - 1] ?? null,
    properties: { weight: conferences.length, conferences: conferences.map((c) => c.id) },
  };
}

/** A table cell: nodes as (name:Label), relationships as (a)-[:TYPE]->(b) with their ends' names, paths in full. */
function display(v: GraphValue, names: Map<string, string>): unknown {
  const name = (id: string) => names.get(id) ?? id;
  if (isNode(v)) return `(${toViewNode(v).name}:${v.label})`;
  if (isRel(v)) return `(${name(v.source)})-[:${v.type}]->(${name(v.target)})`;
  if (Array.isArray(v)) return v.map((x) => display(x, names));
  if (v !== null && typeof v === 'object' && (v as { _kind?: string })._kind === 'path') {
    const p = v as { nodes: GraphNode[]; rels: GraphRel[] };
    let out = p.nodes[0] ? `(${toViewNode(p.nodes[0]).name})` : '';
    p.rels.forEach((r, i) => {
      const next = p.nodes[i + 1];
      const prev = p.nodes[i];
      const forward = !prev || r.source === prev.id;
      out += forward ? `-[:${r.type}]->` : `<-[:${r.type}]-`;
      out += next ? `(${toViewNode(next).name})` : '()';
    });
    return out;
  }
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, display(x, names)]));
  return v;
}

// ---- routes --------------------------------------------------------------------------------

const intParam = (def: number, max: number) => z.coerce.number().int().min(1).max(max).default(def);
const typeList = z
  .string()
  .default('')
  .transform((s) => s.split(',').filter(Boolean));
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
  }, 'not a calendar date');
const nodeId = z.string().min(1).max(200).regex(/^[\w:.-]+$/, 'id must be a node id such as per_0123abcd');

const OverviewQuery = z.object({ limit: intParam(300, 5000), include: typeList });
const NeighboursQuery = z.object({ limit: intParam(200, 5000), include: typeList });
const EgoQuery = z.object({ limit: intParam(25, 200) });
const EdgeQuery = z.object({ id: z.string().min(3).max(400).regex(/^[A-Z_]+:[\w.-]+:[\w.-]+(:[\w.-]+)?$/, 'id must be an edge id such as CHAIRED:per_…:conf_…') });
const SubgraphBody = z.object({ ids: z.array(nodeId).max(5000) });
const MovesQuery = z.object({ from: isoDate.optional(), to: isoDate.optional(), limit: intParam(200, 2000) });
const CypherBody = z.object({
  query: z.string().trim().min(1, 'query must not be empty').max(20_000),
  rowLimit: z.number().int().min(1).optional(),
  timeoutMs: z.number().int().min(1).optional(),
  /** Values for the query's $parameters. */
  params: z.record(z.string(), z.unknown()).default({}),
});

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new BadRequest(issuesText(r.error));
  return r.data;
}

const notFound = (what: string) => ({ error: 'not_found', reason: `no ${what}` });

/**
 * The viewer's read routes on a GraphApi: search, stats, overview, node details, neighbours, ego
 * views, edges, saved canvases, moves, the console and its examples (the exports stay in app.ts). Inputs are
 * validated with zod; a BadRequest becomes a 400 in the app's error handler.
 */
export function registerGraphRoutes(app: FastifyInstance, api: GraphApi, limits: CypherLimits): void {
  app.get('/api/stats', () => api.stats());

  app.get('/api/search', async (req) => {
    const { q, types, limit } = parse(SearchQuery, req.query);
    return { query: q, hits: await api.search(q, types ?? null, limit) };
  });

  app.get('/api/graph', (req) => {
    const { limit, include } = parse(OverviewQuery, req.query);
    return api.overview(limit, include);
  });

  app.post('/api/subgraph', (req) => api.subgraph(parse(SubgraphBody, req.body ?? {}).ids));

  app.get('/api/nodes/:id', async (req, reply) => {
    const { id } = parse(NodeParams, req.params);
    return (await api.remembered(`detail ${id}`, () => api.detail(id))) ?? reply.code(404).send(notFound(`node with id ${id}`));
  });

  app.get('/api/nodes/:id/neighbours', async (req, reply) => {
    const { id } = parse(NodeParams, req.params);
    const { limit, include } = parse(NeighboursQuery, req.query);
    return (await api.remembered(`neighbours ${id} ${limit} ${include.join(',')}`, () => api.neighbours(id, limit, include))) ?? reply.code(404).send(notFound(`node with id ${id}`));
  });

  app.get('/api/nodes/:id/ego', async (req, reply) => {
    const { id } = parse(NodeParams, req.params);
    const { limit } = parse(EgoQuery, req.query);
    return (await api.remembered(`ego ${id} ${limit}`, () => api.ego(id, limit))) ?? reply.code(404).send(notFound(`person with id ${id}`));
  });

  app.get('/api/edge', async (req, reply) => {
    const { id } = parse(EdgeQuery, req.query);
    return (await api.remembered(`edge ${id}`, () => api.edge(id))) ?? reply.code(404).send(notFound(`edge with id ${id}`));
  });

  app.get('/api/moves', (req) => {
    const { from, to, limit } = parse(MovesQuery, req.query);
    return api.moves(from ?? null, to ?? null, limit);
  });

  app.get('/api/queries', () => api.catalog());

  app.post('/api/cypher', (req) => {
    const body = parse(CypherBody, req.body ?? {});
    return api.cypher(
      body.query,
      {
        rowLimit: Math.min(body.rowLimit ?? limits.rowLimit, limits.rowLimit),
        timeoutMs: Math.min(body.timeoutMs ?? limits.timeoutMs, limits.timeoutMs),
      },
      body.params,
    );
  });

}
