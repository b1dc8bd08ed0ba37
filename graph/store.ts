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

/** Raised when a read-only query tries to write, or a query is otherwise refused before running. */
export class QueryRefused extends Error {
  override name = 'QueryRefused';
}

/**
 * Statements that write or change the schema; used to refuse them in read-only mode. Procedure
 * calls are refused except known read-only ones; subqueries (CALL { }) are judged by their clauses.
 */
const WRITE_CLAUSE = /\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|ALTER|COPY|LOAD|INSTALL|ATTACH|DETACH|IMPORT|EXPORT|CHECKPOINT|FOREACH)\b|\bCALL\b(?!\s*(?:show_|table_info|current_setting|db\.|dbms\.components|\{|\())/i;

/** True when the text (comments and string literals ignored) contains a writing clause. */
export function looksLikeWrite(cypher: string): boolean {
  const stripped = cypher
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`[^`]*`/g, "''");
  return WRITE_CLAUSE.test(stripped);
}
