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
const PLACE_RE = new RegExp(`(?<![\\p{L}])(${NAMES.join('|')})(?![\\p{L}])`, 'gu');

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
    for (const p of [...PROVINCES_BEFORE_2025, ...PROVINCES_AFTER_2025]) if (pub.includes(fold(p).replace(/ /g, ''))) add(prov, p, 2);
  }
  const best = (m: Map<string, number>, min: number) => {
    const sorted = [...m].sort((a, b) => b[1] - a[1]);
    return sorted[0] && sorted[0][1] >= min ? sorted[0][0] : null;
  };
  const province = best(prov, 2);
  const c = best(city, 3);
  return { province, city: c && provinceOf(c) === province ? c : null };
}
