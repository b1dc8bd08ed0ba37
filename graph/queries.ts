import { z } from 'zod';
import { toneKey } from '../ingest/normalize.js';
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

/** `$person` matches a Person by id or by folded name. */
const PERSON_MATCH = (v: string, param: string) => `(${v}.id = $${param} OR ${v}.nameKey = $${param}Key)`;

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
}
const DIALECTS: Record<StoreKind, Dialect> = {
  kuzu: { lower: 'lower', relType: (v) => `label(${v})`, list: (e) => `coalesce(collect(${e}), CAST([] AS STRING[]))` },
  neo4j: { lower: 'toLower', relType: (v) => `type(${v})`, list: (e) => `collect(${e})` },
};

const withKeys =
  (...names: string[]) =>
  (p: Record<string, unknown>): Record<string, unknown> => {
    const out = { ...p };
    for (const n of names) out[`${n}Key`] = toneKey(String(p[n] ?? ''));
    return out;
  };

export const QUERIES: NamedQuery[] = [
  {
    name: 'people',
    description: 'People whose name contains the text, with their scope and number of reports.',
    params: z.strictObject({ name: z.string().default(''), limit: z.coerce.number().int().positive().default(50) }),
    cypher: `MATCH (p:Person) WHERE $nameKey = '' OR p.nameKey CONTAINS $nameKey
RETURN p.id AS id, p.name AS name, p.scope AS scope, size(p.sources) AS reports
ORDER BY reports DESC, name LIMIT $limit`,
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
OPTIONAL MATCH (a:Article) WHERE a.id IN h.sources
WITH p, pos, h, ${d.list('a.file')} AS sources
RETURN p.name AS person, pos.title AS title, pos.body AS body, h.firstSeen AS firstSeen, h.lastSeen AS lastSeen, sources
ORDER BY firstSeen, lastSeen, title`,
    prepare: withKeys('person'),
  },
  {
    name: 'position-changes',
    description: 'People named in both reports (--a, --b: file name or article id) whose positions differ: what is only in b (gained) or only in a (lost).',
    params: z.strictObject({ a: z.string().min(1), b: z.string().min(1) }),
    cypher: `MATCH (ra:Article) WHERE ra.file = $a OR ra.id = $a
MATCH (rb:Article) WHERE rb.file = $b OR rb.id = $b
MATCH (p:Person)-[h:HELD]->(pos:Position)
WHERE rb.id IN h.sources AND NOT ra.id IN h.sources AND ra.id IN p.sources
RETURN p.name AS person, p.id AS personId, 'gained' AS change, pos.title AS title, pos.body AS body
UNION ALL
MATCH (ra:Article) WHERE ra.file = $a OR ra.id = $a
MATCH (rb:Article) WHERE rb.file = $b OR rb.id = $b
MATCH (p:Person)-[h:HELD]->(pos:Position)
WHERE ra.id IN h.sources AND NOT rb.id IN h.sources AND rb.id IN p.sources
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
