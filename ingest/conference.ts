import { startsWithOrgHead } from './lexicon.js';
import { squash } from './normalize.js';
import type { Sentence } from './sentences.js';

/**
 * The conference a report is about: the sentence that says who held what ('Chiều 25/12, Ban
 * Dân vận Tỉnh ủy tổ chức hội nghị tổng kết ...'), its organizers, title, whether it was online
 * and its bridge points.
 */

const EVENT_NOUN = '(?:hội nghị|hội thảo|lễ|kỳ họp|đại hội|tọa đàm|diễn đàn|buổi|cuộc họp|phiên họp|hội thi|giao ban|chương trình|hội diễn|họp)';
// 'X tổ chức hội nghị', 'X long trọng tổ chức lễ', 'X khai mạc kỳ họp', 'X tiến hành đại hội'.
const HELD_RE = new RegExp(
  `(?<!\\p{L})(?:đã |vừa |sẽ )?(?:long trọng |trọng thể )?(?:tổ chức(?: thành công)?|khai mạc|tiến hành|phối hợp tổ chức)\\s+(?=${EVENT_NOUN}(?!\\p{L}))`,
  'iu',
);
const HELD_BY_RE = new RegExp(`(?<!\\p{L})(${EVENT_NOUN}(?!\\p{L})[^.;]{0,200}?)\\s+do\\s+([^.;]{3,160}?)\\s+(?:tổ chức|chủ trì tổ chức|phối hợp tổ chức)`, 'iu');
const OPENED_RE = new RegExp(`(?<!\\p{L})(?:khai mạc|diễn ra|bế mạc)\\s+(${EVENT_NOUN}(?!\\p{L}))`, 'iu');

const PURPOSE_BEFORE_RE = /(?:^|[^\p{L}])(?:nhằm|để|chuẩn bị|kế hoạch|dự kiến|việc|phục vụ|hướng dẫn|chỉ đạo)(?:\s+(?:cho|việc|công tác))?\s*$/iu;

// Where a title ends: the next clause.
const TITLE_END_RE =
  /[;.:]|\s(?:gắn với|và triển khai|đồng thời|bằng hình thức|theo hình thức|nhằm|với sự tham dự|với sự|có sự|tại hội trường|tại trụ sở|tại (?=\p{Lu}))|,\s*(?:triển khai|đồng thời|trao|khen thưởng|tại|với|nhằm|biểu dương|tổng kết|sơ kết|đánh giá|kỷ niệm|phát động)/u;

export interface ConferenceFound {
  sentence: Sentence | null;
  title: string | null;
  organizers: Array<{ text: string; start: number; end: number }>;
  online: boolean;
  bridgePoints: string[];
  centralPoint: string | null;
  place: string | null;
}

function titleFrom(s: string): string | null {
  const end = s.search(TITLE_END_RE);
  let t = squash(end >= 0 ? s.slice(0, end) : s);
  const words = t.split(' ');
  if (words.length > 24) t = words.slice(0, 24).join(' ');
  t = t.replace(/[,\s]+$/, '');
  return t ? t[0]!.toUpperCase() + t.slice(1) : null;
}

/** 'Ủy ban nhân dân tỉnh và Ban Dân vận Tỉnh ủy' → two bodies; offsets absolute. */
function splitOrganizers(text: string, at: number) {
  const out: ConferenceFound['organizers'] = [];
  const re = /\s+(?:và|phối hợp với|phối hợp cùng|cùng với|cùng|với)\s+|,\s*/giu;
  let last = 0;
  const push = (a: number, b: number) => {
    let piece = text.slice(a, b);
    const lead = piece.length - piece.trimStart().length;
    piece = piece.trim();
    if (piece && startsWithOrgHead(piece)) out.push({ text: piece, start: at + a + lead, end: at + a + lead + piece.length });
  };
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    // 'Ban Tuyên giáo và Dân vận Tỉnh ủy', 'Sở Văn hóa, Thể thao và Du lịch': what follows starts no body, so it is this body's name.
    if (!startsWithOrgHead(text.slice(m.index + m[0].length))) continue;
    push(last, m.index);
    last = m.index + m[0].length;
  }
  push(last, text.length);
  return out;
}

export function findConference(lead: Sentence[], all: Sentence[], headline: string | null): ConferenceFound {
  const text = all.map((s) => s.text).join(' ');
  const online = /trực tuyến|điểm cầu|hình thức trực tuyến/iu.test(text);
  const bridgePoints = new Set<string>();
  let centralPoint: string | null = null;
  // 'điểm cầu trung tâm - Hà Nội', 'điểm cầu tỉnh Cà Mau', 'điểm cầu Tỉnh ủy' (a body's hall is a bridge point too).
  const BP_RE =
    /điểm cầu(\s+trung tâm)?(?:\s+(?:tại|ở))?\s*[-–:]?\s*(?:tại\s+)?((?:tỉnh|thành phố|TP\.?|huyện|xã|phường)\s+)?((?:Tỉnh|Thành|Huyện|Quận|Thị|Đảng) ủy(?:\s+\p{Lu}[\p{L}]*){0,3}|\p{Lu}[\p{L}]*(?:\s+\p{Lu}[\p{L}]*){0,3})/gu;
  let bm: RegExpExecArray | null;
  while ((bm = BP_RE.exec(text))) {
    const name = bm[3]!;
    bridgePoints.add(name);
    if (bm[1] && !centralPoint) centralPoint = name;
  }

  const found: ConferenceFound = { sentence: null, title: null, organizers: [], online, bridgePoints: [...bridgePoints], centralPoint, place: null };
  for (const s of lead) {
    let held = HELD_RE.exec(s.text);
    // A purpose or a plan ('để chuẩn bị tổ chức đại hội', 'kế hoạch tổ chức hội nghị') is not the event held.
    if (held && PURPOSE_BEFORE_RE.test(s.text.slice(Math.max(0, held.index - 30), held.index))) held = null;
    if (held) {
      // Organizers: from the start of the clause (after a date or publisher prefix) to 'tổ chức'.
      // Brackets ('Đảng bộ xã X (huyện Y)') are blanked, same length, so offsets hold.
      const before = s.text.slice(0, held.index).replace(/\([^()]*\)/g, (m) => ' '.repeat(m.length));
      let clauseStart = Math.max(before.lastIndexOf(','), before.lastIndexOf(' - '), before.lastIndexOf(')')) + 1;
      // Bodies listed with commas ('Huyện ủy, HĐND, UBND, UBMTTQ huyện X tổ chức ...') all organize:
      // step back over earlier comma clauses while they name a body.
      for (;;) {
        const head = before.slice(0, Math.max(0, clauseStart - 1));
        const c = Math.max(head.lastIndexOf(','), head.lastIndexOf(' - '), head.lastIndexOf(')'));
        const piece = head.slice(c + 1).trim();
        if (clauseStart === 0 || !piece || !startsWithOrgHead(piece) || piece.split(/\s+/).length > 8) break;
        clauseStart = c + 1;
      }
      let orgText = before.slice(clauseStart);
      const lead2 = orgText.length - orgText.replace(/^[\s-]+/, '').length;
      orgText = orgText.slice(lead2).replace(/\s+(?:đã|vừa|sẽ|hôm nay|chính thức)\s*$/u, '').trimEnd();
      found.sentence = s;
      found.organizers = splitOrganizers(orgText, s.start + clauseStart + lead2);
      found.title = titleFrom(s.text.slice(held.index + held[0].length));
      break;
    }
    const by = HELD_BY_RE.exec(s.text);
    if (by) {
      found.sentence = s;
      found.title = titleFrom(by[1]!);
      found.organizers = splitOrganizers(by[2]!, s.start + by.index + by[0].indexOf(by[2]!));
      break;
    }
    const op = OPENED_RE.exec(s.text);
    if (op && !found.sentence) {
      found.sentence = s;
      found.title = titleFrom(s.text.slice(op.index + op[0].length - op[1]!.length));
    }
  }
  if (!found.organizers.length) implied(found, lead, all);
  if (found.sentence) {
    const at = /(?<!\p{L})tại\s+((?:tỉnh|thành phố|TP\.?|huyện|thị xã)\s+)?(\p{Lu}[\p{L}]*(?:\s+\p{Lu}[\p{L}]*){0,3})/u.exec(found.sentence.text);
    if (at && !/^(?:Hội|Trụ|Nhà|Trung|Khách|Phòng|Văn|Ủy|Tỉnh|Thành|Huyện)/u.test(at[2]!)) found.place = at[2]!;
  }
  if (!found.title && headline) found.title = titleFrom(headline);
  return found;
}

// 'Đại hội (đại biểu) Đảng bộ tỉnh X lần thứ XIX': the congress of that body.
const CONGRESS_RE = /(?<!\p{L})(Đại hội(?:\s+[Đđ]ại biểu)?\s+((?:Đảng bộ|Hội|Đoàn|Công đoàn|Liên đoàn|Liên hiệp|Mặt trận|Chi bộ|Hợp tác xã)(?!\p{L})[^,.;:()]{0,60}?)\s+lần thứ\s+(?:[IVXLC]+|\d+|nhất)(?!\p{L})(?:,?\s+nhiệm kỳ\s+\d{4}\s*[-–]\s*\d{4})?)/u;
const SESSION_RE = /(?<!\p{L})kỳ họp(?:\s+thứ\s+(?:[IVXLC]+|\d+|nhất|\p{Ll}+|\p{Lu}\p{Ll}*))?(?!\p{L})/iu;
// A people's council, with its unit, place and term when written ('HĐND tỉnh Hà Tĩnh khóa XVII').
const COUNCIL_RE = /(?<!\p{L})(?:HĐND|Hội đồng nhân dân|Hội đồng Nhân dân)(?:\s+(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)(?:\s+\p{Lu}\p{L}*){0,3})?(?:,?\s+(?:khóa|khoá)\s+[IVXLC\d]+)?/gu;
// 'tại Tỉnh ủy X đã diễn ra hội nghị …': the body whose seat hosts the event holds it.
const VENUE_RE = new RegExp(
  `(?<!\\p{L})tại\\s+((?:Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy|Bộ|Tổng cục|Cục|Sở|Ủy ban nhân dân|UBND|Hội đồng nhân dân|HĐND|Ban)\\s[^,.;]{0,60}?)\\s+(?:đã\\s+)?diễn ra\\s+(?=${EVENT_NOUN})`,
  'iu',
);
// 'HĐND tỉnh X thông qua Nghị quyết …': a council acting is a session of it.
const COUNCIL_ACTS_RE = /^(?:[^,;]*,\s*)?((?:HĐND|Hội đồng nhân dân)[^,.;]{0,60}?)\s+(?:(?:đã|cũng|vừa)\s+)*(?:thông qua|bầu|miễn nhiệm|biểu quyết|quyết nghị)(?!\p{L})/u;

/**
 * Organizers the report implies when no sentence says who held the event: a congress's own body
 * ('Đại hội đại biểu Đảng bộ tỉnh X lần thứ XIX' → 'Đảng bộ tỉnh X'), a session's council (the one named
 * with it, with its term), the body whose seat hosts it ('tại Tỉnh ủy X đã diễn ra hội nghị'), a
 * council passing resolutions.
 */
function implied(found: ConferenceFound, lead: Sentence[], all: Sentence[]) {
  const set = (s: Sentence, text: string, at: number, title: string | null) => {
    found.organizers = [{ text: squash(text), start: s.start + at, end: s.start + at + text.length }];
    found.sentence ??= s;
    if (title && !found.title) found.title = titleFrom(title);
  };
  for (const group of [lead, all]) {
    for (const s of group) {
      const c = CONGRESS_RE.exec(s.text);
      if (c) return set(s, c[2]!, c.index + c[0].indexOf(c[2]!), c[1]!);
    }
  }
  const session = lead.find((s) => SESSION_RE.test(s.text));
  if (session) {
    // The council of the session's sentence, else the first named with its unit in the lead or the text.
    const councils = (ss: Sentence[]) => ss.flatMap((s) => [...s.text.matchAll(COUNCIL_RE)].map((m) => ({ s, m })));
    const here = councils([session]);
    const pick = here.find((x) => /\s(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)(?!\p{L})/u.test(x.m[0])) ?? councils(lead).find((x) => /\s(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)(?!\p{L})/u.test(x.m[0])) ?? councils(all).find((x) => /\s(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)(?!\p{L})/u.test(x.m[0])) ?? here[0];
    const sm = SESSION_RE.exec(session.text)!;
    if (pick) return set(pick.s, pick.m[0], pick.m.index!, `${sm[0][0]!.toUpperCase()}${sm[0].slice(1)} ${squash(pick.m[0])}`);
  }
  for (const s of lead) {
    const v = VENUE_RE.exec(s.text);
    if (v) return set(s, v[1]!, v.index + v[0].indexOf(v[1]!), null);
  }
  const first = lead[0];
  const acts = first ? COUNCIL_ACTS_RE.exec(first.text) : null;
  if (first && acts) set(first, acts[1]!, acts.index + acts[0].indexOf(acts[1]!), null);
}
