import type cytoscape from 'cytoscape';
import { EDGE_ORDER, edgeLookOf, lookOf } from './node-types.js';

/** Label size on screen, in px, that hub labels keep at any zoom. */
export const HUB_LABEL_PX = 12;

/**
 * The Cytoscape stylesheet: per-type shapes and colours, one colour per role edge, labels on a
 * light background so they stay readable over edges. Ordinary labels show once they are 8 px on
 * screen; hub labels (the best-connected nodes, class `hub`) are sized for the zoom so they are
 * readable on the overview too (canvas.ts updates their size). Edge labels show when zoomed in,
 * and always on the hovered or selected edge.
 */
export function canvasStyle(types: string[], edgeTypes: string[], zoom = 1): cytoscape.StylesheetJson {
  const perType = types.map((t) => ({
    selector: `node[type = "${t.replace(/"/g, '')}"]`,
    style: { shape: lookOf(t).shape as cytoscape.Css.NodeShape, 'background-color': lookOf(t).color },
  }));
  const perEdge = [...new Set([...EDGE_ORDER, ...edgeTypes])].map((t) => {
    const look = edgeLookOf(t);
    return {
      selector: `edge[type = "${t.replace(/"/g, '')}"]`,
      style: { 'line-color': look.color, 'target-arrow-color': look.color, 'line-style': look.dashed ? ('dashed' as const) : ('solid' as const) },
    };
  });
  const hubPx = Math.min(48, Math.max(11, HUB_LABEL_PX / zoom));
  return [
    {
      selector: 'node',
      style: {
        label: 'data(name)',
        'font-size': 11,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-wrap': 'ellipsis',
        'text-max-width': '140px',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.75,
        'text-background-padding': '1px',
        width: 22,
        height: 22,
        'background-color': lookOf('').color,
        'border-width': 1,
        'border-color': '#333333',
        'border-opacity': 0.35,
        // Labels drop out when they would be too small to read; hubs keep theirs (below).
        'min-zoomed-font-size': 8,
      },
    },
    ...perType,
    { selector: 'node[type = "Conference"]', style: { width: 30, height: 30 } },
    {
      selector: 'node.hub',
      style: { 'font-size': hubPx, 'text-max-width': `${Math.round(170 / Math.min(1, zoom))}px`, 'min-zoomed-font-size': 0, 'font-weight': 'bold', 'z-index': 10 },
    },
    {
      selector: 'edge',
      style: {
        width: 1.6,
        'line-color': '#b8b8b8',
        'target-arrow-color': '#b8b8b8',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'curve-style': 'haystack',
        'haystack-radius': 0,
        label: 'data(label)',
        'font-size': 10,
        color: '#333333',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.8,
        'min-zoomed-font-size': 10,
      },
    },
    ...perEdge,
    // Bezier only where arrows matter and counts are small; haystack is far cheaper for thousands.
    { selector: 'edge.directed', style: { 'curve-style': 'bezier' } },
    { selector: 'edge[type = "CO_APPEARS"]', style: { width: 'mapData(weight, 1, 8, 2, 9)', 'target-arrow-shape': 'none', opacity: 0.8 } },
    { selector: 'edge.hover, edge:selected', style: { 'min-zoomed-font-size': 0, 'font-size': Math.max(10, HUB_LABEL_PX / zoom), width: 3, 'z-index': 20 } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#c0392b', 'border-opacity': 1 } },
    { selector: 'edge:selected', style: { 'line-color': '#c0392b', 'target-arrow-color': '#c0392b' } },
    { selector: '.filtered', style: { display: 'none' } },
  ];
}
