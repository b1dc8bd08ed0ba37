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

export interface GraphStore {
  readonly kind: StoreKind;
  /** Human-readable location: a path or a bolt URI (without credentials). */
  readonly location: string;
  /** Creates tables (Kùzu) or constraints and indexes (Neo4j). Idempotent. */
  init(): Promise<void>;
  /** True when an Article with this content hash is stored. */
  hasArticle(contentHash: string): Promise<boolean>;
  /** MERGEs a batch (idempotent). Writing the same batch twice creates nothing the second time. */
  writeBatch(batch: GraphBatch): Promise<WriteCounts>;
  /** Runs Cypher in the store's dialect and returns plain rows. */
  query(cypher: string, params?: Record<string, unknown>, opts?: QueryOptions): Promise<QueryResult>;
  /** Node counts by label and edge counts by type. */
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}

export { QueryLimitExceeded, QueryRefused, QueryTimeout } from './query-errors.js';
// The read-only and one-statement checks live in query-guard.ts; re-exported for existing callers.
export { assertOneStatement, blankLiterals, hasSeveralStatements, looksLikeWrite } from './query-guard.js';
