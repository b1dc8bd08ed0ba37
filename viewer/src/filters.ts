import type cytoscape from 'cytoscape';
import type { ViewState } from './view-state.js';

/** What the filters hid, to be said next to them. */
export interface FilterSummary {
  /** Nodes hidden for their type, by type. */
  byType: Record<string, number>;
  /** Nodes hidden for their date (conferences, articles outside the range). */
  byDate: number;
  /** Nodes left without a visible connection by the filters (people of hidden conferences ...). */
  orphans: number;
  /** Edges hidden (their type, their date, or an end hidden). */
  edges: number;
  /** The selected node would have been hidden, and is kept. */
  keptSelected: boolean;
  /** Nodes visible, and on the canvas. */
  visible: number;
  drawn: number;
}

/**
 * Hides what the filters exclude: node types, edge types, and dated elements outside the date
 * range (conferences, articles and dated edges; undated ones are never hidden by it). A node that
 * had connections on the canvas and has none left visible goes too, so a filter leaves no orphans
 * behind, and is counted as such. The selected node always stays visible.
 */
export function applyFilters(cy: cytoscape.Core, s: ViewState): FilterSummary {
  const outside = (date: unknown): boolean =>
    typeof date === 'string' && date !== '' && ((s.from !== null && date < s.from) || (s.to !== null && date > s.to));
  const summary: FilterSummary = { byType: {}, byDate: 0, orphans: 0, edges: 0, keptSelected: false, visible: 0, drawn: cy.nodes().length };
  cy.batch(() => {
    const hidden = new Set<string>();
    cy.nodes().forEach((n) => {
      if (n.id() === s.node) return;
      const type = n.data('type') as string;
      if (s.hiddenNodeTypes.has(type)) {
        hidden.add(n.id());
        summary.byType[type] = (summary.byType[type] ?? 0) + 1;
      } else if (outside(n.data('date'))) {
        hidden.add(n.id());
        summary.byDate++;
      }
    });
    const selected = s.node ? cy.getElementById(s.node) : null;
    if (selected?.nonempty() && (s.hiddenNodeTypes.has(selected.data('type') as string) || outside(selected.data('date')))) summary.keptSelected = true;
    const edgeHidden = (e: cytoscape.EdgeSingular): boolean =>
      s.hiddenEdgeTypes.has(e.data('type') as string) || outside(e.data('date')) || hidden.has(e.source().id()) || hidden.has(e.target().id());
    const hiddenEdges = new Set<string>();
    cy.edges().forEach((e) => {
      if (edgeHidden(e)) hiddenEdges.add(e.id());
    });
    // Orphans: connected on the canvas, but every connection is now hidden.
    cy.nodes().forEach((n) => {
      if (hidden.has(n.id()) || n.id() === s.node) return;
      const edges = n.connectedEdges();
      if (edges.length > 0 && edges.toArray().every((e) => hiddenEdges.has(e.id()))) {
        hidden.add(n.id());
        summary.orphans++;
      }
    });
    cy.nodes().forEach((n) => {
      n.toggleClass('filtered', hidden.has(n.id()));
    });
    cy.edges().forEach((e) => {
      const off = hiddenEdges.has(e.id()) || hidden.has(e.source().id()) || hidden.has(e.target().id());
      e.toggleClass('filtered', off);
      if (off) summary.edges++;
    });
    summary.visible = summary.drawn - hidden.size;
  });
  return summary;
}

/** One line on what the filters hide ('' when they hide nothing). */
export function describeFilters(f: FilterSummary): string {
  const parts: string[] = [];
  for (const [type, n] of Object.entries(f.byType)) parts.push(`${n} ${type}`);
  if (f.byDate) parts.push(`${f.byDate} outside the dates`);
  if (f.orphans) parts.push(`${f.orphans} left without a visible connection`);
  if (f.edges) parts.push(`${f.edges} edges`);
  let text = parts.length ? `Filters hide ${parts.join(', ')}.` : '';
  if (f.keptSelected) text += `${text ? ' ' : ''}The selected node is kept visible.`;
  return text;
}
