import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { GraphSlice, ViewEdge, ViewNode } from '../shared/api-types.js';
import { canvasStyle, HUB_LABEL_PX } from './canvas-style.js';

cytoscape.use(fcose);

/** At most this many nodes are drawn; the rest are counted in 'showing N of M'. */
export const MAX_DRAWN_NODES = 2000;
/** Above this many elements Cytoscape's cheaper rendering paths are switched on. */
const BIG_GRAPH = 800;
/** The best-connected nodes on the canvas whose labels stay readable at any zoom. */
const HUBS = 30;
/** Space between what is on the canvas and a new result placed beside it. */
const GAP = 120;

export interface Placed {
  id: string;
  x: number;
  y: number;
}

export interface Canvas {
  cy: cytoscape.Core;
  /**
   * Adds a slice; returns the ids of the nodes that were new. `anchor` keeps the layout local to
   * that node; without one, a result that does not touch what is drawn is laid out beside it.
   * `positions` places the nodes exactly (a saved view coming back) and skips the layout.
   */
  add(slice: GraphSlice, opts?: { anchor?: string; positions?: Map<string, { x: number; y: number }> }): string[];
  clear(): void;
  /** Nodes the store holds in total (for 'showing N of M'). */
  setTotal(total: number): void;
  total(): number;
  /** Nodes a cap kept off the canvas. */
  skipped(): number;
  fit(): void;
  zoom(factor: number): void;
  registerTypes(types: string[], edgeTypes?: string[]): void;
  /** Every drawn node with its position (the saved view). */
  placed(): Placed[];
}

export function createCanvas(container: HTMLElement): Canvas {
  const cy = cytoscape({
    container,
    style: canvasStyle([], []),
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
  const knownEdges = new Set<string>();

  const registerTypes = (types: string[], edgeTypes: string[] = []): void => {
    let changed = false;
    for (const t of types) if (!known.has(t)) (known.add(t), (changed = true));
    for (const t of edgeTypes) if (!knownEdges.has(t)) (knownEdges.add(t), (changed = true));
    if (changed) {
      cy.style(canvasStyle([...known], [...knownEdges]));
      sizeHubLabels();
    }
  };

  /** Hub labels keep HUB_LABEL_PX on screen: their font grows as the view zooms out. */
  const sizeHubLabels = (): void => {
    const z = cy.zoom();
    const px = Math.min(60, Math.max(11, HUB_LABEL_PX / z));
    cy.batch(() => cy.nodes('.hub').style({ 'font-size': px, 'text-max-width': `${Math.round(Math.max(140, 170 / z))}px` }));
  };
  let zoomFrame = 0;
  cy.on('zoom', () => {
    if (zoomFrame) return;
    zoomFrame = requestAnimationFrame(() => {
      zoomFrame = 0;
      sizeHubLabels();
    });
  });

  const markHubs = (): void => {
    const nodes = cy.nodes();
    nodes.removeClass('hub').removeStyle('font-size text-max-width');
    const ranked = nodes.sort((a, b) => b.degree(false) - a.degree(false) || (a.id() < b.id() ? -1 : 1));
    ranked.slice(0, HUBS).addClass('hub');
    sizeHubLabels();
  };

  const tuneForSize = (): void => {
    const big = cy.elements().length > BIG_GRAPH;
    // Hiding edges while panning and a texture while zooming keep thousands of nodes smooth.
    const r = (cy as unknown as { renderer(): unknown }).renderer() as { hideEdgesOnViewport: boolean; textureOnViewport: boolean };
    r.hideEdgesOnViewport = big;
    r.textureOnViewport = big;
    cy.edges().toggleClass('directed', !big);
  };

  const layoutOpts = (extra: Record<string, unknown>) =>
    ({
      name: 'fcose',
      animate: false,
      quality: 'default',
      fit: false,
      nodeRepulsion: 6000,
      idealEdgeLength: 80,
      nodeDimensionsIncludeLabels: false,
      ...extra,
    }) as unknown as cytoscape.LayoutOptions;

  /** Lays out `eles` on their own, then moves them so they sit to the right of `beside`. */
  const placeBeside = (eles: cytoscape.Collection, beside: cytoscape.NodeCollection): void => {
    if (eles.nodes().length === 0) return;
    eles.layout(layoutOpts({ randomize: true })).run();
    const old = beside.boundingBox({});
    const mine = eles.nodes().boundingBox({});
    const dx = old.x2 + GAP - mine.x1;
    const dy = (old.y1 + old.y2) / 2 - (mine.y1 + mine.y2) / 2;
    eles.nodes().positions((n) => ({ x: n.position('x') + dx, y: n.position('y') + dy }));
  };

  const add: Canvas['add'] = (slice, opts = {}) => {
    registerTypes(
      slice.nodes.map((n) => n.type),
      slice.edges.map((e) => e.type),
    );
    const anchor = opts.anchor ? cy.getElementById(opts.anchor) : null;
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
    const before = cy.nodes();
    const wasEmpty = before.length === 0;
    const step = (2 * Math.PI) / Math.max(fresh.length, 1);
    let added = cy.collection();
    cy.batch(() => {
      const nodes = cy.add(
        fresh.map((n, i) => ({
          group: 'nodes' as const,
          data: { ...flat(n.properties), id: n.id, type: n.type, name: n.name, date: n.date, facts: n.facts ?? [] },
          // New neighbours start on a ring round the node they hang off, so the layout only refines.
          position: opts.positions?.get(n.id) ?? { x: centre.x + 120 * Math.cos(step * i), y: centre.y + 120 * Math.sin(step * i) },
        })),
      );
      const edges = slice.edges.filter(
        (e) => cy.getElementById(e.id).empty() && cy.getElementById(e.source).nonempty() && cy.getElementById(e.target).nonempty(),
      );
      added = nodes.union(cy.add(edges.map(edgeElement)));
    });
    tuneForSize();
    if (opts.positions) {
      // A saved view: positions as they were, no layout.
    } else if (wasEmpty) {
      cy.elements().layout(layoutOpts({ randomize: true })).run();
      cy.fit(undefined, 30);
    } else if (anchorNode) {
      added
        .union(anchorNode)
        .union(added.connectedEdges())
        .layout(layoutOpts({ randomize: false, fixedNodeConstraint: [{ nodeId: anchorNode.id(), position: { ...anchorNode.position() } }] }))
        .run();
    } else {
      const newNodes = added.nodes();
      const touching = newNodes.neighborhood().nodes().filter((n) => before.contains(n)).nodes();
      if (touching.empty()) placeBeside(added, before);
      else {
        // Joined to what is drawn: those nodes stay where they are, the new ones settle round them.
        const fixed = touching.map((n) => ({ nodeId: n.id(), position: { ...n.position() } }));
        const at = { ...touching[0]!.position() };
        newNodes.positions(() => ({ ...at }));
        added.union(touching).union(added.connectedEdges()).layout(layoutOpts({ randomize: true, fixedNodeConstraint: fixed })).run();
      }
    }
    markHubs();
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
    total: () => total,
    skipped: () => skipped,
    fit: () => {
      // A running centring animation would undo the fit, so finish it first.
      cy.stop(true, true);
      cy.fit(cy.elements(':visible'), 30);
    },
    zoom: (f) => cy.zoom({ level: cy.zoom() * f, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }),
    registerTypes,
    placed: () => cy.nodes().map((n) => ({ id: n.id(), x: Math.round(n.position('x')), y: Math.round(n.position('y')) })),
  };
}

function edgeElement(e: ViewEdge): cytoscape.ElementDefinition {
  return {
    group: 'edges',
    data: { ...flat(e.properties), id: e.id, source: e.source, target: e.target, type: e.type, label: e.label, date: e.date, weight: Number(e.properties.weight ?? 1) },
  };
}

/** Cytoscape data must not clobber id/source/target; properties go under a prefix. */
function flat(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) out[`p_${k}`] = v;
  return out;
}
