import { createHash } from 'node:crypto';
import type { NodeLabel } from './schema.js';

/**
 * Stable ids: a short hash of a folded key, so the same person, post, body or conference gets
 * the same id on every run and in every store. Pure functions only.
 */

// Tone marks (grave, acute, hook above, tilde, dot below); the vowel marks (circumflex, breve,
// horn) stay on their letter because they change the vowel itself.
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/g;
const TONE_ONE = /[\u0300\u0301\u0303\u0309\u0323]/;

const VOWEL = /[aăâeêioôơuưy]/u;
const MARKED_VOWEL = /[ăâêôơư]/u;

/**
 * Folds one syllable: its tone mark is taken off and put back by one fixed rule (the "new" placement:
 * on the marked vowel, else on the last vowel before a final consonant or of oa/oe/uy, else on the
 * first of two final vowels, the middle of three), so 'hoà'/'hòa' and 'Uỷ'/'Ủy' meet.
 */
function foldSyllable(s: string): string {
  const d = s.normalize('NFD');
  const tone = d.match(TONE_ONE)?.[0];
  const base = d.replace(TONE, '').normalize('NFC');
  if (!tone) return base;
  const chars = [...base];
  // 'qu' and 'gi' before another vowel: the u/i belongs to the consonant.
  let start = 0;
  const lower = base;
  if ((lower.startsWith('qu') || lower.startsWith('gi')) && chars.length > 2 && VOWEL.test(chars[2]!)) start = 2;
  let first = -1;
  let last = -1;
  for (let i = start; i < chars.length; i++) {
    if (VOWEL.test(chars[i]!)) {
      if (first < 0) first = i;
      last = i;
    } else if (first >= 0) break;
  }
  if (first < 0) return (base + tone).normalize('NFC');
  let at = -1;
  for (let i = first; i <= last; i++) if (MARKED_VOWEL.test(chars[i]!)) at = i;
  if (at < 0) {
    const cluster = chars.slice(first, last + 1).join('');
    const closed = last < chars.length - 1;
    if (first === last) at = first;
    else if (closed || ['oa', 'oe', 'uy'].includes(cluster)) at = last;
    else if (last - first === 1) at = first;
    else at = first + 1;
  }
  chars[at] = (chars[at]! + tone).normalize('NFC');
  return chars.join('').normalize('NFC');
}

/**
 * The folded form of a name or title: NFC, lowercase, Ð (eth) read as Đ, tone-mark placement
 * folded ('hoà' = 'hòa', 'Uỷ' = 'Ủy'), punctuation around words dropped, whitespace collapsed.
 */
export function fold(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u00D0\u0189]/g, 'Đ')
    .replace(/\u00F0/g, 'đ')
    .toLowerCase()
    .replace(/[“”"'‘’«»()[\]{},;:!?.…–—-]+/g, ' ')
    .split(/\s+/u)
    .filter(Boolean)
    .map(foldSyllable)
    .join(' ');
}

const PREFIX: Record<NodeLabel, string> = {
  Person: 'per',
  Position: 'pos',
  Organization: 'org',
  Conference: 'conf',
  Locality: 'loc',
  Article: 'art',
  Award: 'awd',
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
  let k = fold(name);
  for (let prev = ''; prev !== k; ) {
    prev = k;
    k = k.replace(PLACE_WORDS, '');
  }
  return k;
}

export const NATIONAL = 'national';
export const UNKNOWN_SCOPE = 'unknown';

export const personId = (name: string, scope: string): string => stableId('Person', fold(name), scope);
export const organizationId = (name: string): string => stableId('Organization', fold(name));
/** A post is its title within its body; without a body, the title alone within the holder's scope. */
export const positionId = (title: string, orgId: string | null, scope: string): string =>
  orgId ? stableId('Position', fold(title), orgId) : stableId('Position', fold(title), `scope:${scope}`);
export const localityId = (level: string, name: string, parent: string | null): string =>
  level === 'province' || level === 'country'
    ? stableId('Locality', level, placeKey(name))
    : stableId('Locality', level, placeKey(name), parent ? placeKey(parent) : '');
export const articleId = (contentHash: string): string => stableId('Article', contentHash);
export const awardId = (name: string): string => stableId('Award', fold(name));

/**
 * A conference is its date plus who organized it (sorted body ids), or its title when no organizer
 * is known; one with no date belongs to its article alone, since nothing else can safely match it.
 */
export function conferenceId(c: { date: string | null; organizerIds: string[]; title: string | null; contentHash: string; scope: string }): string {
  if (!c.date) return stableId('Conference', 'article', c.contentHash);
  if (c.organizerIds.length > 0) return stableId('Conference', c.date, 'by', ...[...c.organizerIds].sort());
  if (c.title) return stableId('Conference', c.date, 'title', fold(c.title), c.scope);
  return stableId('Conference', 'article', c.contentHash);
}

/** One sighting of a fact, as stored in an edge's `evidence` list. Key order fixed so equal sightings are equal strings. */
export function evidenceEntry(e: { article: string; sentence: string; start: number; end: number }): string {
  return JSON.stringify({ article: e.article, sentence: clean(e.sentence), start: e.start, end: e.end });
}

/** Control characters out (list values travel joined by U+001F to Kùzu), spaces collapsed. */
export function clean(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
}
