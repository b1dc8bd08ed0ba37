import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { GraphSlice, ViewEdge, ViewNode } from '../shared/api-types.js';
import { canvasStyle } from './canvas-style.js';

cytoscape.use(fcose);

/** At most this many nodes are drawn; the rest are counted in 'showing N of M'. */
export const MAX_DRAWN_NODES = 2000;
/** Above this many elements Cytoscape's cheaper rendering paths are switched on. */
const BIG_GRAPH = 800;

export interface Canvas {
  cy: cytoscape.Core;
  /** Adds a slice; returns the ids of the nodes that were new. `anchor` keeps a layout local. */
  add(slice: GraphSlice, anchor?: string): string[];
  clear(): void;
  /** Nodes the store holds in total (for 'showing N of M'). */
  setTotal(total: number): void;
  summary(): string;
  fit(): void;
  zoom(factor: number): void;
  registerTypes(types: string[]): void;
}

export function createCanvas(container: HTMLElement): Canvas {
  const cy = cytoscape({
    container,
    style: canvasStyle([]),
    wheelSensitivity: 0.3,
    minZoom: 0.05,
    maxZoom: 4,
    // Performance: a fixed pixel ratio and no motion blur keep redraws cheap on big views.
    pixelRatio: 1,
    motionBlur: false,
    boxSelectionEnabled: false,
  });
  // Cytoscape caches its container size; panels around it change size, so keep it told.
  new ResizeObserver(() => cy.resize()).observe(container);
  let total = 0;
  let skipped = 0;
  const known = new Set<string>();

  const registerTypes = (types: string[]): void => {
    let changed = false;
    for (const t of types) if (!known.has(t)) (known.add(t), (changed = true));
    if (changed) cy.style(canvasStyle([...known]));
  };

  const tuneForSize = (): void => {
    const big = cy.elements().length > BIG_GRAPH;
    // Hiding edges while panning and a texture while zooming keep thousands of nodes smooth.
    const r = (cy as unknown as { renderer(): unknown }).renderer() as { hideEdgesOnViewport: boolean; textureOnViewport: boolean };
    r.hideEdgesOnViewport = big;
    r.textureOnViewport = big;
    cy.edges().toggleClass('directed', !big);
  };

  const runLayout = (eles: cytoscape.Collection, anchor: cytoscape.NodeSingular | null): void => {
    if (eles.nodes().length === 0) return;
    const opts = {
      name: 'fcose',
      animate: false,
      quality: 'default',
      // Only the new part moves: the anchor is pinned, so nodes already placed stay put.
      randomize: anchor === null,
      fit: false,
      nodeRepulsion: 6000,
      idealEdgeLength: 80,
      nodeDimensionsIncludeLabels: false,
      fixedNodeConstraint: anchor ? [{ nodeId: anchor.id(), position: { ...anchor.position() } }] : undefined,
    };
    eles.layout(opts as unknown as cytoscape.LayoutOptions).run();
  };

  const add = (slice: GraphSlice, anchorId?: string): string[] => {
    registerTypes([...slice.nodes.map((n) => n.type)]);
    const anchor = anchorId ? cy.getElementById(anchorId) : null;
    const anchorNode = anchor && anchor.nonempty() && anchor.isNode() ? anchor : null;
    const centre = anchorNode?.position() ?? { x: 0, y: 0 };
    const fresh: ViewNode[] = [];
    for (const n of slice.nodes) {
      if (cy.getElementById(n.id).nonempty()) continue;
      if (cy.nodes().length + fresh.length >= MAX_DRAWN_NODES) {
        skipped++;
        continue;
      }
      fresh.push(n);
    }
    const wasEmpty = cy.nodes().length === 0;
    const step = (2 * Math.PI) / Math.max(fresh.length, 1);
    let added = cy.collection();
    cy.batch(() => {
      const nodes = cy.add(
        fresh.map((n, i) => ({
          group: 'nodes' as const,
          data: { ...flat(n.properties), id: n.id, type: n.type, name: n.name, date: n.date },
          // New neighbours start on a ring round the node they hang off, so the layout only refines.
          position: { x: centre.x + 120 * Math.cos(step * i), y: centre.y + 120 * Math.sin(step * i) },
        })),
      );
      const edges = slice.edges.filter(
        (e) => cy.getElementById(e.id).empty() && cy.getElementById(e.source).nonempty() && cy.getElementById(e.target).nonempty(),
      );
      added = nodes.union(cy.add(edges.map(edgeElement)));
    });
    tuneForSize();
    if (wasEmpty || !anchorNode) {
      runLayout(wasEmpty ? cy.elements() : added, null);
      if (wasEmpty) cy.fit(undefined, 30);
    } else {
      runLayout(added.union(anchorNode).union(added.connectedEdges()), anchorNode);
    }
    return fresh.map((n) => n.id);
  };

  return {
    cy,
    add,
    clear: () => {
      cy.elements().remove();
      skipped = 0;
    },
    setTotal: (n) => {
      total = n;
    },
    summary: () => {
      const drawn = cy.nodes().length;
      const m = Math.max(total, drawn);
      const capped = skipped > 0 ? ` — capped at ${MAX_DRAWN_NODES}, ${skipped} not drawn` : '';
      return `showing ${drawn} of ${m} nodes${capped}`;
    },
    fit: () => {
      // A running centring animation would undo the fit, so finish it first.
      cy.stop(true, true);
      cy.fit(cy.elements(':visible'), 30);
    },
    zoom: (f) => cy.zoom({ level: cy.zoom() * f, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }),
    registerTypes,
  };
}

function edgeElement(e: ViewEdge): cytoscape.ElementDefinition {
  return {
    group: 'edges',
    data: { ...flat(e.properties), id: e.id, source: e.source, target: e.target, type: e.type, label: e.label, date: e.date },
  };
}

/** Cytoscape data must not clobber id/source/target; properties go under a prefix. */
function flat(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) out[`p_${k}`] = v;
  return out;
}
