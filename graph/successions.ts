import { isSingleHolder } from './post-kinds.js';
import { spellStatus } from './person-layer.js';

/**
 * Pure: one post's holders → who succeeded whom. Stated successions ('thay ông …', a report that
 * relieves one person and elects another to the post) come from the successor's spell (`after`:
 * the predecessor's mention, resolved to a person). For a post one person fills at a time, holders
 * in the order of their spells are inferred successions, marked `inferred`, with the dates that
 * support them; a spell a later holder took over ends then (`succeededOn`).
 */

export interface Holder {
  person: string;
  firstSeen: string | null;
  lastSeen: string | null;
  startDate: string | null;
  endDate: string | null;
  acting: boolean;
  /** JSON {predecessor: mention id, evidence: string[]} per stated predecessor. */
  after: string[];
  sources: string[];
}

export interface SuccessionRow {
  successor: string;
  predecessor: string;
  date: string | null;
  inferred: boolean;
  basis: string;
  sources: string[];
  evidence: string[];
}

export interface PostSuccessions {
  successions: SuccessionRow[];
  /** person id → the day a later holder started (null: nobody took over). */
  succeededOn: Map<string, string | null>;
  /** person id → the spell's status with that taken into account. */
  status: Map<string, 'current' | 'acting' | 'former'>;
}

const begin = (h: Holder): string | null => h.startDate ?? h.firstSeen;
const finish = (h: Holder): string | null => h.endDate ?? h.lastSeen ?? h.firstSeen;

/**
 * `personOfMention` resolves a stated predecessor's mention id to its person (null when that
 * mention is not stored).
 */
export function successionsOf(title: string, holders: Holder[], personOfMention: (mentionId: string) => string | null): PostSuccessions {
  const rows: SuccessionRow[] = [];
  const succeededOn = new Map<string, string | null>(holders.map((h) => [h.person, null]));
  const stated = new Set<string>();
  for (const h of holders) {
    for (const raw of h.after) {
      let a: { predecessor: string; evidence: string[] };
      try {
        a = JSON.parse(raw) as typeof a;
      } catch {
        continue;
      }
      const pred = personOfMention(a.predecessor);
      if (!pred || pred === h.person || stated.has(`${h.person}\u0000${pred}`)) continue;
      stated.add(`${h.person}\u0000${pred}`);
      rows.push({ successor: h.person, predecessor: pred, date: begin(h), inferred: false, basis: 'stated in the report', sources: h.sources, evidence: a.evidence });
      const d = begin(h);
      if (d && succeededOn.has(pred) && (!succeededOn.get(pred) || d < succeededOn.get(pred)!)) succeededOn.set(pred, d);
    }
  }
  if (isSingleHolder(title)) {
    // On one day, the spell that ends goes before the one that starts (a session relieves one holder and elects the next).
    const rank = (h: Holder): number => (h.endDate && h.endDate === begin(h) ? 0 : h.startDate === begin(h) ? 2 : 1);
    const dated = holders
      .filter((h) => begin(h))
      .sort((a, b) => (begin(a)! < begin(b)! ? -1 : begin(a)! > begin(b)! ? 1 : rank(a) - rank(b) || (a.person < b.person ? -1 : 1)));
    for (let i = 1; i < dated.length; i++) {
      const prev = dated[i - 1]!;
      const next = dated[i]!;
      const prevEnd = finish(prev)!;
      const nextBegin = begin(next)!;
      // Overlapping spells do not say who came first; they are left alone.
      if (prevEnd > nextBegin) continue;
      if (!succeededOn.get(prev.person) || nextBegin < succeededOn.get(prev.person)!) succeededOn.set(prev.person, nextBegin);
      // A stated succession either way between the two says it all.
      if (stated.has(`${next.person}\u0000${prev.person}`) || stated.has(`${prev.person}\u0000${next.person}`)) continue;
      rows.push({
        successor: next.person,
        predecessor: prev.person,
        date: nextBegin,
        inferred: true,
        basis: `inferred: predecessor last seen in the post ${prevEnd}, successor ${next.startDate ? 'started' : 'first seen'} ${nextBegin}`,
        sources: [...new Set([...prev.sources, ...next.sources])],
        evidence: [],
      });
    }
  }
  const status = new Map(holders.map((h) => [h.person, spellStatus(h.endDate, h.acting, succeededOn.get(h.person) ?? null)]));
  return { successions: rows, succeededOn, status };
}
