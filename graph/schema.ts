import { z } from 'zod';
import type { Role } from '../ingest/extraction-schema.js';

/**
 * The graph model: every node label and edge type, its properties, its key and how a property
 * merges when the same node or edge is written again. This file is the single source of truth:
 * TS types, row validation, Kùzu DDL and Neo4j constraints/indexes are all derived from it.
 *
 * Evidence lives on the fact edges as two lists: `sources` (Article ids) and `evidence`
 * (pointers `art_…#n` to the n-th of that Article's `sentences`, so a sentence naming many people
 * is stored once). Both merge as a set union, so re-loading an article adds nothing, while a fact
 * read in several articles keeps every sighting. The embedded store keeps an edge's lists as one
 * encoded STRING column (graph/kuzu-edge-lists.ts: Kùzu's list columns on edges make every write
 * slower as the store grows) and gives them back as lists.
 */

/** How a property combines with what the store already holds. */
export type MergeRule =
  | 'key' // identity: part of the MERGE pattern
  | 'first' // keep the stored value; fill it only when empty (stable across runs)
  | 'min' // earliest (ISO dates compare as strings)
  | 'max' // latest
  | 'union' // list set-union, first-seen order kept
  | 'last'; // the incoming value when it is not null (bookkeeping flags)

export type KuzuType = 'STRING' | 'INT64' | 'DOUBLE' | 'BOOLEAN' | 'STRING[]';

export interface PropDef<Z extends z.ZodType = z.ZodType> {
  zod: Z;
  kuzu: KuzuType;
  merge: MergeRule;
  /** Ask the store for a secondary index (Neo4j; Kùzu only indexes the primary key). */
  index?: boolean;
}

const str = (merge: MergeRule = 'first', index = false): PropDef<z.ZodString> => ({ zod: z.string(), kuzu: 'STRING', merge, index });
const strN = (merge: MergeRule = 'first', index = false): PropDef<z.ZodNullable<z.ZodString>> => ({ zod: z.string().nullable(), kuzu: 'STRING', merge, index });
const dateN = (merge: MergeRule = 'first', index = false): PropDef<z.ZodNullable<z.ZodString>> => ({
  zod: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').nullable(),
  kuzu: 'STRING',
  merge,
  index,
});
const bool = (merge: MergeRule = 'first'): PropDef<z.ZodBoolean> => ({ zod: z.boolean(), kuzu: 'BOOLEAN', merge });
const int = (merge: MergeRule = 'first'): PropDef<z.ZodNumber> => ({ zod: z.number().int(), kuzu: 'INT64', merge });
const strList = (): PropDef<z.ZodArray<z.ZodString>> => ({ zod: z.array(z.string()), kuzu: 'STRING[]', merge: 'union' });

/** Properties every fact edge carries: where it was read. */
const provenance = { sources: strList(), evidence: strList() };

export const NODES = {
  /**
   * One official across reports: the cluster of Mentions person resolution (graph/resolve.ts)
   * put together. Rewritten as a whole whenever its name block is resolved again.
   */
  Person: {
    name: str('first', true),
    /** Folded name (toneKey): the resolution block every mention of this name falls in. */
    nameKey: str('first', true),
    /** Diacritics, case and Đ folded away ('nguyen thi huong'): what the CLIs match a typed name against. */
    plainName: str('first', true),
    /** The province key the person is mostly seen in ('lâm đồng'), 'national' or 'unknown'. */
    scope: str('first'),
    aliases: strList(),
    sources: strList(),
    /** Canonical province names of the person's posts and reports, merged ones included. */
    provinces: strList(),
    gender: strN('first'),
    firstSeen: dateN('min'),
    lastSeen: dateN('max'),
    /** The post held at the latest report that shows one (what tells namesakes apart in a list). */
    latestPost: strN('first'),
    mentions: int('first'),
  },
  /**
   * One person as one report names them (after that report's short forms are resolved): the unit
   * person resolution clusters. `data` is the JSON of what the report says of them (posts with
   * status and events, roles, awards, co-officials, evidence), from which the Person layer is
   * rebuilt. Why it joined its person is on its REFERS_TO edge (`link`).
   */
  Mention: {
    article: str('first'),
    name: str('first'),
    nameKey: str('first'),
    date: dateN('first'),
    data: str('first'),
  },
  /** A resolution block: every Mention of one folded name points at it, so a block is read back by key. */
  Name: {
    key: str('first'),
    /** Fingerprint of the analysts' judgements that name this block, as last resolved (null for none). */
    judgements: strN('last'),
  },
  /**
   * Work left to do (id: graph/ids.ts pendingId of its target): a Name block to resolve again (kind 'name': a
   * mention arrived, or a judgement changed) or a Position whose successions to derive again
   * ('position'). Rows are added and removed, never updated: an update of a row in place makes
   * the embedded store rewrite its whole storage group at the next checkpoint, a cost that grows
   * with the graph.
   */
  Pending: {
    kind: str('first'),
    /** The id of the Name block or Position the work is about. */
    target: str('first'),
  },
  Position: {
    title: str('first', true),
    /** Name of the body the post belongs to ('' when unknown). */
    body: str('first'),
    /** The position as written, body included. */
    text: str('first'),
    /** Title and body with abbreviations expanded and diacritics folded ('chu tich uy ban nhan dan tinh …'): what a typed post is matched against. */
    plain: str('first', true),
    /** The level of the body: 'national', 'province', 'district', 'commune' or '' when unknown. */
    level: str('first'),
    /** Canonical name of the body's province ('' for national or unknown bodies). */
    province: str('first'),
  },
  Organization: {
    name: str('first', true),
    kind: str('first'),
    scope: str('first'),
  },
  Conference: {
    title: strN('first', true),
    date: dateN('first', true),
    place: strN('first'),
    online: bool('first'),
    bridgePoints: strList(),
    organizers: strList(),
    sources: strList(),
  },
  Locality: {
    name: str('first', true),
    level: str('first'),
    parent: strN('first'),
    /** For a pre-2025 province: the post-merger province it became part of. */
    mergedInto: strN('first'),
  },
  Article: {
    file: str('first', true),
    contentHash: str('first', true),
    headline: strN('first'),
    publisher: strN('first'),
    publishedDate: dateN('first'),
    eventDate: dateN('first'),
    province: strN('first'),
    /** The sentences the report's facts were read from, each once: JSON {text, start, end}; evidence points here. */
    sentences: strList(),
  },
  Award: {
    name: str('first', true),
  },
} satisfies Record<string, Record<string, PropDef>>;

export type NodeLabel = keyof typeof NODES;
export const NODE_LABELS = Object.keys(NODES) as NodeLabel[];

interface EdgeDef {
  /** Allowed (from, to) label pairs; Kùzu needs them for its typed rel tables. */
  pairs: ReadonlyArray<readonly [NodeLabel, NodeLabel]>;
  props: Record<string, PropDef>;
  /**
   * The end with few edges of this type, from which a store looks up whether an edge exists
   * (default 'source'): a body organizes thousands of conferences, a conference has few organizers,
   * so looking ORGANIZED up from the body would cost more as the graph grows.
   */
  lookup?: 'source' | 'target';
}

const toConference = [['Person', 'Conference']] as const;

export const EDGES = {
  CHAIRED: { pairs: toConference, props: { ...provenance } },
  ATTENDED: { pairs: toConference, props: { ...provenance } },
  DIRECTED: { pairs: toConference, props: { ...provenance } },
  SPOKE_AT: { pairs: toConference, props: { ...provenance } },
  REPORTED_AT: { pairs: toConference, props: { ...provenance } },
  /** A recipient honoured at a conference; one edge per award (awardId is part of the key). */
  AWARDED: {
    pairs: [
      ['Person', 'Conference'],
      ['Organization', 'Conference'],
    ],
    props: { awardId: str('key'), award: str('first'), giver: strN('first'), ...provenance },
    lookup: 'target',
  },
  /** The same award seen from the Award node, so recipients of one award are one hop apart. */
  RECEIVED: {
    pairs: [
      ['Person', 'Award'],
      ['Organization', 'Award'],
    ],
    props: { conferenceId: str('key'), ...provenance },
  },
  /**
   * A spell in a post (OpenSanctions' Occupancy). firstSeen/lastSeen: the earliest and latest
   * report dates that show the post held. startDate/endDate: dates of an event that starts it (elected,
   * appointed, approved, assigned, newly taken) or ends it (relieved, retired, dismissed, replaced);
   * `endInferred` when the end is only implied (a successor's start, a later 'nguyên'). status:
   * 'current' (no end known), 'acting' (held as 'quyền'), 'former' (ended, or succeeded).
   */
  HELD: {
    pairs: [['Person', 'Position']],
    props: {
      asOf: dateN('max'),
      firstSeen: dateN('min'),
      lastSeen: dateN('max'),
      startDate: dateN('min'),
      startEvent: strN('first'),
      endDate: dateN('max'),
      endEvent: strN('first'),
      endInferred: bool('first'),
      acting: bool('first'),
      /** The day a later holder of this single-holder post started (set with successions). */
      succeededOn: dateN('first'),
      status: str('first'),
      /** Predecessors the reports name ('thay ông …'): JSON {predecessor: mention id, evidence}. */
      after: strList(),
      ...provenance,
    },
  },
  /**
   * (successor)-[:SUCCEEDED]->(predecessor) in one post: stated by a report ('thay ông …', relieved
   * and elected in one session) or inferred from the two spells on the same Position (`inferred`,
   * with the dates that support it in `basis`).
   */
  SUCCEEDED: {
    pairs: [['Person', 'Person']],
    props: { position: str('key'), date: dateN('first'), inferred: bool('first'), basis: str('first'), ...provenance },
  },
  /** The person a mention was resolved to; `link`: the evidence and score that joined it (JSON; null for the person's first mention). */
  REFERS_TO: { pairs: [['Mention', 'Person']], props: { link: strN('first') } },
  NAMED: { pairs: [['Mention', 'Name']], props: {} },
  /** Structural (a post's body): no per-report list, so a post named in many reports is not rewritten by each. */
  OF: { pairs: [['Position', 'Organization']], props: {} },
  ORGANIZED: { pairs: [['Organization', 'Conference']], props: { ...provenance }, lookup: 'target' },
  HELD_IN: { pairs: [['Conference', 'Locality']], props: { sources: strList() } },
  LOCATED_IN: {
    pairs: [
      ['Organization', 'Locality'],
      ['Locality', 'Locality'],
    ],
    props: {},
  },
  /** The 2025 province merger: old province → the province it became part of. */
  MERGED_INTO: { pairs: [['Locality', 'Locality']], props: { date: dateN('first') } },
  /** An article reporting a conference. */
  COVERS: { pairs: [['Article', 'Conference']], props: {} },
} satisfies Record<string, EdgeDef>;

export type EdgeType = keyof typeof EDGES;
/** An edge type's definition, widened (the literal table above keeps its exact types). */
export const edgeDef = (t: EdgeType): EdgeDef => EDGES[t];
export const EDGE_TYPES = Object.keys(EDGES) as EdgeType[];

/** The edge each extracted role becomes (one place for the mapping: build, queries and viewer use it). */
export const EDGE_OF_ROLE = {
  chaired: 'CHAIRED',
  attended: 'ATTENDED',
  directed: 'DIRECTED',
  spoke: 'SPOKE_AT',
  reported: 'REPORTED_AT',
  awarded: 'AWARDED',
} as const satisfies Record<Role, EdgeType>;

// ---- rows: what build.ts produces and the stores write -------------------------------------

type Infer<P extends Record<string, PropDef>> = { [K in keyof P]: z.infer<P[K]['zod']> };

export type NodeRowOf<L extends NodeLabel> = { id: string } & Infer<(typeof NODES)[L]>;
export type EdgeRowOf<T extends EdgeType> = {
  from: (typeof EDGES)[T]['pairs'][number][0];
  to: (typeof EDGES)[T]['pairs'][number][1];
  source: string;
  target: string;
} & Infer<(typeof EDGES)[T]['props']>;

export type NodeRow = { id: string } & Record<string, unknown>;
export type EdgeRow = { from: NodeLabel; to: NodeLabel; source: string; target: string } & Record<string, unknown>;

/** A unit of writing: nodes by label, edges by type. Rows are unique by key within a batch. */
export interface GraphBatch {
  nodes: { [L in NodeLabel]: NodeRowOf<L>[] };
  edges: { [T in EdgeType]: EdgeRowOf<T>[] };
}

export function emptyBatch(): GraphBatch {
  return {
    nodes: Object.fromEntries(NODE_LABELS.map((l) => [l, []])) as unknown as GraphBatch['nodes'],
    edges: Object.fromEntries(EDGE_TYPES.map((t) => [t, []])) as unknown as GraphBatch['edges'],
  };
}

export function batchSize(b: GraphBatch): { nodes: number; edges: number } {
  let nodes = 0;
  let edges = 0;
  for (const l of NODE_LABELS) nodes += b.nodes[l].length;
  for (const t of EDGE_TYPES) edges += b.edges[t].length;
  return { nodes, edges };
}

// ---- validation ------------------------------------------------------------------------------

const zId = z.string().min(1);

export const nodeRowSchema = Object.fromEntries(
  NODE_LABELS.map((l) => [l, z.object({ id: zId, ...Object.fromEntries(Object.entries(NODES[l]).map(([k, p]) => [k, p.zod])) }).strict()]),
) as unknown as Record<NodeLabel, z.ZodType>;

export const edgeRowSchema = Object.fromEntries(
  EDGE_TYPES.map((t) => {
    const def: EdgeDef = EDGES[t];
    const pair = z
      .object({ from: z.string(), to: z.string() })
      .refine((r) => def.pairs.some(([f, to]) => f === r.from && to === r.to), { message: `not an allowed endpoint pair for ${t}` });
    const props = z.object({ source: zId, target: zId, from: z.string(), to: z.string(), ...Object.fromEntries(Object.entries(def.props).map(([k, p]) => [k, p.zod])) }).strict();
    return [t, props.and(pair)];
  }),
) as unknown as Record<EdgeType, z.ZodType>;

export interface RowIssue {
  where: string;
  path: string;
  message: string;
}

/** Checks every row of a batch against the model; returns the problems (empty when valid). */
export function validateBatch(batch: GraphBatch): RowIssue[] {
  const issues: RowIssue[] = [];
  for (const l of NODE_LABELS) {
    batch.nodes[l].forEach((row, i) => {
      const r = nodeRowSchema[l].safeParse(row);
      if (!r.success) for (const is of r.error.issues) issues.push({ where: `${l}[${i}]`, path: is.path.join('.'), message: is.message });
    });
  }
  for (const t of EDGE_TYPES) {
    batch.edges[t].forEach((row, i) => {
      const r = edgeRowSchema[t].safeParse(row);
      if (!r.success) for (const is of r.error.issues) issues.push({ where: `${t}[${i}]`, path: is.path.join('.'), message: is.message });
    });
  }
  return issues;
}

// ---- DDL -------------------------------------------------------------------------------------

/** Kùzu: one node table per label (id is the primary key), one rel table per edge type. */
/** An edge property's column type in the embedded store: its lists are kept encoded, as STRING (graph/kuzu-edge-lists.ts). */
export const kuzuEdgeColumn = (p: PropDef): KuzuType => (p.kuzu === 'STRING[]' ? 'STRING' : p.kuzu);

export function kuzuDDL(): string[] {
  const out: string[] = [];
  for (const l of NODE_LABELS) {
    const cols = Object.entries(NODES[l]).map(([k, p]) => `${k} ${p.kuzu}`);
    out.push(`CREATE NODE TABLE IF NOT EXISTS ${l}(id STRING PRIMARY KEY, ${cols.join(', ')})`);
  }
  for (const t of EDGE_TYPES) {
    const def: EdgeDef = EDGES[t];
    const pairs = def.pairs.map(([f, to]) => `FROM ${f} TO ${to}`);
    const cols = Object.entries(def.props).map(([k, p]) => `${k} ${kuzuEdgeColumn(p)}`);
    out.push(`CREATE REL TABLE IF NOT EXISTS ${t}(${[...pairs, ...cols].join(', ')})`);
  }
  return out;
}

/** Neo4j: a uniqueness constraint on id for each label, then the secondary indexes. */
export function neo4jDDL(): string[] {
  const out: string[] = [];
  for (const l of NODE_LABELS) out.push(`CREATE CONSTRAINT ${l.toLowerCase()}_id IF NOT EXISTS FOR (n:${l}) REQUIRE n.id IS UNIQUE`);
  for (const l of NODE_LABELS) {
    for (const [k, p] of Object.entries(NODES[l]) as [string, PropDef][]) {
      if (p.index) out.push(`CREATE INDEX ${l.toLowerCase()}_${k} IF NOT EXISTS FOR (n:${l}) ON (n.${k})`);
    }
  }
  return out;
}
