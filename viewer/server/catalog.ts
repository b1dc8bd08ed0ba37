import { planQuery, QUERIES } from '../../graph/queries.js';
import { fold } from '../../ingest/normalize.js';
import type { GraphStore, Row } from '../../graph/store.js';
import type { CatalogEntry } from '../shared/api-types.js';

/**
 * Examples for the Cypher console: the named-query catalog (graph/queries.ts) in the active
 * store's dialect, with `$parameters` kept in the text and their values (people, posts,
 * conferences and reports of the store itself) in the example's parameter box, so each example
 * runs as shown and reads as the query it is. A few portable queries follow.
 */

const BUILT_IN: CatalogEntry[] = [
  { name: 'Who chaired what', description: 'Chairs of each conference, drawn on the canvas', cypher: 'MATCH (p:Person)-[r:CHAIRED]->(c:Conference)\nRETURN p, r, c', params: {} },
  { name: 'People and their posts', description: 'Who held which position', cypher: 'MATCH (p:Person)-[h:HELD]->(pos:Position)\nRETURN p, h, pos\nLIMIT 100', params: {} },
  { name: 'Organizers', description: 'Bodies that organized conferences', cypher: 'MATCH (o:Organization)-[r:ORGANIZED]->(c:Conference)\nRETURN o, r, c', params: {} },
  {
    name: 'Conferences by date',
    description: 'Every conference with its date and place',
    cypher: 'MATCH (c:Conference)\nRETURN c.date AS date, c.title AS title, c.place AS place\nORDER BY date',
    params: {},
  },
];

const ro = { readOnly: true, rowLimit: 500 };
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Two reports that name the same person with different posts: what position-changes compares. */
async function reportPair(store: GraphStore): Promise<{ a: string; b: string } | null> {
  const res = await store.query('MATCH (p:Person)-[h:HELD]->(:Position) WHERE size(p.sources) > 1 RETURN p.id AS id, p.sources AS seen, h.sources AS held', {}, ro);
  const byPerson = new Map<string, Row[]>();
  for (const row of res.rows) byPerson.set(String(row.id), [...(byPerson.get(String(row.id)) ?? []), row]);
  for (const rows of byPerson.values()) {
    const seen = (rows[0]!.seen as string[]) ?? [];
    for (const a of seen) {
      for (const b of seen) {
        // b shows a post that a does not: position-changes finds it 'gained'.
        if (a !== b && rows.some((r) => (r.held as string[]).includes(b) && !(r.held as string[]).includes(a))) {
          const files = await store.query('MATCH (x:Article) WHERE x.id IN $ids RETURN x.id AS id, x.file AS file', { ids: [a, b] }, ro);
          const file = new Map(files.rows.map((r) => [String(r.id), text(r.file)]));
          const fa = file.get(a);
          const fb = file.get(b);
          if (fa && fb) return { a: fa, b: fb };
        }
      }
    }
  }
  return null;
}

/** Real values for the catalog's parameters, by parameter name, with per-query overrides. */
async function exampleValues(store: GraphStore): Promise<{ common: Record<string, unknown>; byQuery: Record<string, Record<string, unknown>> }> {
  const one = { readOnly: true, rowLimit: 2 };
  const people = await store.query('MATCH (p:Person)-[r]->(:Conference) RETURN p.name AS name, count(r) AS n ORDER BY n DESC, name LIMIT 2', {}, one);
  const confs = await store.query('MATCH (:Person)-[r]->(c:Conference) RETURN c.id AS id, count(r) AS n ORDER BY n DESC, id LIMIT 1', {}, one);
  const posts = await store.query('MATCH (:Person)-[h:HELD]->(pos:Position) RETURN pos.id AS id, count(h) AS n ORDER BY n DESC, id LIMIT 1', {}, one);
  const orgs = await store.query('MATCH (o:Organization)-[r:ORGANIZED]->(:Conference) RETURN o.name AS name, count(r) AS n ORDER BY n DESC, name LIMIT 1', {}, one);
  const range = await store.query('MATCH (c:Conference) WHERE c.date IS NOT NULL RETURN min(c.date) AS lo, max(c.date) AS hi', {}, one);
  // Names typed without diacritics, as an analyst types them (the queries match any spelling then).
  const a = fold(text(people.rows[0]?.name) ?? '');
  const b = fold(text(people.rows[1]?.name) ?? '') || a;
  const pair = await reportPair(store);
  const lo = text(range.rows[0]?.lo);
  const hi = text(range.rows[0]?.hi);
  return {
    common: {
      person: a,
      conference: text(confs.rows[0]?.id) ?? '',
      position: text(posts.rows[0]?.id) ?? '',
      post: text(posts.rows[0]?.id) ?? '',
      organizer: text(orgs.rows[0]?.name) ?? '',
      ...(lo && hi ? { from: lo, to: hi } : {}),
    },
    byQuery: {
      // Articles (file names) for the report comparison, people for the connection.
      'position-changes': pair ?? {},
      'shortest-connection': { a, b },
      'why-same': { a },
      people: { name: a.split(' ').slice(-1)[0] ?? '' },
    },
  };
}

export async function catalogFor(store: GraphStore): Promise<CatalogEntry[]> {
  const values = await exampleValues(store);
  const named: CatalogEntry[] = [];
  for (const q of QUERIES) {
    const own = values.byQuery[q.name] ?? {};
    const wanted = Object.fromEntries(
      Object.keys(q.params.shape)
        .map((k) => [k, k in own ? own[k] : values.common[k]] as const)
        .filter(([, v]) => v !== undefined && v !== ''),
    );
    try {
      const { cypher, params } = planQuery(q, store.kind, wanted);
      // Only the parameters the text names: derived keys it does not use would only confuse.
      const used = Object.fromEntries(Object.entries(params).filter(([k]) => new RegExp(`\\$${k}\\b`).test(cypher)));
      const derived = Object.keys(used).filter((k) => /(Key|Plain)$/.test(k) && k.replace(/(Key|Plain)$/, '') in used);
      const note = derived.length ? ` (${derived.map((k) => `$${k}`).join(', ')}: the name folded as npm run query folds it; change them with it)` : '';
      named.push({ name: q.name, description: q.description + note, cypher, params: used });
    } catch {
      // A query whose parameters cannot be filled from this graph is left out of the examples.
    }
  }
  return [...named, ...BUILT_IN];
}
