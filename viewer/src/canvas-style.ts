import type cytoscape from 'cytoscape';
import { lookOf } from './node-types.js';

/** The Cytoscape stylesheet: per-type shapes and colours, role labels on edges, selection and hiding. */
export function canvasStyle(types: string[]): cytoscape.StylesheetJson {
  const perType = types.map((t) => ({
    selector: `node[type = "${t.replace(/"/g, '')}"]`,
    style: { shape: lookOf(t).shape as cytoscape.Css.NodeShape, 'background-color': lookOf(t).color },
  }));
  return [
    {
      selector: 'node',
      style: {
        label: 'data(name)',
        'font-size': 9,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-wrap': 'ellipsis',
        'text-max-width': '120px',
        width: 22,
        height: 22,
        'background-color': lookOf('').color,
        'border-width': 1,
        'border-color': '#0004',
        // Labels drop out when zoomed far out: the cheapest win for big graphs.
        'min-zoomed-font-size': 7,
      },
    },
    ...perType,
    { selector: 'node[type = "Conference"]', style: { width: 30, height: 30 } },
    {
      selector: 'edge',
      style: {
        width: 1.2,
        'line-color': '#b8b8b8',
        'target-arrow-color': '#b8b8b8',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.7,
        'curve-style': 'haystack',
        label: 'data(label)',
        'font-size': 7,
        color: '#666',
        'text-rotation': 'autorotate',
        'min-zoomed-font-size': 8,
      },
    },
    // Bezier only where arrows matter and counts are small; haystack is far cheaper for thousands.
    { selector: 'edge.directed', style: { 'curve-style': 'bezier' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#c0392b' } },
    { selector: 'edge:selected', style: { 'line-color': '#c0392b', width: 2.5 } },
    { selector: '.filtered', style: { display: 'none' } },
  ];
}
