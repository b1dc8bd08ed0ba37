import { PROVINCES_AFTER_2025, PROVINCES_BEFORE_2025, PROVINCIAL_CITIES, provinceNamed, cityNamed, provinceOf } from './gazetteer.js';
import { fold } from './normalize.js';
import type { Sentence } from './sentences.js';

/**
 * Which province (and city) a report is about: its 'Tỉnh ủy' and 'UBND tỉnh'. Votes from place
 * names in the report, weighted by how they are written ('tỉnh X', 'Tỉnh ủy X' count more; the
 * event sentence counts more), and the publisher's name ('baolamdong', 'Lamdongtv').
 */

const NAMES = [...new Set([...PROVINCES_BEFORE_2025, ...PROVINCES_AFTER_2025, ...Object.keys(PROVINCIAL_CITIES)])]
  .sort((a, b) => b.length - a.length)
  .map((n) => n.replace(/[-]/g, '\\s*-\\s*').replace(/ /g, '\\s+'));
// A place name not inside a word. The word start is checked by hand: with a look-behind in front V8
// tries the whole alternation at every position of every sentence. After a hit inside a word the
// scan goes on from the next character, as the look-behind version would.
const PLACE_RE = new RegExp(`(${NAMES.join('|')})(?![\\p{L}])`, 'gu');
const LETTER_END_RE = /\p{L}$/u;
const letterBefore = (text: string, i: number) => i > 0 && LETTER_END_RE.test(text.slice(Math.max(0, i - 2), i));
// The provinces as written in a publisher's name ('baolamdong'), folded once.
const PUBLISHER_PROVINCES = [...PROVINCES_BEFORE_2025, ...PROVINCES_AFTER_2025].map((p) => ({ p, key: fold(p).replace(/ /g, '') }));

export interface PlaceVotes {
  province: string | null;
  city: string | null;
}

export function reportPlace(sentences: Sentence[], eventSentence: Sentence | null, publisher: string | null): PlaceVotes {
  const prov = new Map<string, number>();
  const city = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, w: number) => m.set(k, (m.get(k) ?? 0) + w);
  for (const s of sentences) {
    PLACE_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = PLACE_RE.exec(s.text))) {
      if (letterBefore(s.text, m.index)) {
        PLACE_RE.lastIndex = m.index + 1;
        continue;
      }
      const before = s.text.slice(Math.max(0, m.index - 16), m.index);
      const name = m[1]!;
      // 'Hồ Chí Minh' is also a person ('tư tưởng Hồ Chí Minh'): a place only after 'thành phố'/'TP'.
      if (fold(name) === 'ho chi minh' && !/(?:thành phố|TP\.?|Tp\.?)\s*$/u.test(before)) continue;
      const w = (s === eventSentence ? 3 : 1) * (/(?:tỉnh|Tỉnh ủy|thành phố|Thành ủy|TP\.?)\s*$/u.test(before) ? 3 : 1);
      const c = cityNamed(name);
      const p = provinceNamed(name);
      if (c && (!p || /(?:thành phố|Thành ủy|TP\.?)\s*$/u.test(before))) {
        add(city, c, w);
        const cp = provinceOf(c);
        if (cp) add(prov, cp, w);
      } else if (p) add(prov, p, w);
    }
  }
  if (publisher) {
    const pub = fold(publisher).replace(/ /g, '');
    for (const { p, key } of PUBLISHER_PROVINCES) if (pub.includes(key)) add(prov, p, 2);
  }
  const best = (m: Map<string, number>, min: number) => {
    const sorted = [...m].sort((a, b) => b[1] - a[1]);
    return sorted[0] && sorted[0][1] >= min ? sorted[0][0] : null;
  };
  const province = best(prov, 2);
  const c = best(city, 3);
  return { province, city: c && provinceOf(c) === province ? c : null };
}
