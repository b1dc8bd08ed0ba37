import { parseEvidencePointer } from '../../graph/ids.js';
import type { GraphNode, GraphRel, GraphValue } from '../../graph/store.js';
import { stableId } from '../../graph/ids.js';
import { EDGE_OF_ROLE, EDGES, type EdgeType, NODE_LABELS } from '../../graph/schema.js';
import type { Source, Spell, ViewEdge, ViewNode } from '../shared/api-types.js';

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
  SUCCEEDED: 'succeeded',
  REFERS_TO: 'refers to',
  NAMED: 'named',
  CO_APPEARS: 'appears with',
};

/** Node types that are resolution bookkeeping: never drawn unless asked for. */
export const BOOKKEEPING_TYPES = ['Mention', 'Name', 'Pending'] as const;
export const isBookkeeping = (label: string): boolean => (BOOKKEEPING_TYPES as readonly string[]).includes(label);

const str = (v: GraphValue | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function displayName(label: string, p: Record<string, GraphValue>, id: string): string {
  switch (label) {
    case 'Conference':
      return str(p.title) ?? `Hội nghị ${str(p.date) ?? ''}`.trim();
    case 'Article':
      return str(p.headline) ?? str(p.file) ?? id;
    case 'Position':
      return str(p.text) ?? str(p.title) ?? id;
    case 'Mention':
      return str(p.name) ?? id;
    case 'Name':
      return str(p.key) ?? id;
    default:
      return str(p.name) ?? str(p.title) ?? id;
  }
}

export function nodeDate(label: string, p: Record<string, GraphValue>): string | null {
  if (label === 'Conference') return str(p.date);
  if (label === 'Article') return str(p.eventDate) ?? str(p.publishedDate);
  if (label === 'Mention') return str(p.date);
  return null;
}

export function toViewNode(n: GraphNode): ViewNode {
  return {
    id: n.id,
    type: n.label,
    name: displayName(n.label, n.properties, n.id),
    date: nodeDate(n.label, n.properties),
    properties: drawnProperties(n.label, n.properties),
  };
}

/**
 * What the page gets of a node's properties: all, except an article's sentence table (every
 * sentence of the report, which evidence points into), replaced by its length; the API resolves
 * the pointers it needs itself, and the canvas would otherwise carry whole reports.
 */
function drawnProperties(label: string, p: Record<string, GraphValue>): Record<string, GraphValue> {
  if (label !== 'Article' || !Array.isArray(p.sentences)) return p;
  const { sentences, ...rest } = p;
  return { ...rest, sentenceCount: (sentences as GraphValue[]).length };
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
  const status = r.type === 'HELD' ? str(r.properties.status) : null;
  return {
    id: edgeId(r),
    type: r.type,
    source: r.source,
    target: r.target,
    label: award ? `awarded: ${award}` : r.type === 'HELD' && status && status !== 'current' ? `held (${status})` : (EDGE_LABELS[r.type] ?? r.type.toLowerCase()),
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
    out.push({ sentence, article: art?.file ?? p.article, headline: art?.headline ?? null, date: art?.date ?? null });
    seen.add(p.article);
  }
  const sources = Array.isArray(props.sources) ? props.sources : [];
  for (const s of sources) {
    if (typeof s !== 'string' || seen.has(s)) continue;
    const art = articles.get(s);
    if (art && seen.has(art.file)) continue;
    out.push({ sentence: null, article: art?.file ?? s, headline: art?.headline ?? null, date: art?.date ?? null });
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

/**
 * A HELD edge and its Position as one career bar: from the stated start (else the first report
 * showing the post) to the stated end (else a successor's start, else the last report showing it).
 */
export function spellOf(held: Record<string, GraphValue>, position: GraphNode, articles: Map<string, ArticleInfo>): Spell {
  const p = position.properties;
  const firstSeen = str(held.firstSeen) ?? str(held.asOf);
  const lastSeen = str(held.lastSeen) ?? str(held.asOf);
  const startDate = str(held.startDate);
  const endDate = str(held.endDate);
  const succeededOn = str(held.succeededOn);
  return {
    positionId: position.id,
    title: str(p.title) ?? str(p.text) ?? position.id,
    body: str(p.body),
    level: str(p.level),
    province: str(p.province),
    start: startDate ?? firstSeen,
    end: endDate ?? succeededOn ?? lastSeen,
    startDate,
    startEvent: str(held.startEvent),
    endDate,
    endEvent: str(held.endEvent),
    endInferred: held.endInferred === true,
    status: str(held.status) ?? 'current',
    acting: held.acting === true || held.status === 'acting',
    succeededOn,
    firstSeen,
    lastSeen,
    sources: sourcesOf(held, articles),
  };
}

/** Spells in the order a career reads: by start, undated last, then by title. */
export function compareSpells(a: Spell, b: Spell): number {
  return (a.start ?? '9999').localeCompare(b.start ?? '9999') || (a.end ?? '9999').localeCompare(b.end ?? '9999') || a.title.localeCompare(b.title, 'vi');
}

/** A scope key ('lâm đồng') in the case a reader expects ('Lâm Đồng'); null for 'unknown'. */
export function scopeName(scope: string | null): string | null {
  if (!scope || scope === 'unknown') return null;
  if (scope === 'national') return 'national';
  return scope.replace(/(^|\s)(\p{L})/gu, (_, sp: string, ch: string) => sp + ch.toUpperCase());
}

/** 'YYYY' or 'YYYY–YYYY' for a seen range; null when undated. */
export function yearsSeen(first: string | null, last: string | null): string | null {
  const a = first?.slice(0, 4) ?? null;
  const b = last?.slice(0, 4) ?? null;
  if (!a && !b) return null;
  if (!a || !b || a === b) return `seen ${a ?? b}`;
  return `seen ${a}–${b}`;
}
