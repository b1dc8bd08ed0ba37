import type cytoscape from 'cytoscape';

/** Saves the current view (visible elements only) as PNG or JSON; the whole graph is exported server-side. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function exportPng(cy: cytoscape.Core): void {
  download(cy.png({ output: 'blob', full: true, bg: '#ffffff', scale: 2 }), 'graph-view.png');
}

export function viewJson(cy: cytoscape.Core): { nodes: unknown[]; edges: unknown[] } {
  const visible = cy.elements(':visible');
  return {
    nodes: visible.nodes().map((n) => ({ ...n.data(), position: n.position() })),
    edges: visible.edges().map((e) => e.data()),
  };
}

export function exportJson(cy: cytoscape.Core): void {
  download(new Blob([JSON.stringify(viewJson(cy), null, 2)], { type: 'application/json' }), 'graph-view.json');
}
