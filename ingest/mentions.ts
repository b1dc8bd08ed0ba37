import { CLAUSE_VERBS, HONORIFICS, expandAbbreviations, startsWithOrgHead, titleHeadWords, AWARD_PASSIVE_RE, AWARD_ACTIVE_RE, AWARD_LIST_RE, ROLE_CUES, SPEECH_CUE_RE } from './lexicon.js';
import { findNames, type NameSpan } from './names.js';
import { isKnownPlace } from './gazetteer.js';
import { splitTitle, tidyBody } from './positions.js';
import { fold, squash } from './normalize.js';
import { BODY_AND_RE, endsWithVerb, groupEvents, type PostMark } from './appointments.js';
import type { Sentence } from './sentences.js';
import type { Role } from './extraction-schema.js';

/**
 * Mentions of people in a sentence: the name, the positions written with it (after it:
 * 'X - A, B'; before it: 'Phó BTTU - Chủ tịch UBND tỉnh X'; shared: 'các đồng chí Ủy viên Ban
 * TVTU: X, A; Y, B'), a place in brackets, and the roles the sentence gives the group it is in.
 * All offsets are absolute (source offsets).
 */

export interface Span {
  start: number;
  end: number;
  text: string;
}

/** A position as written, with what the report's event does to it (none: only seen held). */
export interface PositionSpan extends Span {
  mark?: PostMark;
  /** Written in brackets after the name ('X (Phó Bí thư Thường trực)'). */
  bracket?: boolean;
}

export interface Mention {
  name: Span;
  /** A short reference ('ông Hải'): the report resolves it to a full name or drops it. */
  short: boolean;
  /** 'Ông' / 'Bà' alone as the subject: the person of the sentence before, or no one. */
  pronoun: boolean;
  /** From the honorific ('ông' / 'bà'), shared along a list. */
  gender: 'male' | 'female' | null;
  positions: PositionSpan[];
  /** What the event does to the positions written with the name ('cho nghỉ hưu đối với ông X, Bí thư …'). */
  own: PostMark | null;
  /** The mentions this one replaces in its new post ('… thay ông Y'). */
  replaces: Mention[];
  /** Introduced as a person ('ông', 'bà', 'đồng chí'), not only by a rank or a degree. */
  personal: boolean;
  /** Named as the owner of something ('Chỉ thị của Thủ tướng X', 'theo Chủ tịch X'): a name in passing. */
  passing: boolean;
  /** Positions written once for a whole list ('các đồng chí Ủy viên Ban TVTU: ...'). */
  shared: Span[];
  locality: string | null;
  honorific: boolean;
  roles: Set<Role>;
  award: { name: string; giver: string | null; span: Span } | null;
  sentence: Sentence;
  /** End of what belongs to this mention (name, brackets, positions). */
  chainEnd: number;
  /** Start of what belongs to this mention (honorific or positions before the name). */
  chainStart: number;
}

const HONORIFIC_RE = new RegExp(
  `(?:^|[^\\p{L}])(${[...HONORIFICS].sort((a, b) => b.length - a.length).map((h) => h.replace(/[./]/g, '\\$&')).join('|')})\\s*:?\\s*$`,
  'iu',
);

// Position verbs that end a position's text: word-bounded, lowercase as written in running text.
const VERB_RE = new RegExp(`(?<![\\p{L}])(${CLAUSE_VERBS.map((v) => v.replace(/ /g, '\\s+')).join('|')})(?![\\p{L}])`, 'u');

/** Where, inside a position piece, running text starts (a verb), or -1. */
// Without its look-behind (tried at every position by V8); the word start is checked by hand.
const VERB_G_RE = new RegExp(VERB_RE.source.replace('(?<![\\p{L}])', ''), 'gu');
const LETTER = /\p{L}/u;
function verbCut(piece: string): number {
  const re = VERB_G_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(piece))) {
    if (m.index > 0 && LETTER.test(piece[m.index - 1]!)) {
      re.lastIndex = m.index + 1;
      continue;
    }
    const before = piece.slice(0, m.index);
    const v = m[1]!;
    // 'Ban Chỉ đạo', 'Ủy viên dự khuyết', 'Ban Thường vụ' are parts of positions, not verbs.
    if (v === 'chỉ đạo' && /Ban\s+$/u.test(before)) continue;
    if (v === 'dự' && /^dự\s+khuyết/u.test(piece.slice(m.index))) continue;
    if (v === 'lãnh đạo' && /(?:Ban|Ủy ban|Đảng đoàn|Ban cán sự)\s+$/u.test(before)) continue;
    if (m.index === 0) return 0;
    return m.index;
  }
  return -1;
}

// An honorific or a rank after 'và' starts the next person ('… Tỉnh ủy Lâm Đồng và Thiếu tướng X').
const LEAD_WORD_RE = new RegExp(`^(?:${HONORIFICS.map((h) => h.replace(/[./]/g, '\\$&')).join('|')})(?![\\p{L}])`, 'iu');

const SEP_RE = /^\s*(?:[,:]|\s[-–—]|[-–—]\s)\s*/;
// A dash between two years ('nhiệm kỳ 2016 - 2021') joins; a photo credit ('ẢNH: …') ends the caption's position.
const PIECE_END_RE = /\s[-–—]\s|[-–—]\s|[,;:.()…]|\s(?:và|cùng)\s|\s(?=(?:ẢNH|Ảnh)\s*:)/gu;
const DIGIT = /\d/;

/** Is the dash at [a, b) inside a known place name ('Bà Rịa - Vũng Tàu', 'Phan Rang - Tháp Chàm')? */
function dashInPlace(text: string, a: number, b: number): boolean {
  const before = /(\p{Lu}\p{Ll}*(?:\s\p{Lu}\p{Ll}*)?)\s*$/u.exec(text.slice(Math.max(0, a - 24), a));
  const after = /^\s*(\p{Lu}\p{Ll}*(?:\s\p{Lu}\p{Ll}*)?)/u.exec(text.slice(b, b + 24));
  return !!before && !!after && isKnownPlace(`${before[1]} - ${after[1]}`);
}

function isTitle(s: string): boolean {
  // Titles are capitalized; 'nguyên' (former), 'quyền' (acting), 'tân' (new) before them often are not.
  // A title written in lower case ('phó chủ tịch', 'ủy viên') needs a head of two words ('trường học' is no title).
  if (/^\p{Lu}/u.test(s) || /^(?:nguyên|quyền|tân)\s+\p{Lu}/u.test(s)) return titleHeadWords(expandAbbreviations(s)) > 0;
  return /^\p{Ll}/u.test(s) && titleHeadWords(expandAbbreviations(s)) >= 2;
}

// Before a title inside an apposition: 'hiện là', 'nay là' (the current post follows).
const NOW_IS_RE = /^(?:hiện|nay)\s+(?:là|giữ chức(?:\s+vụ)?)\s+/u;
// A term continues the position before it: ', nhiệm kỳ 2016-2021', ', khóa XVIII'.
const TERM_PIECE_RE = /^(?:nhiệm kỳ|khóa|khoá)\s+[\dIVXLC]/u;

/** Parse what follows a name: brackets, then ', A, B' / ' - A - B' positions. Relative to sentence text. */
function parseAfter(text: string, from: number, names: NameSpan[]) {
  const positions: Array<{ start: number; end: number; bracket?: boolean }> = [];
  let locality: string | null = null;
  let i = from;
  const br = /^\s*\(([^()]{1,80})\)/.exec(text.slice(i));
  if (br) {
    const inner = br[1]!.trim();
    const place = /(?:^|[,;]\s*)(?:(?:trú|ở|quê)\s+(?:tại\s+|ở\s+)?)?((?:xã|phường|thị trấn|huyện|quận|thị xã|tỉnh|thành phố|TP\.?|thôn|xóm|ấp|bản|khu phố|tổ dân phố|đặc khu)\s+[^,;]+)$/u.exec(inner);
    if (isTitle(inner) || /^thường trực$/iu.test(inner)) {
      const off = i + br[0].indexOf(inner);
      positions.push({ start: off, end: off + inner.length, bracket: true });
    } else if (place) locality = place[1]!.trim();
    else if (isKnownPlace(inner)) locality = inner;
    i += br[0].length;
  }
  // 'X, 58 tuổi, …', 'X quê Hà Nội, …': what the report says of the person before the posts.
  const aside = /^(?:,\s*\d{1,3}\s+tuổi(?=\s*,)|\s+quê(?:\s+(?:quán|ở|tại))?\s+\p{Lu}[\p{L}]*(?:\s+\p{Lu}[\p{L}]*){0,3}(?=\s*,))/u.exec(text.slice(i, i + 60));
  if (aside) i += aside[0].length;
  let cutHit = false;
  while (!cutHit) {
    const sep = SEP_RE.exec(text.slice(i, i + 8));
    if (!sep) break;
    let ps = i + sep[0].length;
    const now = NOW_IS_RE.exec(text.slice(ps, ps + 24));
    if (now) ps += now[0].length;
    if (names.some((n) => n.start === ps)) break; // the next person
    PIECE_END_RE.lastIndex = ps;
    let pe = text.length;
    let m: RegExpExecArray | null;
    while ((m = PIECE_END_RE.exec(text))) {
      // ' và ' inside a body name ('Sở Tài nguyên và Môi trường') continues when a capital follows and no name does.
      if (/^\s(?:và|cùng)\s$/u.test(m[0])) {
        const nxt = m.index + m[0].length;
        const rest = text.slice(nxt, nxt + 40);
        if (!/^\p{Lu}/u.test(rest) && BODY_AND_RE.test(rest)) continue;
        if (!/^\p{Lu}/u.test(rest) || names.some((n) => n.start === nxt) || LEAD_WORD_RE.test(rest) || titleHeadWords(expandAbbreviations(rest)) > 0) {
          pe = m.index;
          break;
        }
        continue;
      }
      if (m[0] === '.' && /(?:TP|Tp)$/.test(text.slice(ps, m.index))) continue;
      // A dash between two years ('nhiệm kỳ 2016 - 2021') or inside a place's name ('Bà Rịa - Vũng Tàu') joins.
      if (/[-–—]/.test(m[0]) && (DIGIT.test(text[m.index - 1] ?? '') || dashInPlace(text, m.index, m.index + m[0].length))) continue;
      // A merged province's '(mới)' belongs to the body.
      if (m[0] === '(' && /^\(mới\)/u.test(text.slice(m.index, m.index + 5))) {
        PIECE_END_RE.lastIndex = m.index + 5;
        continue;
      }
      if (m[0] === ')' && /\(mới$/u.test(text.slice(Math.max(ps, m.index - 4), m.index))) continue;
      pe = m.index;
      break;
    }
    let piece = text.slice(ps, pe);
    const cut = verbCut(piece);
    if (cut === 0) break;
    if (cut > 0) {
      piece = piece.slice(0, cut);
      cutHit = true;
    }
    // 'X, Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Y': that piece is Y's title, not X's.
    if (names.some((n) => n.start > ps && n.start < ps + piece.length)) break;
    const trimmed = piece.trimEnd();
    if (!trimmed) break;
    if (TERM_PIECE_RE.test(trimmed) && positions.length) positions[positions.length - 1]!.end = ps + trimmed.length;
    else if (isTitle(trimmed)) positions.push({ start: ps, end: ps + trimmed.length });
    else if (/^\p{Lu}/u.test(trimmed) && positions.length) {
      // A capitalized continuation of the last body ('Sở Văn hóa, Thể thao và Du lịch').
      positions[positions.length - 1]!.end = ps + trimmed.length;
    } else break;
    i = ps + trimmed.length;
    if (cutHit) break;
  }
  return { positions, locality, end: i };
}

// 'Chủ tịch UBND tỉnh và 3 ông X', 'Ban Bí thư cho đồng chí X': no title runs into the name.
const NOT_BEFORE_NAME_END_RE = /(?:^|\s)(?:ông|bà|đồng chí|đ\/c|các|cho|của|với|và|gồm|là|\d+)\s*$/iu;
const NOT_BEFORE_NAME_IN_RE = /\s(?:cho|gồm|và\s+\d)\s/giu;

/** Positions written before a name in its clause: 'Phó BTTU - Chủ tịch UBND tỉnh X'. */
function parseBefore(text: string, nameStart: number, lower: number) {
  const region = text.slice(lower, nameStart);
  // The clause: after the last ',', ';', ':' or '(' (titles before a name are joined by ' - ').
  let cs = Math.max(region.lastIndexOf(','), region.lastIndexOf(';'), region.lastIndexOf(':'), region.lastIndexOf('('));
  // A body with commas in its name ('Bộ Văn hóa, Thể thao và Du lịch'): a capitalized piece that starts no
  // title continues the clause before its comma.
  for (let k = 0; k < 3 && cs > 0 && region[cs] === ','; k++) {
    const piece = region.slice(cs + 1).trim();
    if (!/^\p{Lu}/u.test(piece) || isTitle(piece)) break;
    const head = region.slice(0, cs);
    const c2 = Math.max(head.lastIndexOf(','), head.lastIndexOf(';'), head.lastIndexOf(':'), head.lastIndexOf('('));
    if (!isTitle(head.slice(c2 + 1).trim())) break;
    cs = c2;
  }
  const clauseStart = lower + cs + 1;
  const clause = text.slice(clauseStart, nameStart);
  if (!clause.trim() || /[.!?]/.test(clause)) return { positions: [], start: nameStart };
  // Every candidate chain ends where the clause does: a clause ending in an honorific or a number has none;
  // a 'cho', 'gồm' inside it bars the chains that start before it.
  if (NOT_BEFORE_NAME_END_RE.test(clause.trimEnd().slice(-20))) return { positions: [], start: nameStart };
  let barredTo = -1;
  NOT_BEFORE_NAME_IN_RE.lastIndex = 0;
  for (let b: RegExpExecArray | null; (b = NOT_BEFORE_NAME_IN_RE.exec(clause)); NOT_BEFORE_NAME_IN_RE.lastIndex = b.index + 1) barredTo = b.index;
  // The leftmost capitalized word from which the rest is a chain of titles.
  const re = /(?<![\p{L}])\p{Lu}/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(clause))) {
    if (m.index <= barredTo) continue;
    const rest = clause.slice(m.index).trimEnd();
    // Titles joined by ' - '; a body after the dash continues the title ('Chánh Văn phòng Đoàn ĐBQH - HĐND tỉnh').
    const pieces: string[] = [];
    for (const p of rest.split(/(\s[-–—]\s)/)) {
      if (/^\s[-–—]\s$/.test(p)) pieces.push(p);
      else if (pieces.length >= 2 && !isTitle(p.trim()) && startsWithOrgHead(p.trim())) {
        pieces.pop();
        pieces[pieces.length - 1] += ` - ${p}`;
      } else pieces.push(p);
    }
    const titles = pieces.filter((p) => !/^\s[-–—]\s$/.test(p));
    if (titles.every((p) => isTitle(p.trim())) && verbCut(rest) < 0) {
      const out: Array<{ start: number; end: number }> = [];
      let off = clauseStart + m.index;
      for (const p of pieces) {
        if (!/^\s[-–—]\s$/.test(p)) out.push({ start: off, end: off + p.length });
        off += p.length;
      }
      // 'Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy X': earlier comma clauses that end in a title belong too.
      let start = clauseStart + m.index;
      if (m.index === clause.length - clause.trimStart().length) {
        for (;;) {
          const before = text.slice(lower, start);
          const comma = /,\s*$/.exec(before);
          if (!comma) break;
          const head = before.slice(0, comma.index);
          const c = Math.max(head.lastIndexOf(','), head.lastIndexOf(';'), head.lastIndexOf(':'), head.lastIndexOf('('));
          const piece = head.slice(c + 1);
          const cap = /(?<![\p{L}])\p{Lu}/gu;
          let k: RegExpExecArray | null;
          let found = -1;
          while ((k = cap.exec(piece))) {
            const rest = piece.slice(k.index).trim();
            if (isTitle(rest) && verbCut(rest) < 0) {
              found = k.index;
              break;
            }
          }
          if (found < 0) break;
          const ps = lower + c + 1 + found;
          out.unshift({ start: ps, end: ps + piece.slice(found).trimEnd().length });
          start = ps;
          // The clause held more than a title ('Tới dự có Ủy viên ...'): nothing before it belongs.
          if (found > piece.length - piece.trimStart().length || c < 0) break;
        }
      }
      return { positions: out, start };
    }
  }
  return { positions: [], start: nameStart };
}

/** 'các đồng chí Ủy viên Ban TVTU: ' right before a name: positions shared by the list that follows. */
// 'Các Phó Bí thư Tỉnh ủy X gồm bà A, …', 'ba Phó bí thư, gồm các ông A, B và C'.
const LIST_TITLE_RE = /(?:^|[\s,])(?:các|\d+|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+(\p{L}[^:;.]*?),?\s+gồm(?:\s+có)?\s*:?\s*(?:(?:các\s+)?(?:đồng chí|ông|bà)\s+)?$/iu;
const COMMITTEE_NAMED_RE = /(?<!\p{L})(?:Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy)(?:\s+\p{Lu}\p{L}*){1,3}/gu;

function sharedTitle(text: string, nameStart: number, lower: number): { span: Span | null; from: number } {
  const region = text.slice(lower, nameStart);
  const m = /(?:các\s+)?(?:đồng chí|ông|bà)\s+((?:\p{Lu}[^:;,.]*?)):\s*$/iu.exec(region);
  if (m && isTitle(m[1]!.trim())) {
    const start = lower + m.index + m[0].indexOf(m[1]!);
    return { span: { start, end: start + m[1]!.trim().length, text: text.slice(start, start + m[1]!.trim().length) }, from: lower + m.index };
  }
  const l = region.includes('gồm') ? LIST_TITLE_RE.exec(region) : null;
  // 'bầu bổ sung các Ủy viên UBND tỉnh gồm …': a post the verb gives, read as such by groupEvents.
  if (l && isTitle(l[1]!.trim()) && verbCut(l[1]!) < 0 && !endsWithVerb(text.slice(0, lower + l.index + l[0].indexOf(l[1]!)).replace(/(?:các|\d+)\s*$/u, ''))) {
    const start = lower + l.index + l[0].indexOf(l[1]!);
    const t = l[1]!.trim();
    // A title with no body takes the committee the sentence is about ('Tỉnh ủy X … còn có ba Phó bí thư').
    let named = t;
    if (!splitTitle(tidyBody(t)).body) {
      const committees = [...text.slice(0, start).matchAll(COMMITTEE_NAMED_RE)];
      if (committees.length) named = `${t} ${committees[committees.length - 1]![0]}`;
    }
    return { span: { start, end: start + t.length, text: named }, from: start };
  }
  return { span: null, from: nameStart };
}

const span = (s: Sentence, a: number, b: number): Span => ({ start: s.start + a, end: s.start + b, text: s.text.slice(a, b) });

function cuesIn(text: string): Set<Role> {
  const roles = new Set<Role>();
  const t = text.toLowerCase();
  for (const c of ROLE_CUES) if (c.words.some((w) => t.includes(w)) && c.re.test(t)) c.roles.forEach((r) => roles.add(r));
  return roles;
}

/** Award name from the text after a passive cue: 'kỷ niệm chương "vì sự nghiệp Dân vận"' → 'Kỷ niệm chương Vì sự nghiệp Dân vận'. */
export function awardName(raw: string): string {
  let s = raw.replace(/["“”]/g, '"').trim();
  const q = /^([^"]*?)\s*"([^"]+)"/.exec(s);
  if (q) s = `${q[1]} ${q[2]![0]!.toUpperCase()}${q[2]!.slice(1)}`;
  s = s.split(/[,;.]|\s(?:cho|của|vì đã|do|nhân dịp|tại)\s/u)[0]!.replace(/"/g, '').trim();
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** 'Bằng khen của UBND tỉnh' → the giver named after 'của'. */
function giverInAward(raw: string): string | null {
  const m = /\scủa\s+([^,;.()"]+)/u.exec(raw);
  return m ? giverFrom(m[1]) : null;
}

/**
 * Who gives an award: 'Chủ tịch nước', 'UBND tỉnh', 'Thủ tướng Chính phủ', or a person
 * ('đồng chí X trao ...'); 'Thừa ủy quyền của Chủ tịch nước' names the giver on whose behalf.
 */
function giverFrom(raw: string | undefined): string | null {
  if (!raw) return null;
  let g = raw.replace(/^\s*(?:dịp này|nhân dịp này|tại (?:hội nghị|buổi lễ|lễ)[^,]*|cũng tại [^,]*)\s*/iu, '').trim();
  const behalf = /thừa ủy quyền (?:của )?(.+)$/iu.exec(g);
  if (behalf) g = behalf[1]!;
  g = g.replace(/^(?:các |đồng chí |ông |bà )/iu, '').replace(/\s+(?:đã|vừa|cũng|sẽ)$/u, '').trim();
  if (!g || g.split(/\s+/).length > 12 || !/^\p{Lu}/u.test(g)) return null;
  return tidyBody(g);
}

const PERSONAL_RE = /^(?:các\s+)?(?:đồng chí|đ\/c|ông|bà)$/iu;
const ROLE_VERB_NEXT_RE = /^\s*(?:và\s+)?(?:chủ trì|đồng chủ trì|điều hành|chỉ đạo|phát biểu|kết luận|phát động|báo cáo|trình bày|dự)(?!\p{L})/u;

function genderOf(honorific: string): Mention['gender'] {
  const h = honorific.toLowerCase();
  return /(?:^|\s)ông$/u.test(h) ? 'male' : /(?:^|\s)bà$/u.test(h) ? 'female' : null;
}

/**
 * A title shared by a list, with what a member's brackets add to it: 'Các Phó Bí thư Tỉnh ủy X gồm
 * bà A (Phó Bí thư Thường trực), ông B (Chủ tịch UBND tỉnh)' → A: 'Phó Bí thư Thường trực Tỉnh ủy X';
 * B: 'Phó Bí thư Tỉnh ủy X' (and his bracket post). A lower-case qualifier ('(thường trực)') joins the title.
 */
function withBrackets(shared: Span[], m: Mention): Span[] {
  if (shared.length !== 1) return shared;
  const t = shared[0]!;
  const { title, body } = splitTitle(t.text);
  for (const b of m.positions.filter((p) => p.bracket)) {
    const bt = b.text.trim();
    const extends_ = fold(bt).startsWith(fold(title) + ' ');
    const qualifier = /^(?:thường trực|TT)$/iu.test(bt);
    if (!extends_ && !qualifier) continue;
    m.positions = m.positions.filter((p) => p !== b);
    return [{ ...t, text: squash(`${qualifier ? `${title} ${bt}` : bt} ${body}`) }];
  }
  return shared;
}

/** All mentions in a sentence, grouped and with roles assigned. */
export function mentionsIn(s: Sentence, listIntro: Sentence | null = null): Mention[] {
  const text = s.text;
  const names = findNames(text);
  const raw: Mention[] = [];
  let lower = 0;
  for (const n of names) {
    if (n.start < lower) continue; // inside the previous mention's positions
    const before = parseBefore(text, n.start, lower);
    const shared = sharedTitle(text, before.start, lower);
    const hon = HONORIFIC_RE.exec(text.slice(lower, before.start));
    const after = parseAfter(text, n.end, names);
    const chainStart = shared.span
      ? shared.from
      : hon
        ? lower + hon.index + (hon[0].length - hon[0].trimStart().length)
        : before.start;
    raw.push({
      name: span(s, n.start, n.end),
      short: !!n.short,
      pronoun: !!n.pronoun,
      gender: hon ? genderOf(hon[1]!) : null,
      own: null,
      replaces: [],
      personal: !!shared.span || (!!hon && PERSONAL_RE.test(hon[1]!)),
      passing: /(?:^|[^\p{L}])(?:của|theo)\s*$/iu.test(text.slice(Math.max(0, before.start - 12), before.start)),
      positions: [...before.positions, ...after.positions].map((p) => ({ ...span(s, p.start, p.end), ...('bracket' in p && p.bracket ? { bracket: true } : {}) })),
      shared: shared.span ? [{ start: s.start + shared.span.start, end: s.start + shared.span.end, text: shared.span.text }] : [],
      locality: after.locality,
      honorific: !!hon || !!shared.span,
      roles: new Set(),
      award: null,
      sentence: s,
      chainStart: s.start + chainStart,
      chainEnd: s.start + after.end,
    });
    lower = after.end;
  }

  // Group mentions joined only by list separators; a group shares honorifics, shared titles and roles.
  const groups: Mention[][] = [];
  for (const m of raw) {
    const g = groups[groups.length - 1];
    const prev = g?.[g.length - 1];
    const gap = prev ? text.slice(prev.chainEnd - s.start, m.chainStart - s.start) : null;
    if (prev && gap !== null && /^\s*(?:[,;]\s*)?(?:(?:và|cùng|cùng với)\s+)?(?:(?:các\s+)?(?:đồng chí|đ\/c|ông|bà)\s+)?$/iu.test(gap)) g!.push(m);
    else groups.push([m]);
  }

  // What elections, appointments and reliefs do to each group.
  const events = groupEvents(
    text,
    groups.map((g) => ({ start: g[0]!.chainStart - s.start, end: g[g.length - 1]!.chainEnd - s.start, size: g.length })),
  );

  const out: Mention[] = [];
  let prevEnd = 0;
  let prevGroupEnd = 0;
  let prevLeadRoles = new Set<Role>();
  let workedWith = false;
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi]!;
    const first = g[0]!;
    const last = g[g.length - 1]!;
    const honorific = g.some((m) => m.honorific);
    // Positions written once for several names: 'A và B - Phó Trưởng Ban', 'A, B, Phó Chủ tịch UBND tỉnh',
    // 'Ủy viên Ban TVTU: A, ...; B, ...'. A shared title applies from where it is written to the end of the list.
    let shared: Span[] = [];
    for (let i = g.length - 2; i >= 0; i--) {
      const m = g[i]!;
      const next = g[i + 1]!;
      const gap = text.slice(m.chainEnd - s.start, next.chainStart - s.start);
      if (!m.positions.length && /^\s*(?:,\s*|\s(?:và|cùng)\s+)$/u.test(gap)) m.positions = next.positions.filter((p) => !p.bracket);
    }
    let gender: Mention['gender'] = null;
    const personal = g.some((m) => m.personal);
    for (const m of g) {
      m.honorific = honorific;
      m.personal = personal;
      if (m.shared.length) shared = m.shared;
      m.shared = withBrackets(shared, m);
      // 'các ông A, B và C': the honorific written once gives everyone's gender.
      if (m.gender) gender = m.gender;
      else m.gender = gender;
    }
    const ev = events.get(gi);
    if (ev) {
      for (const m of g) {
        for (const p of ev.posts) m.positions.push({ ...span(s, p.start, p.end), ...(p.prefix ? { text: p.prefix + text.slice(p.start, p.end) } : {}), mark: p.mark });
        if (ev.own) m.own = ev.own;
        if (ev.replaces !== null) m.replaces.push(...groups[ev.replaces]!);
      }
    }
    // Roles from the cue before the group (within its clause run) and right after it.
    const gs = first.chainStart - s.start;
    const ge = last.chainEnd - s.start;
    let leading = text.slice(prevEnd, gs);
    const semi = leading.lastIndexOf(';');
    if (semi >= 0) leading = leading.slice(semi + 1);
    if (leading.length > 140) leading = leading.slice(-140);
    // The next item of a ';' list with no cue of its own keeps the cue that opened the list ('Tham dự có A; B; C').
    const listItem = gi > 0 && semi >= 0 && !leading.trim() && /^\s*;\s*$/.test(text.slice(prevGroupEnd, gs));
    // A bulleted line takes the cue of the line that opened the list ('Tham dự hội nghị có:').
    const intro = listIntro && !prevGroupEnd && /^[\s\-+•*–—]*$/u.test(text.slice(0, gs).replace(/(?:đồng chí|ông|bà|các)\s*/giu, '')) ? listIntro : null;
    if (intro) leading = `${intro.text.slice(-140)} ${leading}`;
    let trailing = text.slice(ge);
    trailing = trailing.replace(/^\s*(?:[,:]|[-–—])\s*/, '');
    let stop = trailing.search(/[,;:]|\s-\s/);
    // A second verb of the same clause ('chủ trì, kết luận hội nghị') counts too.
    while (stop >= 0 && trailing[stop] === ',' && ROLE_VERB_NEXT_RE.test(trailing.slice(stop + 1, stop + 24))) {
      const more = trailing.slice(stop + 1).search(/[,;:]|\s-\s/);
      stop = more < 0 ? -1 : stop + 1 + more;
    }
    if (stop >= 0) trailing = trailing.slice(0, stop);
    const nextGroup = groups[gi + 1];
    if (nextGroup) trailing = trailing.slice(0, Math.max(0, nextGroup[0]!.chainStart - s.start - ge));
    const leadRoles = listItem ? prevLeadRoles : cuesIn(leading);
    prevLeadRoles = leadRoles;
    const roles = new Set<Role>([...leadRoles, ...cuesIn(trailing.slice(0, 160))]);
    // 'A … làm việc với B': the side received attends too.
    if (workedWith) roles.add('attended');
    workedWith = trailing.trimEnd().endsWith('làm việc với');
    // The next group's leading cues start after this group's own clause ('A chủ trì, đồng chí B dự').
    const trailingEnd = ge + (text.slice(ge).length - text.slice(ge).replace(/^\s*(?:[,:]|[-–—])\s*/, '').length) + trailing.length;
    if (!roles.size && SPEECH_CUE_RE.test(trailing.trimStart().toLowerCase())) roles.add('spoke');
    // Awards: 'X, Y được tặng Kỷ niệm chương ...' (after) or 'trao Bằng khen cho X, Y' (before).
    let award: Mention['award'] = null;
    const tailFull = text.slice(ge);
    const pass = AWARD_PASSIVE_RE.exec(tailFull.slice(0, 80));
    if (pass && !/[;.]/.test(tailFull.slice(0, pass.index))) {
      const a = ge + pass.index + pass[0].length;
      const rest = text.slice(a);
      const stopAt = rest.search(/[;]|\.(?!\S)|,\s(?![^"]*")/u);
      const name = awardName(stopAt >= 0 ? rest.slice(0, stopAt) : rest);
      if (name) award = { name, giver: giverFrom(pass[1]) ?? giverInAward(stopAt >= 0 ? rest.slice(0, stopAt) : rest), span: span(s, a, a + (stopAt >= 0 ? stopAt : rest.length)) };
    } else {
      const before = text.slice(Math.max(prevGroupEnd, gs - 160), gs);
      const act = AWARD_ACTIVE_RE.exec(before);
      const list = act ? null : AWARD_LIST_RE.exec(before) ?? (intro ? AWARD_LIST_RE.exec(`${intro.text} `) : null);
      if (act) {
        const name = awardName(act[2]!);
        const a = gs - (act.input.length - act.index);
        if (name) award = { name, giver: giverFrom(act[1]) ?? giverInAward(act[2]!), span: span(s, a, gs) };
      } else if (list) {
        // 'Các cá nhân được tặng Bằng khen gồm: ông A, bà B' (or a bulleted list after it).
        const name = awardName(list[1]!);
        if (name) award = { name, giver: giverInAward(list[1]!), span: intro && list.input !== before ? { start: intro.start, end: intro.end, text: intro.text } : span(s, gs - before.length + list.index, gs) };
      }
    }
    if (award) roles.add('awarded');
    for (const m of g) {
      roles.forEach((r) => m.roles.add(r));
      m.award = award;
      if (m.positions.some((p) => p.bracket)) m.positions = m.positions.filter((p) => !(p.bracket && !isTitle(p.text)));
      out.push(m);
    }
    prevEnd = Math.max(ge, trailingEnd);
    prevGroupEnd = ge;
  }
  return out;
}
