import { EDGES, NODES, NODE_LABELS, type EdgeType } from '../../graph/schema.js';
import type { GraphNode, GraphRel, GraphStore, GraphValue } from '../../graph/store.js';
import type { ViewEdge, ViewNode } from '../shared/api-types.js';
import type { ExportSource } from './export-formats.js';
import { toViewEdge, toViewNode } from './view-model.js';

/**
 * The whole graph read page by page for the exports: nodes label by label in id order (keyset
 * paging, `id > last`), edges type by type and end-label pair by pair in key order. Only the dates of conferences
 * and articles are held throughout (a role edge takes its conference's date); the columns come
 * from the schema, so nothing has to be read twice. Both stores answer the same Cypher.
 */

export const EXPORT_PAGE = 1_000;

const isNode = (v: unknown): v is GraphNode => typeof v === 'object' && v !== null && (v as GraphNode)._kind === 'node';

function schemaKeys(defs: Record<string, Record<string, unknown>>): string[] {
  const keys = new Set<string>();
  for (const props of Object.values(defs)) for (const k of Object.keys(props)) keys.add(k);
  return [...keys].sort();
}

export function storeExportSource(store: GraphStore, pageSize = EXPORT_PAGE): ExportSource {
  const q = (cypher: string, params: Record<string, unknown> = {}) => store.query(cypher, params, { readOnly: true });
  let dates: Promise<Map<string, string | null>> | null = null;
  const datedNodes = (): Promise<Map<string, string | null>> =>
    (dates ??= (async () => {
      const map = new Map<string, string | null>();
      for (const row of (await q('MATCH (c:Conference) RETURN c.id AS id, c.date AS d')).rows) map.set(String(row.id), typeof row.d === 'string' ? row.d : null);
      for (const row of (await q('MATCH (a:Article) RETURN a.id AS id, a.eventDate AS e, a.publishedDate AS p')).rows) {
        map.set(String(row.id), typeof row.e === 'string' && row.e ? row.e : typeof row.p === 'string' && row.p ? row.p : null);
      }
      return map;
    })());

  return {
    nodeKeys: schemaKeys(NODES as unknown as Record<string, Record<string, unknown>>),
    edgeKeys: schemaKeys(Object.fromEntries((Object.keys(EDGES) as EdgeType[]).map((t) => [t, EDGES[t].props as Record<string, unknown>]))),
    async *nodes(): AsyncGenerator<ViewNode[]> {
      for (const label of NODE_LABELS) {
        let after = '';
        for (;;) {
          const res = await q(`MATCH (n:${label}) WHERE n.id > $after RETURN n ORDER BY n.id LIMIT ${pageSize}`, { after });
          const page = res.rows.map((r) => r.n).filter(isNode);
          if (page.length === 0) break;
          yield page.map(toViewNode);
          if (page.length < pageSize) break;
          after = page[page.length - 1]!.id;
        }
      }
    },
    async *edges(): AsyncGenerator<ViewEdge[]> {
      const known = await datedNodes();
      for (const type of Object.keys(EDGES) as EdgeType[]) {
        const props = EDGES[type].props as Record<string, { merge: string }>;
        const names = Object.keys(props);
        // The edge's key (its ends and key properties) orders the pages totally, so SKIP neither repeats nor drops one.
        const order = ['s', 't', ...names.filter((k) => props[k]!.merge === 'key').map((k) => `p_${k}`)].join(', ');
        const columns = names.map((k) => `, r.${k} AS p_${k}`).join('');
        for (const [from, to] of EDGES[type].pairs) {
          for (let skip = 0; ; skip += pageSize) {
            // Typed, and the properties by name: no relationship objects whose ends the store would have to look up.
            const res = await q(`MATCH (a:${from})-[r:${type}]->(b:${to}) RETURN a.id AS s, b.id AS t${columns} ORDER BY ${order} SKIP ${skip} LIMIT ${pageSize}`);
            const page = res.rows.map((row): GraphRel => {
              const properties: Record<string, GraphValue> = {};
              for (const k of names) {
                const v = row[`p_${k}`];
                if (v !== null && v !== undefined) properties[k] = v;
              }
              return { _kind: 'rel', type, source: String(row.s), target: String(row.t), properties };
            });
            if (page.length) yield page.map((r) => toViewEdge(r, known));
            if (page.length < pageSize) break;
          }
        }
      }
    },
  };
}
