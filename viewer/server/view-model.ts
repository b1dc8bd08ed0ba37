import { parseEvidencePointer } from '../../graph/ids.js';
import type { GraphNode, GraphRel, GraphValue } from '../../graph/store.js';
import { stableId } from '../../graph/ids.js';
import { EDGE_OF_ROLE, EDGES, type EdgeType, NODE_LABELS } from '../../graph/schema.js';
import type { Source, ViewEdge, ViewNode } from '../shared/api-types.js';

/**
 * Turns the store's nodes and relationships into what the page draws: a display name per label,
 * a date for the date filter, an edge label per relation (the role, for the role edges).
 */

/**
 * Node labels by stable-id prefix, so a lookup by id can name its label. graph/ids.ts keeps its
 * prefix table private, so the prefixes are read off ids it makes: `stableId(label)` is
 * `<prefix>_<hash>` for every label of the schema.
 */
const LABEL_BY_PREFIX: Record<string, string> = Object.fromEntries(NODE_LABELS.map((label) => [stableId(label).split('_', 1)[0]!, label]));

export function labelOfId(id: string): string | null {
  return LABEL_BY_PREFIX[id.split('_', 1)[0] ?? ''] ?? null;
}

/** The role edges a person has to a conference, keyed by the role name the page shows. */
export const ROLE_OF_EDGE: Record<string, string> = Object.fromEntries(Object.entries(EDGE_OF_ROLE).map(([role, edge]) => [edge, role]));

/** How each relation reads on the canvas. */
const EDGE_LABELS: Record<string, string> = {
  ...ROLE_OF_EDGE,
  RECEIVED: 'received',
  HELD: 'held',
  OF: 'of',
  ORGANIZED: 'organized',
  HELD_IN: 'held in',
  LOCATED_IN: 'in',
  MERGED_INTO: 'merged into',
  COVERS: 'covers',
};



const str = (v: GraphValue | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function displayName(label: string, p: Record<string, GraphValue>, id: string): string {
  switch (label) {
    case 'Conference':
      return str(p.title) ?? `Hội nghị ${str(p.date) ?? ''}`.trim();
    case 'Article':
      return str(p.headline) ?? str(p.file) ?? id;
    case 'Position':
      return str(p.text) ?? str(p.title) ?? id;
    default:
      return str(p.name) ?? str(p.title) ?? id;
  }
}

export function nodeDate(label: string, p: Record<string, GraphValue>): string | null {
  if (label === 'Conference') return str(p.date);
  if (label === 'Article') return str(p.eventDate) ?? str(p.publishedDate);
  return null;
}

export function toViewNode(n: GraphNode): ViewNode {
  return {
    id: n.id,
    type: n.label,
    name: displayName(n.label, n.properties, n.id),
    date: nodeDate(n.label, n.properties),
    properties: n.properties,
  };
}

/** Per edge type, the properties that are part of its key (graph/schema.ts, merge rule 'key'): AWARDED's awardId, RECEIVED's conferenceId. */
const KEY_PROPS: Record<string, string[]> = Object.fromEntries(
  (Object.keys(EDGES) as EdgeType[]).map((t) => [t, Object.entries(EDGES[t].props as Record<string, { merge: string }>).filter(([, d]) => d.merge === 'key').map(([k]) => k)]),
);

/** A stable edge id: type, ends, and the key properties that tell parallel edges apart. */
export function edgeId(r: GraphRel): string {
  const keys = (KEY_PROPS[r.type] ?? []).map((k) => str(r.properties[k]) ?? '').filter(Boolean);
  return [r.type, r.source, r.target, ...keys].join(':');
}

/**
 * `dates` gives the date of nodes already known (conferences), so a role edge takes its
 * conference's date and the date filter can hide it.
 */
export function toViewEdge(r: GraphRel, dates: Map<string, string | null> = new Map()): ViewEdge {
  const own = str(r.properties.lastSeen) ?? str(r.properties.asOf) ?? str(r.properties.date);
  const award = r.type === 'AWARDED' ? str(r.properties.award) : null;
  return {
    id: edgeId(r),
    type: r.type,
    source: r.source,
    target: r.target,
    label: award ? `awarded: ${award}` : (EDGE_LABELS[r.type] ?? r.type.toLowerCase()),
    date: own ?? dates.get(r.target) ?? dates.get(r.source) ?? null,
    properties: r.properties,
  };
}

/** The articles a fact edge cites: its evidence pointers' articles (`art_…#n`) and its `sources` (ids). */
export function citedArticles(props: Record<string, GraphValue>): string[] {
  const out: string[] = [];
  for (const e of Array.isArray(props.evidence) ? props.evidence : []) {
    const p = typeof e === 'string' ? parseEvidencePointer(e) : null;
    if (p) out.push(p.article);
  }
  for (const s of Array.isArray(props.sources) ? props.sources : []) if (typeof s === 'string' && s) out.push(s);
  return out;
}

/** The sightings of a fact edge (`evidence`: pointers into its articles' sentences), falling back to its `sources`. */
export function sourcesOf(props: Record<string, GraphValue>, articles: Map<string, ArticleInfo>): Source[] {
  const out: Source[] = [];
  const seen = new Set<string>();
  const evidence = Array.isArray(props.evidence) ? props.evidence : [];
  for (const e of evidence) {
    const p = typeof e === 'string' ? parseEvidencePointer(e) : null;
    if (!p) continue; // a malformed sighting is skipped rather than failing the whole panel
    const art = articles.get(p.article);
    let sentence: string | null = null;
    try {
      const raw = art?.sentences[p.sentence];
      sentence = raw ? ((JSON.parse(raw) as { text?: string }).text ?? null) : null;
    } catch {
      sentence = null;
    }
    out.push({ sentence, article: art?.file ?? p.article, headline: art?.headline ?? null });
    seen.add(p.article);
  }
  const sources = Array.isArray(props.sources) ? props.sources : [];
  for (const s of sources) {
    if (typeof s !== 'string' || seen.has(s)) continue;
    const art = articles.get(s);
    if (art && seen.has(art.file)) continue;
    out.push({ sentence: null, article: art?.file ?? s, headline: art?.headline ?? null });
  }
  return out;
}

export interface ArticleInfo {
  id: string;
  file: string;
  headline: string | null;
  date: string | null;
  /** The article's `sentences` entries (JSON {text, start, end}), which evidence points into. */
  sentences: string[];
}
