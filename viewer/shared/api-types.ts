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
  /**
   * What is folded into the node (overview and hover card): a person's latest post, province and
   * number of posts; a conference's date, place and number of reports.
   */
  facts?: string[];
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
  /**
   * What tells this hit from its namesakes, most telling first: for a person the province, the
   * latest post and the years seen; for a post its body; for a conference its date and place.
   */
  facts: string[];
}

export interface SearchResponse {
  query: string;
  hits: SearchHit[];
}

/** What an overview holds and leaves out, so the page can say so plainly. */
export interface OverviewSummary {
  /** People and conferences drawn, of how many in the store. */
  people: { shown: number; total: number };
  conferences: { shown: number; total: number };
  /** Nodes of the types folded into people and conferences (posts, articles, awards ...), by type, in the store. */
  folded: Record<string, number>;
  /** Types the request asked to unfold (drawn next to the people and conferences they belong to). */
  unfolded: string[];
}

export interface GraphSlice {
  nodes: ViewNode[];
  edges: ViewEdge[];
  /** Totals in the store, so the page can say 'showing N of M'. */
  totalNodes: number;
  totalEdges: number;
  /** True when a cap cut the slice short. */
  truncated: boolean;
  /** Present on the overview only. */
  overview?: OverviewSummary;
}

/** Where a fact was read. */
export interface Source {
  sentence: string | null;
  article: string | null;
  headline: string | null;
  /** The report's date (event date, else publication date) when the article is stored. */
  date?: string | null;
}

export interface NodeRef {
  id: string;
  name: string;
}

/**
 * One spell in a post, as the career chart draws it: a bar from `start` to `end` (the stated start,
 * else the first report that shows the post held; the stated end, else the day a successor
 * started, else the last report that shows it) — the span graph/queries.ts's 'career' gives.
 */
export interface Spell {
  positionId: string;
  title: string;
  body: string | null;
  level: string | null;
  province: string | null;
  start: string | null;
  end: string | null;
  startDate: string | null;
  startEvent: string | null;
  endDate: string | null;
  endEvent: string | null;
  /** The end is implied (a successor's start, a later 'nguyên'), not stated. */
  endInferred: boolean;
  /** 'current', 'acting' or 'former' (as the store says). */
  status: string;
  /** Held as 'quyền' (acting), whatever the status now. */
  acting: boolean;
  /** The day a later holder started, when that is what ends the spell. */
  succeededOn: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  sources: Source[];
}

/** A succession in one post: who held it before whom, stated or inferred. */
export interface Succession {
  positionId: string;
  position: string;
  successor: NodeRef;
  predecessor: NodeRef;
  date: string | null;
  inferred: boolean;
  basis: string | null;
  sources: Source[];
}

/** Someone seen at the same conferences as the person, how often, and where. */
export interface CoAppearance extends NodeRef {
  times: number;
  conferences: { id: string; name: string; date: string | null }[];
}

/** A report's naming of a person (resolution bookkeeping). */
export interface MentionRef {
  id: string;
  article: string;
  name: string;
  date: string | null;
  /** Why it joined its person (null for the first). */
  link: string | null;
}

/** Kept for the position-timeline shape: one post as a plain list entry. */
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

export interface PersonFacts {
  provinces: string[];
  gender: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  latestPost: string | null;
  aliases: string[];
}

export interface PersonDetail extends DetailBase {
  kind: 'person';
  facts: PersonFacts;
  /** Spells in order of start: the career chart. */
  career: Spell[];
  /** The same posts as a plain list (title, body, first and last seen, sources). */
  positions: TimelineEntry[];
  /** Successions this person is part of (as successor or predecessor). */
  successions: Succession[];
  /** Conferences grouped by role (chaired, attended, ...). */
  conferencesByRole: Record<string, ConferenceRef[]>;
  /** The people most often seen at the same conferences (at most 15). */
  coAppearances: CoAppearance[];
  /** Mentions resolved to this person: the total, and the first few. */
  mentions: { total: number; items: MentionRef[] };
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

/** A post: its holders over time (one bar each) and the successions between them. */
export interface PositionDetail extends DetailBase {
  kind: 'position';
  body: NodeRef | null;
  holders: { person: NodeRef; spell: Spell }[];
  successions: Succession[];
}

export interface OtherDetail extends DetailBase {
  kind: 'other';
  neighbours: { id: string; type: string; name: string; relation: string }[];
}

export type NodeDetail = PersonDetail | ConferenceDetail | PositionDetail | OtherDetail;

/** An edge clicked on the canvas: what it says, between whom, and the sentences it was read from. */
export interface EdgeDetail {
  edge: ViewEdge;
  source: NodeRef & { type: string };
  target: NodeRef & { type: string };
  sources: Source[];
  /** For a co-appearance edge (the ego view): the conferences both were seen at. */
  conferences?: { id: string; name: string; date: string | null }[];
}

/** A move: a spell that began in the date range, with the post the person held before it. */
export interface Move {
  person: NodeRef;
  to: Spell;
  from: Spell | null;
}

export interface MovesResponse {
  from: string | null;
  to: string | null;
  moves: Move[];
  truncated: boolean;
}

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
  /** The parameters the example runs with (the console's parameter box). */
  params?: Record<string, unknown>;
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
  /** Node counts by type (the store's). */
  counts?: Record<string, number>;
  dateRange: { min: string | null; max: string | null };
}
