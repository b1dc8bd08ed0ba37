import { edgeLookOf, lookOf } from './node-types.js';

/**
 * The legend draws what the canvas draws: each node type's shape in its colour, each edge type's
 * line (dashed where the canvas dashes it) with its arrow. Only the types on the canvas or in the
 * store are listed; clicking an entry hides or shows that type.
 */

const NS = 'http://www.w3.org/2000/svg';

function svg(width: number, height: number, ...children: SVGElement[]): SVGSVGElement {
  const s = document.createElementNS(NS, 'svg');
  s.setAttribute('width', String(width));
  s.setAttribute('height', String(height));
  s.setAttribute('viewBox', `0 0 ${width} ${height}`);
  s.setAttribute('aria-hidden', 'true');
  s.append(...children);
  return s;
}

function el(tag: string, attrs: Record<string, string | number>): SVGElement {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

const POINTS: Record<string, string> = {
  diamond: '8,1 15,8 8,15 1,8',
  hexagon: '4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8',
  tag: '1,3 11,3 15,8 11,13 1,13',
  star: '8,1 10,6 15.5,6.2 11.2,9.6 12.8,15 8,11.8 3.2,15 4.8,9.6 0.5,6.2 6,6',
  triangle: '8,1.5 15,14.5 1,14.5',
  vee: '1,2 8,8 15,2 8,15',
};

/** The node type's shape, as Cytoscape draws it, 16 × 16. */
export function shapeIcon(type: string): SVGSVGElement {
  const look = lookOf(type);
  const paint = { fill: look.color, stroke: '#333', 'stroke-opacity': 0.4, 'stroke-width': 1 };
  let shape: SVGElement;
  if (look.shape === 'ellipse') shape = el('circle', { cx: 8, cy: 8, r: 7, ...paint });
  else if (look.shape === 'round-rectangle') shape = el('rect', { x: 1, y: 3, width: 14, height: 10, rx: 3, ...paint });
  else if (look.shape === 'rectangle') shape = el('rect', { x: 1.5, y: 3, width: 13, height: 10, ...paint });
  else shape = el('polygon', { points: POINTS[look.shape] ?? POINTS.diamond!, ...paint });
  return svg(16, 16, shape);
}

/** The edge type's line, colour and dash as on the canvas, with its arrow head. */
export function lineIcon(type: string): SVGSVGElement {
  const look = edgeLookOf(type);
  const line = el('line', { x1: 1, y1: 8, x2: type === 'CO_APPEARS' ? 27 : 21, y2: 8, stroke: look.color, 'stroke-width': type === 'CO_APPEARS' ? 4 : 2.5 });
  if (look.dashed) line.setAttribute('stroke-dasharray', '4 2');
  const parts = [line];
  if (type !== 'CO_APPEARS') parts.push(el('polygon', { points: '20,3.5 28,8 20,12.5', fill: look.color }));
  return svg(28, 16, ...parts);
}

export interface LegendEntry {
  kind: 'node' | 'edge';
  type: string;
  count?: number;
}

export function renderLegend(root: HTMLElement, entries: LegendEntry[], hidden: { nodes: Set<string>; edges: Set<string> }, onToggle: (e: LegendEntry) => void): void {
  root.replaceChildren();
  for (const e of entries) {
    const li = document.createElement('li');
    const off = e.kind === 'node' ? hidden.nodes.has(e.type) : hidden.edges.has(e.type);
    li.className = `legend-${e.kind}${off ? ' off' : ''}`;
    li.dataset.type = e.type;
    li.title = `${off ? 'Show' : 'Hide'} ${e.kind === 'node' ? 'nodes' : 'edges'} of this type`;
    const text = document.createElement('span');
    text.textContent = e.kind === 'node' ? e.type : edgeLookOf(e.type).label;
    li.append(e.kind === 'node' ? shapeIcon(e.type) : lineIcon(e.type), text);
    li.addEventListener('click', () => onToggle(e));
    root.append(li);
  }
}
