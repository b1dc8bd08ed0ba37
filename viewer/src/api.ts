import type {
  ApiError,
  CatalogEntry,
  CypherResponse,
  EdgeDetail,
  GraphSlice,
  MovesResponse,
  NodeDetail,
  SearchResponse,
  StatsResponse,
} from '../shared/api-types.js';

/** Thin fetch wrappers over the viewer API; errors carry the server's reason. */

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = body as Partial<ApiError> | null;
    throw new Error(err?.reason ?? err?.error ?? `${res.status} ${res.statusText}`);
  }
  return body as T;
}

const enc = encodeURIComponent;
const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const list = (name: string, xs: string[]): string => (xs.length ? `&${name}=${enc(xs.join(','))}` : '');

export const api = {
  stats: () => getJson<StatsResponse>('/api/stats'),
  search: (q: string) => getJson<SearchResponse>(`/api/search?q=${enc(q)}`),
  overview: (limit: number, include: string[] = []) => getJson<GraphSlice>(`/api/graph?limit=${limit}${list('include', include)}`),
  neighbours: (id: string, limit: number, include: string[] = []) => getJson<GraphSlice>(`/api/nodes/${enc(id)}/neighbours?limit=${limit}${list('include', include)}`),
  ego: (id: string, limit: number) => getJson<GraphSlice>(`/api/nodes/${enc(id)}/ego?limit=${limit}`),
  subgraph: (ids: string[]) => getJson<GraphSlice>('/api/subgraph', post({ ids })),
  detail: (id: string) => getJson<NodeDetail>(`/api/nodes/${enc(id)}`),
  edge: (id: string) => getJson<EdgeDetail>(`/api/edge?id=${enc(id)}`),
  moves: (from: string | null, to: string | null) =>
    getJson<MovesResponse>(`/api/moves?limit=300${from ? `&from=${from}` : ''}${to ? `&to=${to}` : ''}`),
  catalog: () => getJson<CatalogEntry[]>('/api/queries'),
  cypher: (query: string, params: Record<string, unknown> = {}) => getJson<CypherResponse>('/api/cypher', post({ query, params })),
};
