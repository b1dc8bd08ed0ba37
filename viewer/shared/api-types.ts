/**
 * The JSON the viewer API returns: shared by the server (viewer/server) and the page (viewer/src)
 * so both sides agree on one shape.
 */

/** A node as the page draws it. `type` is the store's node label (Person, Conference, ...). */
export interface ViewNode {
  id: string;
  type: string;
  name: string;
  /** ISO date for nodes that have one (conferences, articles); drives the date filter. */
  date: string | null;
  properties: Record<string, unknown>;
}

/** A relationship as the page draws it; `label` is the role or relation shown on the edge. */
export interface ViewEdge {
  id: string;
  type: string;
  source: string;
  target: string;
  label: string;
  /** ISO date of the fact (the conference's date for role edges) when known. */
  date: string | null;
  properties: Record<string, unknown>;
}

export interface SearchHit {
  id: string;
  type: string;
  name: string;
}

export interface SearchResponse {
  query: string;
  hits: SearchHit[];
}

export interface GraphSlice {
  nodes: ViewNode[];
  edges: ViewEdge[];
  /** Totals in the store, so the page can say 'showing N of M'. */
  totalNodes: number;
  totalEdges: number;
  /** True when a cap cut the slice short. */
  truncated: boolean;
}

/** Where a fact was read. */
export interface Source {
  sentence: string | null;
  article: string | null;
  headline: string | null;
}

export interface TimelineEntry {
  title: string;
  body: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  sources: Source[];
}

export interface ConferenceRef {
  id: string;
  name: string;
  date: string | null;
  role: string;
  sources: Source[];
}

/** Every detail: the node's connections are read up to a cap (200); `truncated` says the cap cut them. */
interface DetailBase {
  node: ViewNode;
  truncated: boolean;
}

export interface PersonDetail extends DetailBase {
  kind: 'person';
  positions: TimelineEntry[];
  /** Conferences grouped by role (chaired, attended, ...). */
  conferencesByRole: Record<string, ConferenceRef[]>;
}

export interface Participant {
  id: string;
  name: string;
  /** For 'awarded', the award; otherwise null. */
  note: string | null;
  sources: Source[];
}

export interface ConferenceDetail extends DetailBase {
  kind: 'conference';
  date: string | null;
  place: string | null;
  organizers: { id: string; name: string; sources: Source[] }[];
  participantsByRole: Record<string, Participant[]>;
  articles: { id: string; name: string; date: string | null }[];
}

export interface OtherDetail extends DetailBase {
  kind: 'other';
  neighbours: { id: string; type: string; name: string; relation: string }[];
}

export type NodeDetail = PersonDetail | ConferenceDetail | OtherDetail;

export interface CypherResponse {
  columns: string[];
  /** Rows as display values: nodes and relationships are summarised as strings. */
  rows: unknown[][];
  nodes: ViewNode[];
  edges: ViewEdge[];
  truncated: boolean;
  elapsedMs: number;
}

export interface CatalogEntry {
  name: string;
  description: string;
  cypher: string;
}

export interface ApiError {
  error: string;
  reason: string;
}

export interface StatsResponse {
  backend: string;
  nodes: number;
  edges: number;
  nodeTypes: string[];
  edgeTypes: string[];
  dateRange: { min: string | null; max: string | null };
}
