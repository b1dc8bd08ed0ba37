import { planQuery, QUERIES } from '../../graph/queries.js';
import type { GraphStore } from '../../graph/store.js';
import type { CatalogEntry } from '../shared/api-types.js';

/**
 * Examples for the Cypher console: the named-query catalog (graph/queries.ts) in the active
 * store's dialect, its parameters filled with people and a conference from the store itself
 * and written into the text as literals, so each example runs as shown and can be edited.
 * A few portable queries follow.
 */

const BUILT_IN: CatalogEntry[] = [
  { name: 'Who chaired what', description: 'Chairs of each conference, drawn on the canvas', cypher: 'MATCH (p:Person)-[r:CHAIRED]->(c:Conference)\nRETURN p, r, c' },
  { name: 'People and their posts', description: 'Who held which position', cypher: 'MATCH (p:Person)-[h:HELD]->(pos:Position)\nRETURN p, h, pos\nLIMIT 100' },
  { name: 'Organizers', description: 'Bodies that organized conferences', cypher: 'MATCH (o:Organization)-[r:ORGANIZED]->(c:Conference)\nRETURN o, r, c' },
  { name: 'Conferences by date', description: 'Every conference with its date and place', cypher: 'MATCH (c:Conference)\nRETURN c.date AS date, c.title AS title, c.place AS place\nORDER BY date' },
];

/** A Cypher literal for a parameter value (both dialects read these the same way). */
function literal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  return `'${String(v).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function inlineParams(cypher: string, params: Record<string, unknown>): string {
  return cypher.replace(/\$(\w+)/g, (whole, name: string) => (name in params ? literal(params[name]) : whole));
}

/** Real values for the catalog's required parameters: the two busiest people, the busiest conference. */
async function exampleValues(store: GraphStore): Promise<Record<string, unknown>> {
  const ro = { readOnly: true, rowLimit: 2 };
  const people = await store.query('MATCH (p:Person)-[r]->(:Conference) RETURN p.name AS name, count(r) AS n ORDER BY n DESC, name LIMIT 2', {}, ro);
  const confs = await store.query('MATCH (:Person)-[r]->(c:Conference) RETURN c.id AS id, count(r) AS n ORDER BY n DESC, id LIMIT 1', {}, ro);
  const a = people.rows[0]?.name ?? 'Phạm Thị Phúc';
  return { person: a, a, b: people.rows[1]?.name ?? a, conference: confs.rows[0]?.id ?? '' };
}

export async function catalogFor(store: GraphStore): Promise<CatalogEntry[]> {
  const values = await exampleValues(store);
  const named: CatalogEntry[] = [];
  for (const q of QUERIES) {
    const wanted = Object.fromEntries(Object.keys(q.params.shape).filter((k) => k in values).map((k) => [k, values[k]]));
    try {
      const { cypher, params } = planQuery(q, store.kind, wanted);
      named.push({ name: q.name, description: q.description, cypher: inlineParams(cypher, params) });
    } catch {
      // A query whose parameters cannot be filled from this graph is left out of the examples.
    }
  }
  return [...named, ...BUILT_IN];
}
