/**
 * Text normalization. Every transformation here keeps the string length, so character offsets
 * computed on the cleaned text are valid in the NFC source text (the evidence refers to it).
 */

/**
 * Two tone-mark placements are in use for open syllables ending in oa, oe, uy: 'hoà'/'hòa',
 * 'khoẻ'/'khỏe', 'Uỷ'/'Ủy'. One is chosen as canonical, the mark on the first vowel ('hòa', 'Ủy'),
 * as most publishers (and the annotations) write it.
 */
const TONE_MOVES: Record<string, [string, string]> = {};
const MARKS = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323']; // huyền, sắc, hỏi, ngã, nặng
const PAIRS = ['oa', 'oe', 'uy'].flatMap((p) => [p, p.toUpperCase(), p[0]!.toUpperCase() + p[1]!]);
for (const [first, second] of PAIRS.map((p) => [p[0]!, p[1]!] as const)) {
  for (const m of MARKS) {
    const oldStyle = (first + (second + m).normalize('NFC')).normalize('NFC');
    const newStyle = ((first + m).normalize('NFC') + second).normalize('NFC');
    TONE_MOVES[oldStyle] = [oldStyle, newStyle];
  }
}
// Only at the end of a syllable ('hoàng' keeps its mark) and not after 'q' ('quý', 'quà' are right in both styles).
const TONE_RE = new RegExp(`([qQ]?)(${Object.keys(TONE_MOVES).join('|')})(?!\\p{L})`, 'gu');

export function canonicalTones(s: string): string {
  return s.replace(TONE_RE, (m, q: string, pair: string) => (q ? m : TONE_MOVES[pair]![1]));
}

/** The decoded source as stored: NFC, no BOM, '\r\n' → '\n'. Offsets and the content hash refer to this. */
export function toSourceText(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC');
}

/**
 * Clean text for matching, same length as the source: 'Ð'/'ð' (eth) typed for 'Đ'/'đ', old tone
 * placement, non-breaking and zero-width spaces (turned into plain spaces, not removed).
 */
export function cleanText(source: string): string {
  return canonicalTones(
    source
      .replace(/\u00D0/g, '\u0110')
      .replace(/\u00F0/g, '\u0111')
      .replace(/[\u00A0\u2007\u202F\u200B\u200C\u200D\u2060\t]/g, ' ')
      .replace(/[\u201C\u201D\u201E\u00AB\u00BB]/g, '"')
      .replace(/[\u2018\u2019]/g, "'"),
  );
}

/** Collapse runs of spaces (for output strings, not for offset-bearing text). */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A small memo for the pure string keys below: the same names and titles recur in every report. */
export function memo(f: (s: string) => string): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      if (cache.size > 50000) cache.clear();
      v = f(s);
      cache.set(s, v);
    }
    return v;
  };
}

/** Matching key: no diacritics, 'đ' → 'd', lowercase, single spaces, punctuation dropped. */
export const fold = memo(foldFast);

/**
 * fold() one character at a time: what foldUncached gives a single BMP character ('ế' → 'e', 'Đ' → 'd',
 * ',' → ' '), computed on first sight. Per character is exact: decomposing, dropping marks and
 * lowercasing act on each character alone, the tone moves of cleanText only shift a mark between two
 * vowels, and the runs of non-[a-z0-9] collapse the same way. Surrogates take the whole-string path.
 */
const FOLDED_CHAR: Array<string | undefined> = [];
function foldFast(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return foldUncached(s);
    let f = FOLDED_CHAR[c];
    if (f === undefined) FOLDED_CHAR[c] = f = foldSpaced(String.fromCharCode(c));
    out += f;
  }
  return out.replace(/[^a-z0-9]+/g, ' ').trim();
}
function foldUncached(s: string): string {
  return foldSpaced(s).trim();
}

/** NFC, clean, diacritics and Đ folded, lower case, every run of other characters one space (untrimmed: a single character's fold is cached as it is). */
function foldSpaced(s: string): string {
  return cleanText(s.normalize('NFC'))
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u0110\u0111]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ');
}

/**
 * Tone key: keeps diacritics, folds case, Ð/Đ, tone placement, punctuation and spacing. The key of
 * stable graph ids ('Tỉnh ủy Lâm Đồng.' = 'Tỉnh uỷ Lâm Đồng').
 */
export const toneKey = memo((s: string) =>
  cleanText(s.normalize('NFC'))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim(),
);

/** Name key: keeps diacritics (they tell people apart), folds case, Ð/Đ, tone placement and spacing. */
export const nameKey = memo((s: string) => squash(cleanText(s.normalize('NFC'))).toLowerCase());

/** 'ANh' → 'Anh', 'nguyễn' → 'Nguyễn': each syllable capitalized, the rest lowercase. */
export function properCase(name: string): string {
  return squash(name)
    .split(' ')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1).toLowerCase() : w))
    .join(' ');
}
