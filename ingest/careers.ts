import { expandAbbreviations, titleHeadWords } from './lexicon.js';
import { nameKey, toneKey } from './normalize.js';
import { completePositionList, type PositionMark, type ReportContext } from './positions.js';
import type { Mention, PositionSpan } from './mentions.js';
import type { Post, Succession } from './extraction-schema.js';

/**
 * The career facts of one report, between mentions and people: short references resolved to the
 * full name ('ông Hải' after 'ông Trần Minh Hải'), biography sentences told from the report's own
 * news, each mention's positions with what the event does to them, and the successions the report
 * states. Pure functions.
 */

/**
 * Short references ('ông Hạnh', 'ông Doãn Anh') stand for (`as`) the one full name of the report
 * they end ('Bùi Văn Hạnh', 'Nguyễn Doãn Anh'); with two candidates ('Trần Văn Hải', 'Lê Minh Hải') or
 * none, a short reference is dropped and a two-syllable name stays as written.
 */
export function resolveShortForms(mentions: Mention[]): Array<{ m: Mention; as: Mention }> {
  // Nothing to resolve: no index to build.
  if (!mentions.some((m) => m.short || nameKey(m.name.text).split(' ').length === 2)) return mentions.map((m) => ({ m, as: m }));
  const named = resolveNames(mentions.filter((m) => !m.pronoun));
  // 'Ông là …': the one person named in the sentence before (none, or two, and the pronoun is dropped).
  const out: Array<{ m: Mention; as: Mention }> = [];
  type Seen = { sentence: Mention['sentence']; people: Set<string>; as: Mention };
  let prev: Seen | null = null;
  let cur: Seen | null = null;
  const byMention = new Map(named.map((x) => [x.m, x.as]));
  for (const m of mentions) {
    if (m.pronoun) {
      const p = cur && cur.sentence !== m.sentence ? cur : prev;
      if (p && p.sentence !== m.sentence && p.people.size === 1) out.push({ m, as: p.as });
      continue;
    }
    const as = byMention.get(m);
    if (!as) continue;
    if (!cur || cur.sentence !== m.sentence) {
      prev = cur;
      cur = { sentence: m.sentence, people: new Set<string>(), as };
    }
    cur.people.add(nameKey(as.name.text));
    out.push({ m, as });
  }
  return out;
}

function resolveNames(mentions: Mention[]): Array<{ m: Mention; as: Mention }> {
  // Full names by their last one and two syllables, so each look-up is one map access.
  const bySuffix = new Map<string, Set<string>>();
  const spellingOf = new Map<string, Mention>();
  for (const m of mentions) {
    if (m.short) continue;
    const k = nameKey(m.name.text);
    if (spellingOf.has(k)) continue;
    spellingOf.set(k, m);
    const syl = k.split(' ');
    for (let n = 1; n <= 2 && n < syl.length; n++) {
      const suffix = syl.slice(-n).join(' ');
      let set = bySuffix.get(suffix);
      if (!set) bySuffix.set(suffix, (set = new Set()));
      set.add(k);
    }
  }
  const out: Array<{ m: Mention; as: Mention }> = [];
  for (const m of mentions) {
    const k = nameKey(m.name.text);
    const n = k.split(' ').length;
    if (m.short || n === 2) {
      const cands = [...(bySuffix.get(k) ?? [])].filter((f) => f !== k);
      if (cands.length === 1) {
        out.push({ m, as: spellingOf.get(cands[0]!)! });
        continue;
      }
      if (m.short) continue;
    }
    out.push({ m, as: m });
  }
  return out;
}

/** 'past': a biography line dated before the report ('Tháng 3/2025, ông …'); 'before': 'Trước đó, …'; 'now': the report's news. */
export type SentenceTime = 'past' | 'before' | 'now';

const DATED_LEAD_RE =
  /^[\s"'(•*+–-]*(?:vào\s+)?(?:(?:sáng|chiều|tối|trưa|đêm)\s+)?(?:(?:ngày\s+)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})|(?:(?:đầu|cuối|giữa)\s+)?tháng\s+(\d{1,2})\s*[/.-]\s*(\d{4})|(?:(?:đầu|cuối|giữa|từ|trong)\s+)?năm\s+(\d{4}))(?!\d)/iu;

/** When a sentence's facts hold, measured against the report's date (unknown: the report's news). */
export function sentenceTime(text: string, reportDate: string | null): SentenceTime {
  if (/^[\s"'(•*+–-]*trước đó\s*,/iu.test(text)) return 'before';
  if (!reportDate) return 'now';
  const m = DATED_LEAD_RE.exec(text);
  if (!m) return 'now';
  const pad = (n: string) => n.padStart(2, '0');
  if (m[3]) return `${m[3]}-${pad(m[2]!)}-${pad(m[1]!)}` < reportDate ? 'past' : 'now';
  if (m[5]) return `${m[5]}-${pad(m[4]!)}` < reportDate.slice(0, 7) ? 'past' : 'now';
  return m[6]! < reportDate.slice(0, 4) ? 'past' : 'now';
}

export interface MarkedPosition {
  text: string;
  mark: PositionMark | null;
}

const NO_EVENT: PositionMark = { change: null, event: null, acting: false };

/**
 * A mention's positions, completed, with their marks: the event's own post ('được bầu giữ chức P'),
 * 'tân P' (newly taken), the end of the posts written with the name when the event ends them
 * ('cho nghỉ hưu đối với ông X, P'). A seat ('đại biểu HĐND …') is not a post. In a biography line
 * only the posts it ends are kept (a start there is history, restated by the report's own news);
 * after 'Trước đó' every post but the one the sentence starts is a former one.
 */
export function positionsOf(m: Mention, time: SentenceTime, ctx: ReportContext): MarkedPosition[] {
  const raw = [...m.shared, ...m.positions].map((p) => {
    let text = p.text.trim();
    const own = (p as PositionSpan).mark;
    let mark: PositionMark | null = own ? { ...own } : null;
    const tan = /^tân\s+/iu.exec(text);
    if (tan && titleHeadWords(expandAbbreviations(text.slice(tan[0].length))) > 0) {
      text = text.slice(tan[0].length);
      mark ??= { change: 'start', event: 'newly', acting: false };
    }
    if (!mark && m.own) mark = { ...m.own };
    return { text, mark };
  });
  const done = completePositionList(
    raw.map((r) => r.text),
    ctx,
  )
    .map((c) => ({ text: c.text, mark: raw[c.from]!.mark }))
    .filter((p) => !/^đại biểu(?!\p{L})/iu.test(p.text));
  if (time === 'past') return done.filter((p) => p.mark?.change === 'end');
  // 'Trước đó, ông X là P, đã được điều động làm Q': P is former, Q (which the sentence starts) is not.
  if (time === 'before') return done.map((p) => (p.mark?.change === 'start' ? p : { text: p.text, mark: { ...(p.mark ?? NO_EVENT), status: 'former' as const } }));
  return done;
}

interface PersonOut {
  name: string;
  posts: Post[];
  _mentions: number[];
}

const postKey = (p: Post) => `${toneKey(p.title)}|${toneKey(p.org?.name ?? '')}`;
// A post one person holds at a time: a chair, a secretary, a director — not a deputy or a member.
const singleHolder = (p: Post) => !!p.org && !/^(?:Phó|Ủy viên|Thành viên|Hội thẩm)(?!\p{L})/iu.test(p.title);

/**
 * Successions the report states: 'bầu ông Y giữ chức P thay ông X'; X relieved of (or retired from) P
 * and Y elected or appointed to P in the same report; Y appointed to a one-holder post that X is
 * written as holding (X's post then ends, replaced). Names as in people[].name; the post as in the
 * successor's positions; the sentence of the successor's new post.
 */
export function findSuccessions(
  people: PersonOut[],
  mentions: Mention[],
  positionsByMention: MarkedPosition[][],
  personOfMention: Map<Mention, PersonOut>,
  sourceOf: (m: Mention) => number,
): Succession[] {
  const out: Succession[] = [];
  // Most reports start and end no post: nothing to pair.
  if (!people.some((p) => p.posts.some((q) => q.change === 'start'))) return out;
  const seen = new Set<string>();
  const add = (post: Post, successor: PersonOut, predecessor: PersonOut, sentence: number) => {
    const k = `${postKey(post)}|${successor.name}|${predecessor.name}`;
    if (successor === predecessor || seen.has(k)) return;
    seen.add(k);
    out.push({ post: post.text, successor: successor.name, predecessor: predecessor.name, sentence });
  };
  // The sentence where a person's post starts.
  const startSentence = (p: PersonOut, post: Post): number | null => {
    for (const mi of p._mentions) {
      if (positionsByMention[mi]!.some((x) => x.mark?.change === 'start' && (post.text === x.text || toneKey(post.text).startsWith(toneKey(x.text))))) return sourceOf(mentions[mi]!);
    }
    return p._mentions.length ? sourceOf(mentions[p._mentions[0]!]!) : null;
  };

  // 'thay ông X'.
  for (const m of mentions) {
    if (!m.replaces.length) continue;
    const succ = personOfMention.get(m);
    const post = succ?.posts.find((p) => p.change === 'start' && !p.acting);
    if (!succ || !post) continue;
    for (const r of m.replaces) {
      const pred = personOfMention.get(r);
      if (pred) add(post, succ, pred, sourceOf(m));
    }
  }

  // One post ended and started, or started while someone else is written holding it.
  const starts = new Map<string, Array<{ p: PersonOut; post: Post }>>();
  const ends = new Map<string, PersonOut[]>();
  const holds = new Map<string, Array<{ p: PersonOut; post: Post }>>();
  const push = <T>(map: Map<string, T[]>, k: string, v: T) => {
    const list = map.get(k);
    if (list) list.push(v);
    else map.set(k, [v]);
  };
  for (const p of people) {
    for (const post of p.posts) {
      if (!singleHolder(post) || post.acting) continue;
      const k = postKey(post);
      if (post.change === 'start') push(starts, k, { p, post });
      else if (post.change === 'end') push(ends, k, p);
      else if (post.status === 'current') push(holds, k, { p, post });
    }
  }
  for (const [k, list] of starts) {
    const succs = [...new Set(list.map((x) => x.p))];
    if (succs.length !== 1) continue;
    const { p: succ, post } = list[0]!;
    const sentence = startSentence(succ, post);
    if (sentence === null) continue;
    const preds = [...new Set(ends.get(k) ?? [])].filter((x) => x !== succ);
    if (preds.length === 1) {
      add(post, succ, preds[0]!, sentence);
      continue;
    }
    if (preds.length) continue;
    const holders = (holds.get(k) ?? []).filter((x) => x.p !== succ);
    if (holders.length === 1) {
      const h = holders[0]!;
      h.post.change = 'end';
      h.post.event = 'replaced';
      add(post, succ, h.p, sentence);
    }
  }
  return out;
}
