import type { GraphValue, QueryResult } from './store.js';

/**
 * Query results as a text table for the terminal: nodes print as `(Label name)`, relationships as
 * `-[TYPE]->`, paths as the chain of their nodes; long cells are cut.
 */

const MAX_CELL = 80;

export function cellText(v: GraphValue): string {
  if (v === null) return '';
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[${v.map(cellText).join(', ')}]`;
  if ('_kind' in v) {
    if (v._kind === 'node') {
      const p = v.properties as Record<string, GraphValue>;
      return `(${String(v.label)} ${cellText(p.name ?? p.title ?? p.file ?? v.id as GraphValue)})`;
    }
    if (v._kind === 'rel') return `-[${String(v.type)}]->`;
    if (v._kind === 'path') {
      const nodes = v.nodes as unknown as GraphValue[];
      const rels = v.rels as unknown as { type: string }[];
      return nodes.map((n, i) => (i === 0 ? cellText(n) : `-[${rels[i - 1]?.type ?? ''}]- ${cellText(n)}`)).join(' ');
    }
  }
  return JSON.stringify(v);
}

function cut(s: string, width: number): string {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

export function formatTable(res: QueryResult, maxCell = MAX_CELL): string {
  const cols = res.columns.length > 0 ? res.columns : Object.keys(res.rows[0] ?? {});
  const cells = res.rows.map((r) => cols.map((c) => cut(cellText(r[c] ?? null), maxCell)));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (xs: string[]) => `| ${xs.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  const sep = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const out = [line(cols), sep, ...cells.map(line)];
  out.push(`(${res.rows.length} row${res.rows.length === 1 ? '' : 's'}${res.truncated ? ', truncated' : ''})`);
  return out.join('\n');
}
