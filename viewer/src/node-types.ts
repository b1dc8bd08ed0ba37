/**
 * How each node type looks: one shape and colour per type, shared by the canvas style,
 * the legend and the search result tags. Unknown types fall back to grey dots.
 */
export interface TypeLook {
  shape: string;
  color: string;
}

const LOOKS: Record<string, TypeLook> = {
  Person: { shape: 'ellipse', color: '#2e86de' },
  Organization: { shape: 'round-rectangle', color: '#27ae60' },
  Body: { shape: 'round-rectangle', color: '#27ae60' },
  Conference: { shape: 'diamond', color: '#e67e22' },
  Locality: { shape: 'hexagon', color: '#8e44ad' },
  Article: { shape: 'rectangle', color: '#7f8c8d' },
  Position: { shape: 'tag', color: '#d4ac0d' },
  Post: { shape: 'tag', color: '#d4ac0d' },
  Award: { shape: 'star', color: '#c0392b' },
};

const FALLBACK: TypeLook = { shape: 'ellipse', color: '#95a5a6' };

export function lookOf(type: string): TypeLook {
  return LOOKS[type] ?? FALLBACK;
}
