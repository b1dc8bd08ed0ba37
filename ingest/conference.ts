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
    const held = HELD_RE.exec(s.text);
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
  if (found.sentence) {
    const at = /(?<!\p{L})tại\s+((?:tỉnh|thành phố|TP\.?|huyện|thị xã)\s+)?(\p{Lu}[\p{L}]*(?:\s+\p{Lu}[\p{L}]*){0,3})/u.exec(found.sentence.text);
    if (at && !/^(?:Hội|Trụ|Nhà|Trung|Khách|Phòng|Văn|Ủy|Tỉnh|Thành|Huyện)/u.test(at[2]!)) found.place = at[2]!;
  }
  if (!found.title && headline) found.title = titleFrom(headline);
  return found;
}
