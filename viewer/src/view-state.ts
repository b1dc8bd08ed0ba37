/**
 * What a shared link restores. The readable part lives in the query string: the selected node and
 * the filters (?node=…&hideTypes=…&hideEdges=…&from=…&to=…&mentions=1&unfold=…). The canvas — every
 * drawn node with its position, the ego views drawn, the zoom and pan — rides in the fragment
 * (#c=…, deflated JSON in base64url), so the link brings back exactly what was on the screen.
 */
export interface ViewState {
  node: string | null;
  hiddenNodeTypes: Set<string>;
  hiddenEdgeTypes: Set<string>;
  from: string | null;
  to: string | null;
  /** Show resolution bookkeeping (mentions, names) when expanding. */
  mentions: boolean;
  /** Types the overview unfolds (posts, bodies, articles, awards, places). */
  unfold: Set<string>;
}

/** The canvas part of a view. */
export interface CanvasView {
  /** [id, x, y] per drawn node. */
  nodes: [string, number, number][];
  /** Drawn edges by id (`TYPE:source:target[:key]`, as the API makes them). */
  edges: string[];
  /** People whose ego view (co-appearance edges) is drawn. */
  ego: string[];
  zoom: number;
  pan: { x: number; y: number };
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
    mentions: p.get('mentions') === '1',
    unfold: list(p.get('unfold')),
  };
}

export function viewQuery(s: ViewState): string {
  const p = new URLSearchParams();
  if (s.node) p.set('node', s.node);
  if (s.hiddenNodeTypes.size) p.set('hideTypes', [...s.hiddenNodeTypes].sort().join(','));
  if (s.hiddenEdgeTypes.size) p.set('hideEdges', [...s.hiddenEdgeTypes].sort().join(','));
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.mentions) p.set('mentions', '1');
  if (s.unfold.size) p.set('unfold', [...s.unfold].sort().join(','));
  const qs = p.toString();
  return qs ? `?${qs}` : '';
}

// ---- the canvas in the fragment ------------------------------------------------------------

const b64url = (bytes: Uint8Array): string => {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};
const unb64url = (s: string): Uint8Array => {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
};

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** `c=` + 'z' + the canvas deflated (CompressionStream) in base64url, or 'j' + plain JSON in base64url where the browser cannot deflate. */
export async function encodeCanvas(v: CanvasView): Promise<string> {
  // Edges name their ends by position in the node list: an id appears once in the fragment.
  const index = new Map(v.nodes.map(([id], i) => [id, i]));
  const edges = v.edges.flatMap((id) => {
    const [type, source, target, ...key] = id.split(':');
    const a = index.get(source ?? '');
    const b = index.get(target ?? '');
    return type && a !== undefined && b !== undefined ? [[type, a, b, ...(key.length ? [key.join(':')] : [])]] : [];
  });
  const json = new TextEncoder().encode(JSON.stringify({ v: 1, n: v.nodes, r: edges, e: v.ego, z: round(v.zoom, 3), p: [Math.round(v.pan.x), Math.round(v.pan.y)] }));
  if (typeof CompressionStream === 'function') return `c=z${b64url(await pipe(json, new CompressionStream('deflate-raw')))}`;
  return `c=j${b64url(json)}`;
}

/** The canvas of a `#c=…` fragment, or null when there is none or it cannot be read. */
export async function decodeCanvas(hash: string): Promise<CanvasView | null> {
  const m = /(?:^#?|&)c=([zj])([A-Za-z0-9_-]+)/.exec(hash);
  if (!m) return null;
  try {
    const bytes = m[1] === 'j' ? unb64url(m[2]!) : await pipe(unb64url(m[2]!), new DecompressionStream('deflate-raw'));
    const o = JSON.parse(new TextDecoder().decode(bytes)) as { v?: number; n?: unknown; r?: unknown; e?: unknown; z?: unknown; p?: unknown };
    if (o.v !== 1 || !Array.isArray(o.n)) return null;
    const nodes = o.n.filter((x): x is [string, number, number] => Array.isArray(x) && typeof x[0] === 'string' && Number.isFinite(x[1]) && Number.isFinite(x[2]));
    const edges = (Array.isArray(o.r) ? o.r : []).flatMap((x: unknown) => {
      if (!Array.isArray(x) || typeof x[0] !== 'string') return [];
      const a = nodes[Number(x[1])]?.[0];
      const b = nodes[Number(x[2])]?.[0];
      return a && b ? [[x[0], a, b, ...(typeof x[3] === 'string' ? [x[3]] : [])].join(':')] : [];
    });
    const pan = Array.isArray(o.p) && o.p.length === 2 ? { x: Number(o.p[0]), y: Number(o.p[1]) } : { x: 0, y: 0 };
    return { nodes, edges, ego: Array.isArray(o.e) ? o.e.filter((x): x is string => typeof x === 'string') : [], zoom: Number(o.z) || 1, pan };
  } catch {
    return null;
  }
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Writes the view into the address bar (replaceState: views change often and should not flood the back button). */
export function writeUrl(s: ViewState, canvasFragment: string): void {
  const url = `${location.pathname}${viewQuery(s)}${canvasFragment ? `#${canvasFragment}` : ''}`;
  history.replaceState(null, '', url);
}

// ---- saved views ---------------------------------------------------------------------------

export interface SavedView {
  name: string;
  /** The query string and fragment of the view. */
  url: string;
  savedAt: string;
}

const KEY = 'viewer.savedViews';

export function savedViews(): SavedView[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is SavedView => typeof x?.name === 'string' && typeof x?.url === 'string') : [];
  } catch {
    return [];
  }
}

export function saveView(name: string, url: string): SavedView[] {
  const views = savedViews().filter((v) => v.name !== name);
  views.unshift({ name, url, savedAt: new Date().toISOString() });
  localStorage.setItem(KEY, JSON.stringify(views.slice(0, 50)));
  return views;
}

export function deleteView(name: string): SavedView[] {
  const views = savedViews().filter((v) => v.name !== name);
  localStorage.setItem(KEY, JSON.stringify(views));
  return views;
}
