import { z } from 'zod';
import { kuzuEdgeList } from './kuzu-edge-lists.js';
import { fold, toneKey } from '../ingest/normalize.js';
import { plainPost } from './article-rows.js';
import { EDGE_OF_ROLE } from './schema.js';
import type { GraphStore, QueryResult, StoreKind } from './store.js';

/**
 * The analysts' named queries, written for both stores. Where the dialects differ (Kùzu's
 * `label(r)` vs Neo4j's `type(r)`, Kùzu's `* SHORTEST` vs Neo4j's `shortestPath()`) a query
 * carries one text per store. People and conferences are named by id or by name/title: names are
 * folded in JS (`personKey`) and matched against the stored `nameKey`. Kùzu's collect() over
 * nothing is null where Neo4j's is [], hence its coalesce().
 */

/** Every role edge, AWARDED included (graph/schema.ts's EDGE_OF_ROLE). */
const ROLE_OR_AWARD = Object.values(EDGE_OF_ROLE).join('|');
/** Edges a "connection" between two people may use: shared conferences, posts and bodies. */
const CONNECTION_TYPES = `${ROLE_OR_AWARD}|HELD|OF|ORGANIZED`;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const ROLE_NAMES = Object.keys(EDGE_OF_ROLE);
const ROLE_EDGE_TYPES: string[] = Object.values(EDGE_OF_ROLE);
/** --role: a role name ('chaired') or its edge type ('CHAIRED'); '' for any. */
const role = z
  .string()
  .default('')
  .transform((r) => (EDGE_OF_ROLE as Record<string, string>)[r.toLowerCase()] ?? r.toUpperCase())
  .refine((r) => r === '' || ROLE_EDGE_TYPES.includes(r), `expected one of ${ROLE_NAMES.join(', ')}`);

/** In the date range; undated conferences count only when no range is asked for ($undated). */
const IN_RANGE = '((c.date IS NULL AND $undated) OR (c.date >= $from AND c.date <= $to))';
const FROM = '0000-01-01';
const TO = '9999-12-31';
const withUndated = (p: Record<string, unknown>): Record<string, unknown> => ({ ...p, undated: p.from === FROM && p.to === TO });

/** `$person` matches a Person by id, by folded name, or by the name typed without diacritics. */
const PERSON_MATCH = (v: string, param: string) => `(${v}.id = $${param} OR ${v}.nameKey = $${param}Key OR ${v}.plainName = $${param}Plain)`;
/** `$post` matches a Position by id or by its title and body typed in any spelling ('Chủ tịch UBND tỉnh X', 'chu tich uy ban nhan dan tinh x'). */
const POST_MATCH = (v: string) => `(${v}.id = $post OR ${v}.plain = $postPlain OR ($contains AND ${v}.plain CONTAINS $postPlain))`;
/** The spell's span: from its start (or first sighting) to its end (or a successor's start, or its last sighting). */
const SPELL_FROM = (h: string) => `coalesce(${h}.startDate, ${h}.firstSeen)`;
const SPELL_TO = (h: string) => `coalesce(${h}.endDate, ${h}.succeededOn, ${h}.lastSeen)`;

export interface NamedQuery {
  name: string;
  description: string;
  params: z.ZodObject;
  /** Cypher text: one for both stores, written once against the dialect's differences, or one per store. */
  cypher: string | ((d: Dialect) => string) | Record<StoreKind, string>;
  /** Derived parameters (folded names) and literal substitutions (path length bounds). */
  prepare?: (p: Record<string, unknown>) => Record<string, unknown>;
}

/** Where Kùzu's Cypher and Neo4j's differ in the queries below. */
export interface Dialect {
  lower: string;
  /** The type of a relationship variable. */
  relType: (v: string) => string;
  /** `collect(...)` that gives [] rather than null when nothing matched. */
  list: (expr: string) => string;
  /** An edge's list property as a list inside the query (the embedded store keeps it encoded: graph/kuzu-edge-lists.ts). */
  edgeList: (expr: string) => string;
}
const DIALECTS: Record<StoreKind, Dialect> = {
  kuzu: { lower: 'lower', relType: (v) => `label(${v})`, list: (e) => `coalesce(collect(${e}), CAST([] AS STRING[]))`, edgeList: kuzuEdgeList },
  neo4j: { lower: 'toLower', relType: (v) => `type(${v})`, list: (e) => `collect(${e})`, edgeList: (e) => e },
};

const withKeys =
  (...names: string[]) =>
  (p: Record<string, unknown>): Record<string, unknown> => {
    const out = { ...p };
    for (const n of names) {
      const typed = String(p[n] ?? '');
      out[`${n}Key`] = toneKey(typed);
      // A name typed without diacritics matches any spelling; typed with them, only that spelling.
      out[`${n}Plain`] = fold(typed) === typed.toLowerCase().replace(/\s+/g, ' ').trim() ? fold(typed) : NEVER;
    }
    return out;
  };
/** A value no stored key holds. */
const NEVER = '\u0001';
const withPost = (p: Record<string, unknown>): Record<string, unknown> => ({ ...p, postPlain: plainPost(String(p.post ?? ''), '') });
const bool = z
  .union([z.boolean(), z.enum(['true', 'false', ''])])
  .default(false)
  .transform((v) => v === true || v === 'true' || v === '');

export const QUERIES: NamedQuery[] = [
  {
    name: 'people',
    description: 'People whose name contains the text (diacritics optional), with what tells namesakes apart: provinces, latest post, years seen.',
    params: z.strictObject({ name: z.string().default(''), limit: z.coerce.number().int().positive().default(50) }),
    cypher: `MATCH (p:Person) WHERE $nameKey = '' OR p.nameKey CONTAINS $nameKey OR p.plainName CONTAINS $namePlain
RETURN p.id AS id, p.name AS name, p.scope AS scope, p.provinces AS provinces, p.latestPost AS latestPost, p.firstSeen AS firstSeen, p.lastSeen AS lastSeen, size(p.sources) AS reports
ORDER BY reports DESC, name, id LIMIT $limit`,
    prepare: withKeys('name'),
  },
  {
    name: 'conference-people',
    description: 'Who chaired, attended, directed, spoke or reported at a conference (by id or title text); --role filters.',
    params: z.strictObject({ conference: z.string().min(1), role }),
    cypher: (d) => `MATCH (p:Person)-[r:${ROLE_OR_AWARD}]->(c:Conference)
WHERE (c.id = $conference OR ${d.lower}(c.title) CONTAINS ${d.lower}($conference)) AND ($role = '' OR ${d.relType('r')} = $role)
RETURN c.date AS date, c.title AS conference, ${d.relType('r')} AS role, p.name AS person, p.id AS personId
ORDER BY date, conference, role, person`,
  },
  {
    name: 'person-conferences',
    description: "A person's conferences by role over a date range (--from, --to inclusive; --role filters).",
    params: z.strictObject({ person: z.string().min(1), from: isoDate.default(FROM), to: isoDate.default(TO), role }),
    cypher: (d) => `MATCH (p:Person)-[r:${ROLE_OR_AWARD}]->(c:Conference)
WHERE ${PERSON_MATCH('p', 'person')} AND ${IN_RANGE} AND ($role = '' OR ${d.relType('r')} = $role)
RETURN p.name AS person, c.date AS date, ${d.relType('r')} AS role, c.title AS conference, c.id AS conferenceId
ORDER BY date, role`,
    prepare: (p) => withUndated(withKeys('person')(p)),
  },
  {
    name: 'position-timeline',
    description: "A person's positions: title, body, first and last seen, and the reports that say so.",
    params: z.strictObject({ person: z.string().min(1) }),
    // OPTIONAL: a post whose reports are not (yet) stored as Articles is still listed, with no sources.
    cypher: (d) => `MATCH (p:Person)-[h:HELD]->(pos:Position)
WHERE ${PERSON_MATCH('p', 'person')}
OPTIONAL MATCH (a:Article) WHERE a.id IN ${d.edgeList('h.sources')}
WITH p, pos, h, ${d.list('a.file')} AS sources
RETURN p.name AS person, pos.title AS title, pos.body AS body, h.firstSeen AS firstSeen, h.lastSeen AS lastSeen, sources
ORDER BY firstSeen, lastSeen, title`,
    prepare: withKeys('person'),
  },
  {
    name: 'career',
    description: "A person's career: each spell in a post, in order, with its dates, status, the events that started and ended it, and its sources.",
    params: z.strictObject({ person: z.string().min(1) }),
    cypher: (d) => `MATCH (p:Person)-[h:HELD]->(pos:Position)
WHERE ${PERSON_MATCH('p', 'person')}
OPTIONAL MATCH (a:Article) WHERE a.id IN ${d.edgeList('h.sources')}
WITH p, pos, h, ${d.list('a.file')} AS sources
RETURN p.name AS person, p.id AS personId, pos.title AS title, pos.body AS body, pos.level AS level, pos.province AS province,
  ${SPELL_FROM('h')} AS from, ${SPELL_TO('h')} AS to, h.status AS status, h.acting AS acting, h.startEvent AS startEvent, h.endEvent AS endEvent,
  h.endInferred AS endInferred, h.firstSeen AS firstSeen, h.lastSeen AS lastSeen, sources, h.evidence AS evidence
ORDER BY personId, from, to, title`,
    prepare: withKeys('person'),
  },
  {
    name: 'post-holders',
    description: "The holders of a post over time (--post: its id, or its title and body in any spelling, e.g. 'Chủ tịch UBND tỉnh Nghệ An'; --contains to match part of it), with who succeeded whom.",
    params: z.strictObject({ post: z.string().min(1), contains: bool }),
    cypher: (d) => `MATCH (p:Person)-[h:HELD]->(pos:Position)
WHERE ${POST_MATCH('pos')}
OPTIONAL MATCH (p)-[s:SUCCEEDED]->(prev:Person) WHERE s.position = pos.id
WITH p, h, pos, ${d.list('prev.name')} AS after, ${d.list('s.inferred')} AS inferred
RETURN pos.title AS title, pos.body AS body, p.name AS person, p.id AS personId, ${SPELL_FROM('h')} AS from, ${SPELL_TO('h')} AS to, h.status AS status, h.acting AS acting, after, inferred, pos.id AS postId
ORDER BY postId, from, to, person`,
    prepare: withPost,
  },
  {
    name: 'successions',
    description: 'Who succeeded whom in which post (--post as in post-holders, or empty for all), stated or inferred, with the dates behind it.',
    params: z.strictObject({ post: z.string().default(''), contains: bool, limit: z.coerce.number().int().positive().default(200) }),
    cypher: `MATCH (b:Person)-[s:SUCCEEDED]->(a:Person), (pos:Position)
WHERE pos.id = s.position AND ($post = '' OR ${POST_MATCH('pos')})
RETURN pos.title AS title, pos.body AS body, a.name AS predecessor, b.name AS successor, s.date AS date, s.inferred AS inferred, s.basis AS basis, a.id AS predecessorId, b.id AS successorId
ORDER BY title, body, date LIMIT $limit`,
    prepare: withPost,
  },
  {
    name: 'moves',
    description: 'Moves in a date range (--from, --to on the new post\'s start or first sighting; --province narrows to posts there): who moved from what to what.',
    params: z.strictObject({ from: isoDate.default(FROM), to: isoDate.default(TO), province: z.string().default(''), limit: z.coerce.number().int().positive().default(500) }),
    cypher: (d) => `MATCH (p:Person)-[hb:HELD]->(b:Position)
WITH p, hb, b, ${SPELL_FROM('hb')} AS began
WHERE began >= $from AND began <= $to AND ($province = '' OR ${d.lower}(b.province) CONTAINS ${d.lower}($province))
MATCH (p)-[ha:HELD]->(a:Position)
WHERE a.id <> b.id AND ${SPELL_FROM('ha')} < began AND (ha.lastSeen IS NULL OR ha.lastSeen <= began)
RETURN p.name AS person, p.id AS personId, began AS date, b.title AS toTitle, b.body AS toBody, hb.startEvent AS event,
  ${d.list("a.title + ' ' + a.body")} AS fromPosts
ORDER BY date, person LIMIT $limit`,
  },
  {
    name: 'why-same',
    description: "Why resolution made one person of these mentions (--a, --b: person id or name): each mention with the evidence and score that joined it ('npm run people -- why' weighs two persons live).",
    params: z.strictObject({ a: z.string().min(1), b: z.string().default('') }),
    cypher: `MATCH (m:Mention)-[r:REFERS_TO]->(p:Person)
WHERE ${PERSON_MATCH('p', 'a')} OR ($b <> '' AND ${PERSON_MATCH('p', 'b')})
OPTIONAL MATCH (art:Article) WHERE art.id = m.article
RETURN p.id AS personId, p.name AS person, m.id AS mention, art.file AS article, m.name AS name, m.date AS date, r.link AS link
ORDER BY personId, date, mention`,
    prepare: withKeys('a', 'b'),
  },
  {
    name: 'position-changes',
    description: 'People named in both reports (--a, --b: file name or article id) whose positions differ: what is only in b (gained) or only in a (lost).',
    params: z.strictObject({ a: z.string().min(1), b: z.string().min(1) }),
    cypher: (d) => `MATCH (ra:Article) WHERE ra.file = $a OR ra.id = $a
MATCH (rb:Article) WHERE rb.file = $b OR rb.id = $b
MATCH (p:Person)-[h:HELD]->(pos:Position)
WHERE rb.id IN ${d.edgeList('h.sources')} AND NOT ra.id IN ${d.edgeList('h.sources')} AND ra.id IN p.sources
RETURN p.name AS person, p.id AS personId, 'gained' AS change, pos.title AS title, pos.body AS body
UNION ALL
MATCH (ra:Article) WHERE ra.file = $a OR ra.id = $a
MATCH (rb:Article) WHERE rb.file = $b OR rb.id = $b
MATCH (p:Person)-[h:HELD]->(pos:Position)
WHERE ra.id IN ${d.edgeList('h.sources')} AND NOT rb.id IN ${d.edgeList('h.sources')} AND rb.id IN p.sources
RETURN p.name AS person, p.id AS personId, 'lost' AS change, pos.title AS title, pos.body AS body`,
  },
  {
    name: 'co-attendance',
    description: 'Who appears with whom at conferences, and how often (--person narrows to one person; --min times).',
    params: z.strictObject({ person: z.string().default(''), min: z.coerce.number().int().positive().default(1), limit: z.coerce.number().int().positive().default(50) }),
    cypher: `MATCH (p1:Person)-[:${ROLE_OR_AWARD}]->(c:Conference)<-[:${ROLE_OR_AWARD}]-(p2:Person)
WHERE p1.id <> p2.id AND (($person = '' AND p1.id < p2.id) OR ${PERSON_MATCH('p1', 'person')})
WITH p1, p2, count(DISTINCT c) AS times
WHERE times >= $min
RETURN p1.name AS person, p2.name AS other, times, p1.id AS personId, p2.id AS otherId
ORDER BY times DESC, person, other LIMIT $limit`,
    prepare: withKeys('person'),
  },
  {
    name: 'conferences',
    description: 'Conferences by organizer (--organizer text), locality (--locality text; the place or the unit above it) and date range (--from, --to).',
    params: z.strictObject({ organizer: z.string().default(''), locality: z.string().default(''), from: isoDate.default(FROM), to: isoDate.default(TO) }),
    cypher: (d) => `MATCH (c:Conference)
WHERE ${IN_RANGE}
  AND ($organizer = '' OR EXISTS { MATCH (o:Organization)-[:ORGANIZED]->(c) WHERE ${d.lower}(o.name) CONTAINS ${d.lower}($organizer) })
  AND ($locality = '' OR EXISTS { MATCH (c)-[:HELD_IN]->(l:Locality) WHERE ${d.lower}(l.name) CONTAINS ${d.lower}($locality) }
       OR EXISTS { MATCH (c)-[:HELD_IN]->(:Locality)-[:LOCATED_IN]->(l:Locality) WHERE ${d.lower}(l.name) CONTAINS ${d.lower}($locality) })
OPTIONAL MATCH (o:Organization)-[:ORGANIZED]->(c)
OPTIONAL MATCH (c)-[:HELD_IN]->(l:Locality)
RETURN c.date AS date, c.title AS title, ${d.list('DISTINCT o.name')} AS organizers, ${d.list('DISTINCT l.name')} AS places, c.id AS id
ORDER BY date, title`,
    prepare: withUndated,
  },
  {
    name: 'shortest-connection',
    description: 'The shortest connection between two people (--a, --b: id or name) through conferences, posts and bodies (--maxHops, default 8).',
    params: z.strictObject({ a: z.string().min(1), b: z.string().min(1), maxHops: z.coerce.number().int().min(1).max(15).default(8) }),
    cypher: {
      kuzu: `MATCH (a:Person), (b:Person)
WHERE ${PERSON_MATCH('a', 'a')} AND ${PERSON_MATCH('b', 'b')} AND a.id <> b.id
MATCH path = (a)-[:${CONNECTION_TYPES}* SHORTEST 1..{{maxHops}}]-(b)
RETURN a.name AS from, b.name AS to, length(path) AS hops, path
ORDER BY hops LIMIT 1`,
      neo4j: `MATCH (a:Person), (b:Person)
WHERE ${PERSON_MATCH('a', 'a')} AND ${PERSON_MATCH('b', 'b')} AND a.id <> b.id
MATCH path = shortestPath((a)-[:${CONNECTION_TYPES}*..{{maxHops}}]-(b))
RETURN a.name AS from, b.name AS to, length(path) AS hops, path
ORDER BY hops LIMIT 1`,
    },
    prepare: withKeys('a', 'b'),
  },
];

export function findQuery(name: string): NamedQuery | undefined {
  return QUERIES.find((q) => q.name === name);
}

export class QueryParamError extends Error {
  override name = 'QueryParamError';
}

/** The Cypher and parameters a named query runs with on a store, params validated. */
export function planQuery(q: NamedQuery, kind: StoreKind, raw: Record<string, unknown>): { cypher: string; params: Record<string, unknown> } {
  const parsed = q.params.safeParse(raw);
  if (!parsed.success) {
    const known = Object.keys(q.params.shape).map((k) => `--${k}`).join(', ') || 'none';
    throw new QueryParamError(
      parsed.error.issues
        .map((i) => (i.code === 'unrecognized_keys' ? `${i.keys.map((k) => `--${k}`).join(', ')}: unknown parameter of ${q.name} (known: ${known})` : `--${i.path.join('.') || '?'}: ${i.message}`))
        .join('; '),
    );
  }
  const params = q.prepare ? q.prepare(parsed.data) : { ...parsed.data };
  let cypher = typeof q.cypher === 'string' ? q.cypher : typeof q.cypher === 'function' ? q.cypher(DIALECTS[kind]) : q.cypher[kind];
  // Path bounds cannot be parameters in either dialect; they are validated integers above.
  cypher = cypher.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(Number(params[k])));
  return { cypher, params };
}

export async function runNamedQuery(store: GraphStore, name: string, raw: Record<string, unknown>, opts?: { timeoutMs?: number; rowLimit?: number }): Promise<QueryResult> {
  const q = findQuery(name);
  if (!q) throw new QueryParamError(`unknown query '${name}'; known: ${QUERIES.map((x) => x.name).join(', ')}`);
  const { cypher, params } = planQuery(q, store.kind, raw);
  return store.query(cypher, params, { readOnly: true, ...opts });
}
