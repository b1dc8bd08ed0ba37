import { expandAbbreviations, titleHeadWords } from './lexicon.js';
import type { PostEvent } from './extraction-schema.js';

/**
 * Personnel wording: what an election, appointment, approval, transfer, relief or retirement does
 * to the people of a sentence. 'HĐND tỉnh bầu ông X, Phó Bí thư Tỉnh ủy, giữ chức Chủ tịch UBND
 * tỉnh' gives X a new post (start, elected); 'miễn nhiệm chức Chủ tịch UBND tỉnh đối với ông Y' ends
 * Y's post (relieved); 'cho nghỉ hưu trước tuổi đối với ông Z, Bí thư …' ends the posts written
 * with Z. Pure: sentence text and the spans of its groups of names in, post spans with marks out.
 */

export interface PostMark {
  change: 'start' | 'end' | null;
  event: PostEvent | null;
  acting: boolean;
}

/** A span of the sentence text, [start, end). */
export interface TextSpan {
  start: number;
  end: number;
}

/** A group of names in a sentence: its span and how many people it names. */
export interface GroupSpan extends TextSpan {
  size?: number;
}

/** A post written in the sentence; `prefix` is prepended to it ('tham gia Quân ủy …' → 'Ủy viên Quân ủy …'). */
export interface PostSpan extends TextSpan {
  mark: PostMark;
  prefix?: string;
}

export interface GroupEvent {
  /** New posts the event gives (or takes from) every member of the group. */
  posts: PostSpan[];
  /** What the event does to the posts written with the members ('cho nghỉ hưu đối với ông X, Bí thư …'). */
  own: PostMark | null;
  /** The group this one replaces in its new post ('… giữ chức Chủ tịch thay ông X'). */
  replaces: number | null;
}

// Personnel verbs, longest first; a chain joins several ('điều động, phân công, bổ nhiệm').
const VERBS = [
  'bầu bổ sung', 'bầu tái cử', 'bầu', 'tái đắc cử', 'tái cử', 'trúng cử', 'đắc cử', 'tín nhiệm', 'bổ nhiệm lại', 'bổ nhiệm',
  'chỉ định', 'chuẩn y', 'điều động', 'phân công', 'luân chuyển', 'giao quyền', 'giao', 'giới thiệu', 'miễn nhiệm',
  'cho thôi', 'thôi', 'cách chức', 'bãi nhiệm', 'cho nghỉ hưu trước tuổi', 'cho nghỉ hưu', 'nghỉ hưu trước tuổi', 'nghỉ hưu',
  'cho từ chức', 'từ chức', 'xin thôi',
];
// Either case for the first letter ('Bầu', 'Miễn nhiệm' open a sentence); no 'i' flag, which makes V8's matching slower.
const VERB = `(?:${VERBS.map((v) => `[${v[0]!.toUpperCase()}${v[0]}]${v.slice(1)}`).join('|')})`;
const CHAIN = `${VERB}(?:(?:,\\s*|\\s+và\\s+)${VERB})*`;
const B = '(?![\\p{L}])';
// No look-behind (V8 would try it at every position): the word boundary before a match is checked by hand.
const CHAIN_RE = new RegExp(`${CHAIN}${B}`, 'gu');
const LETTER_RE = /\p{L}/u;
/** The next verb chain in `s` from `from` that starts a word. */
function nextChain(s: string, from: number): RegExpExecArray | null {
  CHAIN_RE.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = CHAIN_RE.exec(s))) {
    if (m.index === 0 || !LETTER_RE.test(s[m.index - 1]!)) return m;
    CHAIN_RE.lastIndex = m.index + 1;
  }
  return null;
}
const ADVERBS_RE = /(?:(?:đã|vừa|mới|cũng|tiếp tục|đều|chính thức|lần lượt|đồng thời|sẽ|cùng|nay)\s+)*/iuy;
const PASSIVE_RE = /(được|bị)\s+/iuy;
const CHAIN_AT_RE = new RegExp(`${CHAIN}${B}\\s*`, 'uy');
// Any personnel verb at all (most sentences of a conference report have none): a plain alternation of
// the syllables every one of them contains, no flags, the cheapest first test.
const ANY_VERB_RE = /[Bb]ầu|cử|nhiệm|[Cc]hỉ định|[Cc]huẩn y|[Đđ]iều động|[Pp]hân công|[Ll]uân chuyển|[Gg]iao|[Gg]iới thiệu|[Tt]hôi|[Cc]ách chức|[Nn]ghỉ hưu|[Tt]ừ chức/;
const hasAnyVerb = (s: string) => ANY_VERB_RE.test(s);
const CONN_WORD_RE = / là | làm | giữ | lên |[Cc]hức danh/;
// What joins a verb to the post: 'giữ chức', 'giữ chức vụ', 'làm', 'là', 'vào chức danh' ...
const CONN_RE = /(?:(?:vào\s+)?(?:giữ\s+)?chức(?:\s+(?:vụ|danh))?|giữ|làm|là|lên)\s+/iuy;
const JOIN_RE = /\s*(?:[,;]\s*(?:và\s+)?|\s+và\s+)/uy;
const LEAD_SEP_RE = /\s*,?\s*/y;
const MEMBER_OF_RE = /tham gia\s+/iuy;

/** The event a chain of verbs stands for: the most specific verb wins. */
export function eventOf(chain: string): { event: PostEvent; change: 'start' | 'end'; acting: boolean } | null {
  const c = chain.toLowerCase();
  const acting = /giao quyền/u.test(c);
  if (/giới thiệu/u.test(c)) return null; // a nomination, not yet a post
  if (/miễn nhiệm|thôi/u.test(c)) return { event: 'relieved', change: 'end', acting };
  if (/cách chức|bãi nhiệm/u.test(c)) return { event: 'dismissed', change: 'end', acting };
  if (/nghỉ hưu/u.test(c)) return { event: 'retired', change: 'end', acting };
  if (/từ chức/u.test(c)) return { event: 'resigned', change: 'end', acting };
  if (/bầu|cử|tín nhiệm/u.test(c)) return { event: 'elected', change: 'start', acting };
  if (/chuẩn y/u.test(c)) return { event: 'approved', change: 'start', acting };
  if (/bổ nhiệm|chỉ định/u.test(c)) return { event: 'appointed', change: 'start', acting };
  return { event: 'assigned', change: 'start', acting };
}

const isTitleAt = (text: string, at: number) => titleHeadWords(expandAbbreviations(text.slice(at, at + 70))) > 0;

// Where a post written after a verb ends: punctuation, a clause word, a name group.
const POST_STOP_RE =
  /[.;:!?"()]|…|,(?!\s*(?:nhiệm kỳ|khóa|khoá)\s)|(?<!\d)\s[-–]\s|\s[-–]\d|\s(?:với|thay|do|đối với|theo|tại|từ|kể từ|phụ trách|sau khi|khi|để|vì|nhằm|trong|đạt|bằng|cho|vừa|đã|được|cũng|sẽ|đến|gồm|là|thời gian|nhưng|song|hiện|cùng|trước|sau|ông|bà|đồng chí|các|có|thì|mà|nay|lần|đối|đó|của)(?![\p{L}])|\svà\s/giu;

/** Lower-case nouns that continue a body after 'và' ('Đảng ủy Khối cơ quan và doanh nghiệp', 'Sở Nông nghiệp và phát triển nông thôn'). */
export const BODY_AND_RE = /^(?:doanh nghiệp|phát triển|môi trường|đào tạo|du lịch|xã hội|công nghệ|truyền thông|đầu tư|dân vận|thương binh)(?!\p{L})/u;

/** The end of the post that starts at `at` (a title, 'quyền …' included), or -1. `limit` is where the next group of names starts. */
export function readPost(text: string, at: number, limit = text.length): number {
  if (!isTitleAt(text, at)) return -1;
  POST_STOP_RE.lastIndex = at;
  let end = Math.min(limit, at + 160);
  let m: RegExpExecArray | null;
  while ((m = POST_STOP_RE.exec(text)) && m.index < end) {
    // 'Sở Nông nghiệp và Phát triển nông thôn', 'Ban Tuyên giáo và Dân vận': a capital after 'và' that starts no title continues the body.
    if (/^\svà\s$/u.test(m[0])) {
      const nxt = m.index + m[0].length;
      if (((/^\p{Lu}/u.test(text.slice(nxt)) && !isTitleAt(text, nxt)) || BODY_AND_RE.test(text.slice(nxt, nxt + 30))) && nxt < limit) continue;
    }
    // 'Ban Kinh tế - Ngân sách', 'Sở Lao động - Thương binh và Xã hội': a capital after the dash that starts no title continues the body.
    if (/^\s[-–]\s$/u.test(m[0])) {
      const nxt = m.index + m[0].length;
      if (/^\p{Lu}/u.test(text.slice(nxt)) && !isTitleAt(text, nxt) && nxt < limit) continue;
    }
    // '(mới)' after a merged province's name belongs to the body.
    if (m[0] === '(' && /^\(mới\)/u.test(text.slice(m.index))) {
      POST_STOP_RE.lastIndex = m.index + 5;
      continue;
    }
    end = m.index;
    break;
  }
  let s = text.slice(at, end);
  s = s.replace(/[\s,–-]+$/u, '');
  return s.length >= 2 ? at + s.length : -1;
}

const OBJECT_NEXT_RE = /^\s*(?:đối với|(?:với|của|cho)\s+(?:các\s+)?(?:ông|bà|đồng chí))(?!\p{L})/iu;

interface Clause {
  post: PostSpan | null;
  own: PostMark | null;
  end: number;
}

/**
 * Clauses right after a group that say what happens to it: '[,] được bầu giữ chức P', 'tái đắc cử
 * chức P', 'thôi giữ chức P; điều động, bổ nhiệm giữ chức Q', 'nghỉ hưu', 'là P'. A clause with no
 * verb of its own takes the one before the group (`inherited`, for 'bầu ông X giữ chức P').
 */
function clausesAfter(text: string, at: number, limit: number, inherited: string | null, single: boolean): Clause[] {
  const out: Clause[] = [];
  let i = at;
  let first = true;
  for (;;) {
    let p = i;
    // The first clause may follow the group after a comma; the next ones after ',', ';' or 'và'.
    const sep = first ? LEAD_SEP_RE : JOIN_RE;
    sep.lastIndex = p;
    const j = sep.exec(text);
    if (!j && !first) break;
    if (j) p = j.index + j[0].length;
    ADVERBS_RE.lastIndex = p;
    p += ADVERBS_RE.exec(text)?.[0].length ?? 0;
    PASSIVE_RE.lastIndex = p;
    const passive = PASSIVE_RE.exec(text);
    let chain: string | null = null;
    if (passive) {
      p += passive[0].length;
      // An agent may stand between 'được' and the verb ('được Bộ Chính trị chỉ định', 'được HĐND tỉnh bầu').
      const window = text.slice(p, p + 120);
      const c = nextChain(window, 0);
      if (!c || c.index > 90 || /[.;]/.test(window.slice(0, c.index))) break;
      chain = c[0];
      p += c.index + c[0].length;
      p += /^\s*/.exec(text.slice(p))![0].length;
    } else {
      CHAIN_AT_RE.lastIndex = p;
      const c = CHAIN_AT_RE.exec(text);
      if (c) {
        chain = c[0].trim();
        p = c.index + c[0].length;
      }
    }
    const verb = chain ?? (first ? inherited : null);
    const ev = verb ? eventOf(verb) : null;
    if (verb && !ev) break; // 'giới thiệu để bầu …': a nomination
    let member: TextSpan | null = null;
    MEMBER_OF_RE.lastIndex = p;
    const mem = MEMBER_OF_RE.exec(text);
    if (mem) {
      // 'tham gia Ban Chấp hành, Ban Thường vụ và giữ chức …' / 'tham gia Quân ủy Trung ương'.
      const bodyAt = mem.index + mem[0].length;
      const rest = text.slice(bodyAt, limit);
      const stop = rest.search(/(?:,\s*|\s+và\s+)(?=(?:giữ|làm|thôi|được|bị|điều động|phân công|bổ nhiệm|chỉ định)(?![\p{L}]))|[.;]|\s(?:từ|đến|để|nhằm|với|theo)\s/u);
      const body = stop >= 0 ? rest.slice(0, stop) : rest;
      if (/^\p{Lu}/u.test(body)) member = { start: bodyAt, end: bodyAt + body.trimEnd().length };
      p = bodyAt + body.length;
      JOIN_RE.lastIndex = p;
      const j = JOIN_RE.exec(text);
      if (j && /^(?:giữ|làm)/u.test(text.slice(j.index + j[0].length))) {
        p = j.index + j[0].length;
        member = null;
      }
    }
    CONN_RE.lastIndex = p;
    const conn = CONN_RE.exec(text);
    if (conn) p = conn.index + conn[0].length;
    const mark: PostMark = ev ? { change: ev.change, event: ev.event, acting: ev.acting } : { change: null, event: null, acting: false };
    // 'giao quyền Chủ tịch' → the post is 'quyền Chủ tịch'.
    let postAt = p;
    if (ev?.acting && !conn) {
      const q = /quyền\s+$/iu.exec(text.slice(Math.max(0, p - 12), p));
      if (q) postAt = p - q[0].length;
    }
    let end = (conn || chain) && postAt < limit ? readPost(text, postAt, limit) : -1;
    // 'miễn nhiệm chức P đối với ông Y': the post is the next group's; 'bầu làm Chủ tịch, Phó Chủ tịch': posts shared out, not one each.
    // 'miễn nhiệm chức P đối với ông Y': the post is the next group's.
    if (end > 0 && OBJECT_NEXT_RE.test(text.slice(end, end + 30))) break;
    const more = () => {
      const c = /^\s*,\s*/.exec(text.slice(end, end + 8));
      return c && (isTitleAt(text, end + c[0].length) || /^(?:Phó|Quyền)(?!\p{L})/u.test(text.slice(end + c[0].length, end + c[0].length + 6))) ? end + c[0].length : -1;
    };
    // 'bầu làm Chủ tịch, Phó Chủ tịch' after several names: the posts are shared out, not one each.
    if (end > 0 && !single && more() >= 0) break;
    if (end > 0) {
      out.push({ post: { start: postAt, end, mark }, own: null, end });
      // One person 'là A, B': both posts are his.
      for (let next = more(); single && next >= 0 && next < limit; next = more()) {
        const e = readPost(text, next, limit);
        if (e < 0 || OBJECT_NEXT_RE.test(text.slice(e, e + 30))) break;
        out.push({ post: { start: next, end: e, mark }, own: null, end: e });
        end = e;
      }
      i = end;
    } else if (member) {
      // Joining a body is a member's seat; leaving one ('thôi tham gia Ban Chấp hành') ends no post written here.
      if (ev?.change === 'start') out.push({ post: { start: member.start, end: member.end, mark, prefix: 'Ủy viên ' }, own: null, end: member.end });
      i = member.end;
    } else if (ev && chain && !conn) {
      // 'nghỉ hưu', 'bị cách chức' with no post named: the posts written with the group end.
      out.push({ post: null, own: ev.change === 'end' ? mark : null, end: p });
      i = p;
    } else break;
    first = false;
  }
  return out;
}

/**
 * Events for each group of names of a sentence (spans relative to the sentence, in order).
 * Only groups something happens to are in the map.
 */
export function groupEvents(text: string, groups: GroupSpan[]): Map<number, GroupEvent> {
  const out = new Map<number, GroupEvent>();
  if (!groups.length) return out;
  let lastBefore: { chain: string } | null = null;
  const hasVerb = hasAnyVerb(text);
  // Neither a personnel verb nor a word joining a person to a post ('là', 'làm', 'giữ chức', 'tân'): nothing happens here.
  if (!hasVerb && !CONN_WORD_RE.test(text)) return out;
  groups.forEach((g, gi) => {
    const prevEnd = gi > 0 ? groups[gi - 1]!.end : 0;
    const nextStart = groups[gi + 1]?.start ?? text.length;
    const leading = text.slice(prevEnd, g.start);
    const ev: GroupEvent = { posts: [], own: null, replaces: null };

    // Active voice: 'bầu ông X …', 'điều động, chỉ định Thượng tướng X …' (the verb right before the group).
    // Verb chains since the previous group; the last one right before the group is the active voice.
    const chains = hasVerb ? chainsIn(text, prevEnd, g.start) : [];
    const lastChain = chains[chains.length - 1];
    const act = lastChain && /^\s+(?:(?:các|\d+)\s+)?$/u.test(text.slice(lastChain.index + lastChain[0].length, g.start)) ? lastChain[0] : null;
    // Post first: 'miễn nhiệm chức danh P đối với ông X', 'bầu 2 chức danh P, đó là bà X', 'chức danh P … là ông X'.
    const before = hasVerb || /chức danh/iu.test(leading) ? postBefore(text, g.start, prevEnd, lastBefore, chains) : null;
    if (before) {
      lastBefore = before.chain ? { chain: before.chain } : lastBefore;
      if (before.post) ev.posts.push(before.post);
      if (before.own) ev.own = before.own;
    }
    const clauses = clausesAfter(text, g.end, nextStart, act, (g.size ?? 1) === 1);
    for (const c of clauses) {
      if (c.post) ev.posts.push(c.post);
      if (c.own) ev.own = c.own;
    }
    // '… thay ông X': the next group is the one replaced.
    const lastEnd = clauses.length ? clauses[clauses.length - 1]!.end : g.end;
    if (gi + 1 < groups.length && /^[\s,]*(?:để\s+)?thay(?:\s+thế)?(?:\s+cho)?\s+(?:(?:các\s+)?(?:ông|bà|đồng chí|đ\/c)\s+)?$/iu.test(text.slice(lastEnd, nextStart)))
      ev.replaces = gi + 1;
    if (ev.posts.length || ev.own || ev.replaces !== null) out.set(gi, ev);
  });
  return out;
}

const GROUP_LEAD = '(?:\\s*:)?\\s*(?:(?:các|\\d+)\\s+)?$';
const OWN_END_RE = new RegExp(`^[^.;,]{0,30}?(?:đối với|với)${GROUP_LEAD}`, 'iu');
const TO_GROUP_RE = new RegExp(`^[^.;]*?(?:đối với|với|của|cho|đó là|gồm có|gồm|là)${GROUP_LEAD}`, 'iu');
const AND_POST_RE = /^(?:\s*,|\s+và)\s+$/u;
const TITLE_FROM_RE = /(?:(?:\d+|các)\s+)?(?:(?:giữ\s+)?chức(?:\s+(?:vụ|danh))?\s+|làm\s+|là\s+)?/iuy;

/** A post written before the group, after a verb: see groupEvents. */
/** The verb chains of text[from, to), in order. */
function chainsIn(text: string, from: number, to: number): Array<{ index: number; 0: string }> {
  const chains: Array<{ index: number; 0: string }> = [];
  const span = text.slice(from, to);
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = nextChain(span, at))) {
    chains.push({ index: from + m.index, 0: m[0] });
    at = m.index + m[0].length;
  }
  return chains;
}

function postBefore(text: string, gStart: number, prevEnd: number, last: { chain: string } | null, found: Array<{ index: number; 0: string }>) {
  // Verb chains after the previous group, the last first ('miễn nhiệm chức danh P và cho thôi làm nhiệm vụ … đối với ông X').
  const chains = [...found];
  const tryAt = (chain: string | null, from: number) => {
    TITLE_FROM_RE.lastIndex = from;
    const t = TITLE_FROM_RE.exec(text);
    const at = t ? t.index + t[0].length : from;
    const end = readPost(text, at, gStart);
    if (end < 0) return null;
    if (!TO_GROUP_RE.test(text.slice(end, gStart))) return null;
    const ev = chain ? eventOf(chain) : null;
    if (chain && !ev) return null;
    const mark: PostMark = ev ? { change: ev.change, event: ev.event, acting: ev.acting } : { change: null, event: null, acting: false };
    return { chain, post: { start: at, end, mark }, own: null as PostMark | null };
  };
  for (const best of chains.reverse()) {
    const after = best.index + best[0].length;
    if (after > gStart) continue;
    const got = tryAt(best[0], after + (/^\s*/.exec(text.slice(after))![0].length));
    if (got) return got;
    // 'cho nghỉ hưu trước tuổi đối với ông X': no post named, the group's own posts end.
    const ev = eventOf(best[0]);
    if (ev && ev.change === 'end' && OWN_END_RE.test(text.slice(after, gStart)))
      return { chain: best[0], post: null, own: { change: ev.change, event: ev.event, acting: ev.acting } };
  }
  // 'chức danh P thời gian qua chỉ có 2 người là ông X và Y'.
  const cd = /(?<![\p{L}])chức danh\s+/iu.exec(text.slice(prevEnd, gStart));
  if (cd) {
    const got = tryAt(null, prevEnd + cd.index + cd[0].length);
    if (got) return { ...got, chain: null };
  }
  // '…, miễn nhiệm chức danh P với ông X và Q với ông Y': the second post takes the verb of the first.
  const lead = text.slice(prevEnd, gStart);
  const and = /^(\s*,|\s+và)\s+/u.exec(lead);
  if (last && and && AND_POST_RE.test(and[0])) {
    const got = tryAt(last.chain, prevEnd + and[0].length);
    if (got) return got;
  }
  return null;
}

const VERB_BEFORE_RE = new RegExp(`${CHAIN}\\s+(?:bổ sung\\s+)?$`, 'u');
/** Does `text` end with a personnel verb ('… bầu bổ sung ')? Then what follows is that verb's post. */
export function endsWithVerb(text: string): boolean {
  return VERB_BEFORE_RE.test(text.slice(-40));
}
