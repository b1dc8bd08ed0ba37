/**
 * How each node and edge type looks: one shape and colour per node type, one colour (and dash)
 * per edge type, shared by the canvas style, the legend, the hover card and the search tags.
 * Unknown types fall back to grey.
 */
export interface TypeLook {
  shape: string;
  color: string;
}

const LOOKS: Record<string, TypeLook> = {
  Person: { shape: 'ellipse', color: '#2e86de' },
  Organization: { shape: 'round-rectangle', color: '#27ae60' },
  Conference: { shape: 'diamond', color: '#e67e22' },
  Locality: { shape: 'hexagon', color: '#8e44ad' },
  Article: { shape: 'rectangle', color: '#7f8c8d' },
  Position: { shape: 'tag', color: '#d4ac0d' },
  Award: { shape: 'star', color: '#c0392b' },
  Mention: { shape: 'triangle', color: '#b2bec3' },
  Name: { shape: 'vee', color: '#b2bec3' },
};

const FALLBACK: TypeLook = { shape: 'ellipse', color: '#95a5a6' };

export function lookOf(type: string): TypeLook {
  return LOOKS[type] ?? FALLBACK;
}

export interface EdgeLook {
  color: string;
  /** What the legend and the hover card call it. */
  label: string;
  dashed?: boolean;
}

/** The roles first (what analysts read off the canvas), then the structure. */
const EDGE_LOOKS: Record<string, EdgeLook> = {
  CHAIRED: { color: '#d62728', label: 'chaired' },
  DIRECTED: { color: '#9467bd', label: 'directed' },
  SPOKE_AT: { color: '#17becf', label: 'spoke' },
  REPORTED_AT: { color: '#1f77b4', label: 'reported' },
  ATTENDED: { color: '#8c8c8c', label: 'attended' },
  AWARDED: { color: '#e6a700', label: 'awarded' },
  CO_APPEARS: { color: '#ff7f0e', label: 'seen together (×n)' },
  SUCCEEDED: { color: '#222222', label: 'succeeded', dashed: true },
  HELD: { color: '#a0522d', label: 'held post' },
  RECEIVED: { color: '#f0c75e', label: 'received award' },
  ORGANIZED: { color: '#2ca02c', label: 'organized' },
  OF: { color: '#98df8a', label: 'post of body' },
  HELD_IN: { color: '#c5b0d5', label: 'held in' },
  LOCATED_IN: { color: '#d7c4e8', label: 'located in' },
  MERGED_INTO: { color: '#6c3483', label: 'merged into', dashed: true },
  COVERS: { color: '#bdc3c7', label: 'report covers' },
  REFERS_TO: { color: '#cfd8dc', label: 'mention refers to', dashed: true },
  NAMED: { color: '#dfe6e9', label: 'mention named', dashed: true },
};

export const EDGE_ORDER = Object.keys(EDGE_LOOKS);

export function edgeLookOf(type: string): EdgeLook {
  return EDGE_LOOKS[type] ?? { color: '#b8b8b8', label: type.toLowerCase() };
}
