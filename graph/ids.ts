import { createHash } from 'node:crypto';
import { toneKey } from '../ingest/normalize.js';
import type { NodeLabel } from './schema.js';

/**
 * Stable ids: a short hash of a folded key, so the same person, post, body or conference gets
 * the same id on every run and in every store. Pure functions only. Every name or title in a key
 * goes through `toneKey` (ingest/normalize.ts, the one folding of the project): NFC, lowercase,
 * Ð read as Đ, tone-mark placement made canonical ('hoà' → 'hòa', 'Uỷ' → 'Ủy'), punctuation
 * dropped, spaces collapsed.
 */

const PREFIX: Record<NodeLabel, string> = {
  Person: 'per',
  Position: 'pos',
  Organization: 'org',
  Conference: 'conf',
  Locality: 'loc',
  Article: 'art',
  Award: 'awd',
  Mention: 'men',
  Name: 'nam',
};

/** `per_3f2a…`: label prefix + 16 hex chars of sha256 over the label and the key parts. */
export function stableId(label: NodeLabel, ...parts: string[]): string {
  const h = createHash('sha256').update(`${label}\u0000${parts.join('\u0000')}`).digest('hex');
  return `${PREFIX[label]}_${h.slice(0, 16)}`;
}

// ---- the ids of each kind of node -----------------------------------------------------------

/** Administrative words that do not change which place is meant ('tỉnh Lâm Đồng' = 'Lâm Đồng'). */
const PLACE_WORDS = /^(tỉnh|thành phố|tp|huyện|quận|thị xã|thị trấn|xã|phường|đặc khu)\s+/u;

/** The key of a place name: folded, with its administrative word dropped. */
export function placeKey(name: string): string {
  let k = toneKey(name);
  for (let prev = ''; prev !== k; ) {
    prev = k;
    k = k.replace(PLACE_WORDS, '');
  }
  return k;
}

export const NATIONAL = 'national';
export const UNKNOWN_SCOPE = 'unknown';

export const personId = (name: string, scope: string): string => stableId('Person', toneKey(name), scope);
/** A body is its name within its scope ('Tỉnh ủy Lâm Đồng.' = 'Tỉnh uỷ Lâm Đồng'). */
export const organizationId = (name: string, scope: string): string => stableId('Organization', toneKey(name), scope);
/** A post is its title within its body; without a body, the title alone within the holder's scope. */
export const positionId = (title: string, orgId: string | null, scope: string): string =>
  orgId ? stableId('Position', toneKey(title), orgId) : stableId('Position', toneKey(title), `scope:${scope}`);
export const localityId = (level: string, name: string, parent: string | null): string =>
  level === 'province' || level === 'country'
    ? stableId('Locality', level, placeKey(name))
    : stableId('Locality', level, placeKey(name), parent ? placeKey(parent) : '');
export const articleId = (contentHash: string): string => stableId('Article', contentHash);
/** One report's naming of one person: the article and the folded name (a report names a person once, after its own spellings merge). */
export const mentionId = (articleId: string, nameKey: string): string => stableId('Mention', articleId, nameKey);
/** The resolution block of a folded name. */
export const nameBlockId = (nameKey: string): string => stableId('Name', nameKey);
/** An award is its name, who gave it and the scope it was given in. */
export const awardId = (name: string, giver: string | null, scope: string): string => stableId('Award', toneKey(name), toneKey(giver ?? ''), scope);

/**
 * A conference is its date plus who organized it (sorted body ids), or its title when no organizer
 * is known; one with no date belongs to its article alone, since nothing else can safely match it.
 */
export function conferenceId(c: { date: string | null; organizerIds: string[]; title: string | null; contentHash: string; scope: string }): string {
  if (!c.date) return stableId('Conference', 'article', c.contentHash);
  if (c.organizerIds.length > 0) return stableId('Conference', c.date, 'by', ...[...c.organizerIds].sort());
  if (c.title) return stableId('Conference', c.date, 'title', toneKey(c.title), c.scope);
  return stableId('Conference', 'article', c.contentHash);
}

/**
 * One sighting of a fact, as stored in an edge's `evidence` list: a pointer `art_…#n` to the n-th
 * entry of that Article's `sentences` (each sentence is stored once per report; graph/evidence.ts
 * turns pointers back into sentences).
 */
export function evidencePointer(articleId: string, sentence: number): string {
  return `${articleId}#${sentence}`;
}

/** The article id and sentence index of an evidence pointer, or null when it is not one. */
export function parseEvidencePointer(p: string): { article: string; sentence: number } | null {
  const m = /^(art_[0-9a-f]{16})#(\d+)$/.exec(p);
  return m ? { article: m[1]!, sentence: Number(m[2]) } : null;
}

/** One entry of an Article's `sentences`: the text and its [start, end) offsets. Key order fixed. */
export function sentenceEntry(e: { text: string; start: number; end: number }): string {
  return JSON.stringify({ text: clean(e.text), start: e.start, end: e.end });
}

/** Control characters out (list values travel joined by U+001F to Kùzu), spaces collapsed. */
export function clean(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
}
