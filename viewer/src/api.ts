import type {
  ApiError,
  CatalogEntry,
  CypherResponse,
  GraphSlice,
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

export const api = {
  stats: () => getJson<StatsResponse>('/api/stats'),
  search: (q: string) => getJson<SearchResponse>(`/api/search?q=${enc(q)}`),
  overview: (limit: number) => getJson<GraphSlice>(`/api/graph?limit=${limit}`),
  neighbours: (id: string, limit: number) =>
    getJson<GraphSlice>(`/api/nodes/${enc(id)}/neighbours?limit=${limit}`),
  detail: (id: string) => getJson<NodeDetail>(`/api/nodes/${enc(id)}`),
  catalog: () => getJson<CatalogEntry[]>('/api/queries'),
  cypher: (query: string) =>
    getJson<CypherResponse>('/api/cypher', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    }),
};
