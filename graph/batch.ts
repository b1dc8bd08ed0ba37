import { mergeInto } from './merge.js';
import { EDGES, NODES, emptyBatch, type EdgeRow, type EdgeType, type GraphBatch, type NodeLabel, type NodeRow, type PropDef } from './schema.js';

/**
 * Accumulates rows into a GraphBatch, merging rows with the same key by the model's merge rules,
 * exactly as the stores will merge them with what they already hold. Pure, in-memory.
 */

/** The identity of an edge: type, endpoints and any key properties (AWARDED's awardId, ...). */
export function edgeKey(type: EdgeType, row: EdgeRow): string {
  const keys = Object.entries(EDGES[type].props as Record<string, PropDef>)
    .filter(([, p]) => p.merge === 'key')
    .map(([k]) => String(row[k]));
  return [type, row.source, row.target, ...keys].join('\u0000');
}

export class BatchBuilder {
  private nodes = new Map<string, NodeRow>();
  private nodeLabel = new Map<string, NodeLabel>();
  private edges = new Map<string, { type: EdgeType; row: EdgeRow }>();

  addNode<L extends NodeLabel>(label: L, row: NodeRow): string {
    const prev = this.nodes.get(row.id);
    if (!prev) {
      this.nodes.set(row.id, { ...row });
      this.nodeLabel.set(row.id, label);
    } else mergeInto(NODES[label], prev, row);
    return row.id;
  }

  addEdge(type: EdgeType, row: EdgeRow): void {
    const key = edgeKey(type, row);
    const prev = this.edges.get(key);
    if (!prev) this.edges.set(key, { type, row: { ...row } });
    else mergeInto(EDGES[type].props as Record<string, PropDef>, prev.row, row);
  }

  build(): GraphBatch {
    const b = emptyBatch();
    for (const [id, row] of this.nodes) (b.nodes[this.nodeLabel.get(id)!] as NodeRow[]).push(row);
    for (const { type, row } of this.edges.values()) (b.edges[type] as EdgeRow[]).push(row);
    return b;
  }
}

/** Merges several batches into one, keys deduplicated by the same rules. */
export function mergeBatches(batches: GraphBatch[]): GraphBatch {
  const bb = new BatchBuilder();
  for (const b of batches) {
    for (const [l, rows] of Object.entries(b.nodes) as [NodeLabel, NodeRow[]][]) for (const r of rows) bb.addNode(l, r);
    for (const [t, rows] of Object.entries(b.edges) as [EdgeType, EdgeRow[]][]) for (const r of rows) bb.addEdge(t, r);
  }
  return bb.build();
}
