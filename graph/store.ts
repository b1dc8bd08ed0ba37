import type { EdgeType, GraphBatch, NodeLabel } from './schema.js';

/**
 * The one interface both graph databases implement (Kùzu embedded, Neo4j over Bolt).
 * Everything above it (ingest, named queries, the viewer's HTTP API) codes against this only.
 */

export type { GraphBatch, NodeLabel, EdgeType } from './schema.js';

/** A node as returned by `query`: `id` is the model's stable id, not the store's internal id. */
export interface GraphNode {
  _kind: 'node';
  id: string;
  label: string;
  properties: Record<string, GraphValue>;
}

/** A relationship as returned by `query`: source/target are the stable ids of its end nodes. */
export interface GraphRel {
  _kind: 'rel';
  type: string;
  source: string;
  target: string;
  properties: Record<string, GraphValue>;
}

/** A path (e.g. from a shortest-path query): its nodes in order and the relationships between them. */
export interface GraphPath {
  _kind: 'path';
  nodes: GraphNode[];
  rels: GraphRel[];
}

/** Plain JS values only: integers come back as numbers, never Integer/bigint. */
export type GraphValue =
  | null
  | boolean
  | number
  | string
  | GraphValue[]
  | GraphNode
  | GraphRel
  | GraphPath
  | { [key: string]: GraphValue };

export type Row = Record<string, GraphValue>;

export interface QueryOptions {
  /** Refuse writes (Neo4j: read transaction; Kùzu: statement check + read-only open). */
  readOnly?: boolean;
  /** Abort the query after this many milliseconds. */
  timeoutMs?: number;
  /** Return at most this many rows; `QueryResult.truncated` tells when more were available. */
  rowLimit?: number;
  /**
   * Text typed by a user (the viewer's console), implies readOnly: its size and nesting are limited,
   * the database's plan for it must be a read query's (EXPLAIN), and on the embedded store opened
   * read-only it runs in an isolated process that a crash, a runaway or the time limit can end
   * without taking the API down. Failures are QueryRefused, QueryTimeout or QueryLimitExceeded.
   */
  untrusted?: boolean;
}

export interface QueryResult {
  columns: string[];
  rows: Row[];
  truncated: boolean;
}

export interface SettleOptions {
  /** Rows applied so far, of those kept aside when settle() began. */
  onProgress?: (e: { done: number; total: number }) => void;
  /** Something the user should know that is not a failure (the embedded store rebuilding itself). */
  onNotice?: (message: string) => void;
}

export interface WriteOptions {
  /** Rows may be kept aside until `settle()` (see GraphStore.writeBatch). */
  defer?: boolean;
}

/** See GraphStore.replacePersonLayer. */
export interface PersonLayerOptions extends WriteOptions {
  /** No block here was ever resolved, nor carries a judgement (a first load's): nothing old to look up. */
  fresh?: boolean;
}

export interface WriteCounts {
  nodesCreated: number;
  edgesCreated: number;
  /** Rows sent (created or merged into existing). */
  nodesWritten: number;
  edgesWritten: number;
}

export interface StoreStats {
  nodes: Partial<Record<NodeLabel, number>>;
  edges: Partial<Record<EdgeType, number>>;
  totalNodes: number;
  totalEdges: number;
}

export type StoreKind = 'kuzu' | 'neo4j';

/** One holder's spell of a post, as successions need it. */
export interface StoredHolder {
  person: string;
  firstSeen: string | null;
  lastSeen: string | null;
  startDate: string | null;
  endDate: string | null;
  acting: boolean;
  after: string[];
  sources: string[];
  /** As stored: what successions last set (compared, so only spells that change are written). */
  status: string;
  succeededOn: string | null;
}

/** The columns holdersOf reads, by name, for both stores. */
export const HOLDER_COLUMNS = 'p.id AS person, h.firstSeen AS firstSeen, h.lastSeen AS lastSeen, h.startDate AS startDate, h.endDate AS endDate, h.acting AS acting, h.after AS after, h.sources AS sources, h.status AS status, h.succeededOn AS succeededOn';

/** A row of HOLDER_COLUMNS as a StoredHolder. */
export function storedHolder(r: Record<string, unknown>): StoredHolder {
  const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  return {
    person: String(r.person),
    firstSeen: str(r.firstSeen),
    lastSeen: str(r.lastSeen),
    startDate: str(r.startDate),
    endDate: str(r.endDate),
    acting: r.acting === true,
    after: (r.after as string[] | null) ?? [],
    sources: (r.sources as string[] | null) ?? [],
    status: str(r.status) ?? '',
    succeededOn: str(r.succeededOn),
  };
}

/** A holder's spell as successions leave it. */
export type SpellUpdate = {
  person: string;
  position: string;
  succeededOn: string | null;
  status: string;
};

export interface SuccessionWriteOptions {
  keepPending?: string[];
  /** Stated predecessors' mentions as read (mention id → person id), checked again inside the transaction. */
  predecessors?: { mentions: string[]; personOf: Map<string, string> };
}

/** Mentions whose person differs from what was read: the successions derived from them are stale. */
export function movedMentions(read: Map<string, string>, now: Map<string, string>, mentions: string[]): string[] {
  return mentions.filter((m) => read.get(m) !== now.get(m));
}

/**
 * A person-layer or succession replacement refused because its input changed after it was read
 * (another process loading into the same database marked the work again): read it again and
 * retry. Only a store that several processes write at once (Neo4j) throws it.
 */
export class StaleWork extends Error {
  override name = 'StaleWork';
}

export interface GraphStore {
  readonly kind: StoreKind;
  /** Human-readable location: a path or a bolt URI (without credentials). */
  readonly location: string;
  /** True when nothing can change the graph while this store is open (the embedded store opened read-only locks out writers). */
  readonly frozen?: boolean;
  /**
   * A folder beside the store that this process alone uses, emptied at every open and at close;
   * only a store that nothing else can write while it is open for writing has one (the embedded store).
   */
  readonly scratch?: string;
  /** Creates tables (Kùzu) or constraints and indexes (Neo4j). Idempotent. */
  init(): Promise<void>;
  /** True when an Article with this content hash is stored. */
  hasArticle(contentHash: string): Promise<boolean>;
  /** Of these content hashes, the ones whose Article is stored (one round trip for many). */
  storedArticles(contentHashes: string[]): Promise<Set<string>>;
  /**
   * MERGEs a batch (idempotent). Writing the same batch twice creates nothing the second time.
   * `defer`: the store may keep some of the batch's rows aside, durably, and apply them at
   * `settle()`; until then reads may not show them. The bulk path (graph/ingest.ts) defers, because
   * the embedded store's cost of adding edges to a storage group grows with the edges already in it
   * (see KuzuStore.settle); the result after `settle()` is the graph direct writes give.
   */
  writeBatch(batch: GraphBatch, opts?: WriteOptions): Promise<WriteCounts>;
  /**
   * Applies every row deferred writes kept aside (those of a killed run too), in the order they
   * were written, each step one transaction; returns what it created. A no-op when there are none.
   */
  settle(opts?: SettleOptions): Promise<WriteCounts>;

  // ---- the Person layer (graph/resolution-run.ts drives these) ----------------------------------
  /** Name-block ids (`nam_…`) with work pending (a Pending row of kind 'name'). */
  dirtyNames(): Promise<string[]>;
  /** Name-block ids with their stored judgements fingerprint ('' or null when none), for the given ids and every block that has one. */
  judgedNames(ids: string[]): Promise<Map<string, string>>;
  /** Marks these Name blocks pending (a judgement changed). */
  markNamesDirty(ids: string[]): Promise<void>;
  /** Pairs [block, other block] whose mentions share a stored Person (they must be resolved together). */
  linkedNames(ids: string[]): Promise<[string, string][]>;
  /** Every Mention of these Name blocks: id, name key and data JSON. */
  mentionsOf(nameIds: string[]): Promise<{ id: string; nameKey: string; data: string }[]>;
  /**
   * In one transaction: removes every Person with a mention in these blocks (with its edges),
   * writes the new Person layer (all of its rows are new), marks the posts the old and new persons
   * held pending, stores the judgements fingerprints that changed, and clears the blocks' pending work.
   * Throws StaleWork, writing nothing, when the blocks were marked pending again since mentionsOf read them.
   */
  replacePersonLayer(nameIds: string[], layer: GraphBatch, fingerprints: Map<string, string>, opts?: PersonLayerOptions): Promise<WriteCounts>;
  /** Position ids with work pending (a Pending row of kind 'position'). */
  dirtyPositions(): Promise<string[]>;
  /** Each post's title and its holders' spells. */
  holdersOf(positionIds: string[]): Promise<Map<string, { title: string; holders: StoredHolder[] }>>;
  /** Mention id → the Person it refers to. */
  personsOfMentions(mentionIds: string[]): Promise<Map<string, string>>;
  /**
   * In one transaction: replaces the SUCCEEDED edges of these posts, sets the holders'
   * `succeededOn` and `status`, and clears the posts' pending work (but for `keepPending`: posts whose
   * stated predecessor is not resolved yet, by another process, are derived again later). Throws StaleWork, writing
   * nothing, when the posts were marked pending again since holdersOf read them, or when a stated
   * predecessor's mention no longer refers to the person `predecessors` read for it (another
   * process resolved its name meanwhile; absent from the map = had no person).
   */
  replaceSuccessions(positionIds: string[], rows: GraphBatch['edges']['SUCCEEDED'], spells: SpellUpdate[], opts?: SuccessionWriteOptions): Promise<void>;
  /** Runs Cypher in the store's dialect and returns plain rows. */
  query(cypher: string, params?: Record<string, unknown>, opts?: QueryOptions): Promise<QueryResult>;
  /** Node counts by label and edge counts by type. */
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}

export { QueryLimitExceeded, QueryRefused, QueryTimeout } from './query-errors.js';
// The read-only and one-statement checks live in query-guard.ts; re-exported for existing callers.
export { assertOneStatement, blankLiterals, hasSeveralStatements, looksLikeWrite } from './query-guard.js';
