import type cytoscape from 'cytoscape';
import type { ViewState } from './view-state.js';

/**
 * Hides what the filters exclude: node types, edge types, and dated elements outside the date
 * range (conferences, articles and role edges carry a date; undated elements are never hidden by it).
 */
export function applyFilters(cy: cytoscape.Core, s: ViewState): void {
  const outside = (date: unknown): boolean =>
    typeof date === 'string' && date !== '' && ((s.from !== null && date < s.from) || (s.to !== null && date > s.to));
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      n.toggleClass('filtered', s.hiddenNodeTypes.has(n.data('type') as string) || outside(n.data('date')));
    });
    cy.edges().forEach((e) => {
      e.toggleClass('filtered', s.hiddenEdgeTypes.has(e.data('type') as string) || outside(e.data('date')));
    });
  });
}
