import type { ViewEdge, ViewNode } from '../shared/api-types.js';

/**
 * Whole-graph exports: GraphML (Gephi, yEd, networkx) and CSV node/edge tables with Gephi's
 * column names (Id, Label; Source, Target, Type). Lists and objects are written as JSON text.
 * The streaming forms take the graph page by page (export-source.ts), so an export holds one
 * page in memory however large the graph; the whole-document forms remain for small graphs.
 */

/** The graph as pages, and the property names its nodes and edges may carry (the columns). */
export interface ExportSource {
  nodeKeys: string[];
  edgeKeys: string[];
  nodes(): AsyncIterable<ViewNode[]>;
  edges(): AsyncIterable<ViewEdge[]>;
}

const cellText = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

const xml = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // XML 1.0 forbids most control characters outright.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

function propKeys(items: { properties: Record<string, unknown> }[]): string[] {
  const keys = new Set<string>();
  for (const it of items) for (const k of Object.keys(it.properties)) keys.add(k);
  return [...keys].sort();
}

function graphmlHead(nodeKeys: string[], edgeKeys: string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    '  <key id="n_type" for="node" attr.name="type" attr.type="string"/>',
    '  <key id="n_label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="n_date" for="node" attr.name="date" attr.type="string"/>',
    ...nodeKeys.map((k) => `  <key id="n_p_${xml(k)}" for="node" attr.name="${xml(k)}" attr.type="string"/>`),
    '  <key id="e_type" for="edge" attr.name="type" attr.type="string"/>',
    '  <key id="e_label" for="edge" attr.name="label" attr.type="string"/>',
    '  <key id="e_date" for="edge" attr.name="date" attr.type="string"/>',
    ...edgeKeys.map((k) => `  <key id="e_p_${xml(k)}" for="edge" attr.name="${xml(k)}" attr.type="string"/>`),
    '  <graph id="G" edgedefault="directed">',
    '',
  ].join('\n');
}

const GRAPHML_TAIL = '  </graph>\n</graphml>\n';

const data = (key: string, v: unknown): string => {
  const t = cellText(v);
  return t === '' ? '' : `<data key="${xml(key)}">${xml(t)}</data>`;
};

function nodeXml(n: ViewNode, keys: string[]): string {
  const props = keys.map((k) => data(`n_p_${k}`, n.properties[k])).join('');
  return `    <node id="${xml(n.id)}">${data('n_type', n.type)}${data('n_label', n.name)}${data('n_date', n.date)}${props}</node>\n`;
}

function edgeXml(e: ViewEdge, keys: string[]): string {
  const props = keys.map((k) => data(`e_p_${k}`, e.properties[k])).join('');
  return `    <edge id="${xml(e.id)}" source="${xml(e.source)}" target="${xml(e.target)}">${data('e_type', e.type)}${data('e_label', e.label)}${data('e_date', e.date)}${props}</edge>\n`;
}

export function toGraphml(nodes: ViewNode[], edges: ViewEdge[]): string {
  const nodeKeys = propKeys(nodes).filter((k) => k !== 'id');
  const edgeKeys = propKeys(edges);
  return graphmlHead(nodeKeys, edgeKeys) + nodes.map((n) => nodeXml(n, nodeKeys)).join('') + edges.map((e) => edgeXml(e, edgeKeys)).join('') + GRAPHML_TAIL;
}

/** GraphML in chunks of one page each. */
export async function* graphmlChunks(src: ExportSource): AsyncGenerator<string> {
  const nodeKeys = src.nodeKeys.filter((k) => k !== 'id');
  yield graphmlHead(nodeKeys, src.edgeKeys);
  for await (const page of src.nodes()) yield page.map((n) => nodeXml(n, nodeKeys)).join('');
  for await (const page of src.edges()) yield page.map((e) => edgeXml(e, src.edgeKeys)).join('');
  yield GRAPHML_TAIL;
}

/** RFC 4180: quote every field that holds a comma, quote, or line break. */
function csvRow(cells: unknown[]): string {
  return cells
    .map((c) => {
      const t = cellText(c);
      return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
    })
    .join(',');
}

const nodeHeader = (keys: string[]) => csvRow(['Id', 'Label', 'type', 'date', ...keys]);
const nodeLine = (n: ViewNode, keys: string[]) => csvRow([n.id, n.name, n.type, n.date, ...keys.map((k) => n.properties[k])]);
const edgeHeader = (keys: string[]) => csvRow(['Source', 'Target', 'Type', 'Id', 'Label', 'relation', 'date', ...keys]);
const edgeLine = (e: ViewEdge, keys: string[]) => csvRow([e.source, e.target, 'Directed', e.id, e.label, e.type, e.date, ...keys.map((k) => e.properties[k])]);

export function nodesCsv(nodes: ViewNode[]): string {
  const keys = propKeys(nodes).filter((k) => k !== 'id');
  return [nodeHeader(keys), ...nodes.map((n) => nodeLine(n, keys))].join('\r\n') + '\r\n';
}

export function edgesCsv(edges: ViewEdge[]): string {
  const keys = propKeys(edges);
  return [edgeHeader(keys), ...edges.map((e) => edgeLine(e, keys))].join('\r\n') + '\r\n';
}

/** The nodes table in chunks of one page each. */
export async function* nodesCsvChunks(src: ExportSource): AsyncGenerator<string> {
  const keys = src.nodeKeys.filter((k) => k !== 'id');
  yield nodeHeader(keys) + '\r\n';
  for await (const page of src.nodes()) yield page.map((n) => nodeLine(n, keys) + '\r\n').join('');
}

/** The edges table in chunks of one page each. */
export async function* edgesCsvChunks(src: ExportSource): AsyncGenerator<string> {
  yield edgeHeader(src.edgeKeys) + '\r\n';
  for await (const page of src.edges()) yield page.map((e) => edgeLine(e, src.edgeKeys) + '\r\n').join('');
}
