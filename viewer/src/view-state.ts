/**
 * What a shared link restores: the selected node and the filters. Kept in the query string
 * (?node=…&hideTypes=…&hideEdges=…&from=…&to=…) so a copied URL reopens the same view.
 */
export interface ViewState {
  node: string | null;
  hiddenNodeTypes: Set<string>;
  hiddenEdgeTypes: Set<string>;
  from: string | null;
  to: string | null;
}

const list = (v: string | null): Set<string> => new Set((v ?? '').split(',').filter(Boolean));
const isoDate = (v: string | null): string | null => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);

export function readViewState(search: string): ViewState {
  const p = new URLSearchParams(search);
  return {
    node: p.get('node') || null,
    hiddenNodeTypes: list(p.get('hideTypes')),
    hiddenEdgeTypes: list(p.get('hideEdges')),
    from: isoDate(p.get('from')),
    to: isoDate(p.get('to')),
  };
}

export function writeViewState(s: ViewState): void {
  const p = new URLSearchParams();
  if (s.node) p.set('node', s.node);
  if (s.hiddenNodeTypes.size) p.set('hideTypes', [...s.hiddenNodeTypes].join(','));
  if (s.hiddenEdgeTypes.size) p.set('hideEdges', [...s.hiddenEdgeTypes].join(','));
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  const qs = p.toString();
  // replaceState: filters change often and should not flood the back button.
  history.replaceState(null, '', qs ? `?${qs}` : location.pathname);
}
