import { differenceInCalendarDays, formatISO, isValid } from 'date-fns';
import type { Sentence } from './sentences.js';

/**
 * Dates: the publication date from the publisher's line, the event date from the lead
 * ('Sáng 25/12', 'ngày 31/12/2020', 'Chiều 30-6'), its year completed from the publication
 * line or a 'date YYYY-MM' header. Unknown stays null: never guessed.
 */

export interface DateFound {
  iso: string;
  start: number;
  end: number;
}

function makeDate(y: number, m: number, d: number): Date | null {
  const dt = new Date(y, m - 1, d);
  if (!isValid(dt) || dt.getFullYear() !== y || dt.getMonth() !== m - 1 || dt.getDate() !== d) return null;
  if (y < 1945 || y > 2100) return null;
  return dt;
}

const iso = (dt: Date) => formatISO(dt, { representation: 'date' });

const FULL_DATE = /(?<!\d)(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})(?!\d)/;

/** 'Thứ bảy, 25/02/2023 - 08:54' → 2023-02-25. */
export function parsePublicationDate(line: string): string | null {
  const m = FULL_DATE.exec(line);
  if (!m) return null;
  const dt = makeDate(+m[3]!, +m[2]!, +m[1]!);
  return dt ? iso(dt) : null;
}

/** An archive's 'date 2020-12' or 'date 2025-09-30' stamp at the start of a text → { year, month, day? }. */
export function parseHeaderMonth(text: string): { year: number; month: number; day?: number } | null {
  const m = /(?:^|\s)date\s+(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?!\d)/i.exec(text.slice(0, 300));
  if (!m) return null;
  const month = +m[2]!;
  if (month < 1 || month > 12) return null;
  const day = m[3] ? +m[3] : undefined;
  if (day !== undefined && !makeDate(+m[1]!, month, day)) return { year: +m[1]!, month };
  return day !== undefined ? { year: +m[1]!, month, day } : { year: +m[1]!, month };
}

/** The stamp as a date: its day, or the first of its month. */
export function stampDate(header: { year: number; month: number; day?: number } | null): string | null {
  if (!header) return null;
  const dt = makeDate(header.year, header.month, header.day ?? 1);
  return dt ? iso(dt) : null;
}

// 'Sáng 25/12', 'Chiều ngày 30-6', 'Sáng ngày ngày 31/12/2020', 'Sáng nay (25/12)', 'Trong 2 ngày 24 và 25/12'.
const PART_OF_DAY = '(?:sáng|chiều|tối|trưa|đêm|rạng sáng)';
const DAY_MONTH = '(\\d{1,2})\\s*[/\\-.]\\s*(\\d{1,2})(?:\\s*[/\\-.]\\s*(\\d{4}))?(?![\\d/])';
const TIMED_RE = new RegExp(
  `(?<!\\p{L})${PART_OF_DAY}(?:\\s+(?:nay|qua|hôm nay|hôm qua))?,?(?:\\s+ngày)*\\s*\\(?\\s*${DAY_MONTH}`,
  'giu',
);
// 'ngày 25 tháng 12 năm 2020', 'sáng 3 tháng 2'.
const WORDED_RE = new RegExp(`(?<!\\p{L})(?:${PART_OF_DAY}|ngày)(?:\\s+ngày)*\\s+(\\d{1,2})\\s+tháng\\s+(\\d{1,2})(?:\\s+năm\\s+(\\d{4}))?`, 'giu');
const DAY_RE = new RegExp(`(?<!\\p{L})(?:ngày|hôm nay|hôm qua)(?:\\s+ngày)*\\s*\\(?\\s*${DAY_MONTH}`, 'giu');
const RANGE_RE = /(?<!\p{L})(?:trong\s+)?(?:\d\s+)?ngày\s+(\d{1,2})\s*(?:và|,|-|–|đến)\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})(?:\s*[/\-.]\s*(\d{4}))?/giu;
/** A sentence that reports the event itself. */
const EVENT_SENTENCE_RE = /(?:tổ chức|diễn ra|khai mạc|bế mạc|họp|hội nghị|lễ|kỳ họp|đại hội|hội thảo|tọa đàm)/i;

interface Raw {
  d: number;
  m: number;
  y: number | null;
  start: number;
  end: number;
}

function scan(re: RegExp, s: Sentence, pick: (m: RegExpExecArray) => Omit<Raw, 'start' | 'end'>): Raw[] {
  re.lastIndex = 0;
  const out: Raw[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(s.text))) out.push({ ...pick(m), start: s.start + m.index, end: s.start + m.index + m[0].length });
  return out;
}

/**
 * What the report itself says about its year, for a day and month written without one (see yearFromText):
 * full dates, the start of a term whose congress or first sitting it reports, the period it reviews
 * and the tasks it sets.
 */
export interface YearHints {
  /** Full dates of past facts ('Ngày 20/10/2024, ông … được thăng …'); not birth dates nor deadlines. */
  dated: Array<{ y: number; m: number; d: number }>;
  /** Y1 of 'nhiệm kỳ Y1-Y2' when the report is that term's congress, first sitting or re-election. */
  termStart: number | null;
  /** The period reviewed ('tổng kết năm 2022', '6 tháng đầu năm 2024', 'quý II/2024') and its last month. */
  reviewed: { year: number; lastMonth: number } | null;
  /** The year the tasks are set for ('triển khai nhiệm vụ năm 2023', 'phương hướng năm 2023'). */
  tasks: number | null;
}

const FULL_DATE_G = /(?<!\d)(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})(?!\d)/g;
// A full date after these words is a birth date, a deadline or a span's end, not a past fact of the story.
const NOT_PAST_BEFORE_RE = /(?:sinh|SN|đến|tới|trước|hạn|chậm nhất|hết|cho đến)\s*(?:ngày|hôm)?\s*$/iu;
const FUTURE_RE = /sẽ|[Dd]ự kiến|[Kk]ế hoạch|chậm nhất|hạn chót/;
const TERM_RE = /nhiệm kỳ\s+(\d{4})\s*[-–]\s*(\d{4})/u;
// A congress ('Đại hội …'), a council's first sitting ('kỳ họp thứ nhất'), a re-election for a term.
const TERM_START_RE = /(?<!\p{L})(?:đại hội|kỳ họp thứ nhất|phiên họp thứ nhất|hội nghị lần thứ nhất)(?!\p{L})/iu;
const RE_ELECTED_RE = /(?<!\p{L})(?:tái cử|tái đắc cử|tiếp tục được bầu|tiếp tục trúng cử|được bầu tái cử)(?!\p{L})/iu;
const REVIEW_RE =
  /(?<!\p{L})(?:tổng kết|sơ kết|đánh giá|kết quả|số liệu|tình hình)(?!\p{L})[^.;]{0,80}?(?:(\d+) tháng(?: đầu)? năm|quý (I{1,3}|IV|\d)(?: và \d+ tháng(?: đầu)? năm|\s*\/|\s+năm)|năm)\s+(\d{4})/iu;
const TASKS_RE = /(?<!\p{L})(?:nhiệm vụ|phương hướng|kế hoạch|chương trình công tác)(?!\p{L})[^.;]{0,40}?năm\s+(\d{4})/iu;
const QUARTER_END: Record<string, number> = { I: 3, '1': 3, II: 6, '2': 6, III: 9, '3': 9, IV: 12, '4': 12 };

/** The hints of a report: full dates anywhere; term, period and tasks from the lead (where the event is named). */
export function yearHints(all: Sentence[], lead: Sentence[]): YearHints {
  const dated: YearHints['dated'] = [];
  let termStart: number | null = null;
  for (const s of all) {
    FULL_DATE_G.lastIndex = 0;
    let m: RegExpExecArray | null;
    // A plan or a deadline ('sẽ khai mạc ngày …', 'dự kiến', 'kế hoạch') dates the future, not a past fact.
    const future = FUTURE_RE.test(s.text);
    while (!future && (m = FULL_DATE_G.exec(s.text))) {
      if (NOT_PAST_BEFORE_RE.test(s.text.slice(Math.max(0, m.index - 20), m.index))) continue;
      if (makeDate(+m[3]!, +m[2]!, +m[1]!)) dated.push({ y: +m[3]!, m: +m[2]!, d: +m[1]! });
    }
    const term = TERM_RE.exec(s.text);
    if (term && termStart === null && ((lead.includes(s) && TERM_START_RE.test(s.text)) || RE_ELECTED_RE.test(s.text))) termStart = +term[1]!;
  }
  let reviewed: YearHints['reviewed'] = null;
  let tasks: number | null = null;
  for (const s of lead) {
    const r = REVIEW_RE.exec(s.text);
    if (r && !reviewed) reviewed = { year: +r[3]!, lastMonth: r[1] ? Math.min(12, +r[1]) : r[2] ? QUARTER_END[r[2]] ?? 12 : 12 };
    const t = TASKS_RE.exec(s.text);
    if (t && tasks === null) tasks = +t[1]!;
  }
  return { dated, termStart, reviewed, tasks };
}

/**
 * A year for day d, month m from the report's own words, or null when nothing pins it down: a full
 * date with the same day and month; the first year of a term whose congress or first sitting is
 * reported; the period reviewed (a date after its end is in its year, a date in the first quarter
 * reviewing a whole year is in the next); the year tasks are set for (a date in the last quarter is
 * in the year before); the latest past fact of the text, the event being on or after it and within a year.
 */
export function yearFromText(d: number, m: number, h: YearHints): number | null {
  const same = h.dated.find((x) => x.d === d && x.m === m);
  if (same) return same.y;
  if (h.termStart) return h.termStart;
  if (h.reviewed) {
    if (m >= h.reviewed.lastMonth) return h.reviewed.year;
    if (h.reviewed.lastMonth === 12 && m <= 3) return h.reviewed.year + 1;
  }
  if (h.tasks) {
    if (m >= 10) return h.tasks - 1;
    if (m <= 6) return h.tasks;
  }
  if (h.dated.length) {
    const key = (x: { y: number; m: number; d: number }) => x.y * 10000 + x.m * 100 + x.d;
    const latest = h.dated.reduce((a, b) => (key(b) > key(a) ? b : a));
    return m * 100 + d >= latest.m * 100 + latest.d ? latest.y : latest.y + 1;
  }
  return null;
}

/** The year for a day and month given the publication date: the latest such day not after publication (+2 days of slack). */
function completeYear(d: number, m: number, published: string | null, header: { year: number; month: number } | null, hints: YearHints | null): number | null {
  if (published) {
    const pub = new Date(published + 'T00:00:00');
    const y = pub.getFullYear();
    const same = makeDate(y, m, d);
    if (same && differenceInCalendarDays(same, pub) <= 2) return y;
    return makeDate(y - 1, m, d) ? y - 1 : null;
  }
  if (header) return m <= header.month ? header.year : header.year - 1;
  return hints ? yearFromText(d, m, hints) : null;
}

/**
 * The event date from the lead sentences: a part-of-day date anywhere in the lead, or a
 * 'ngày dd/mm' in a sentence that reports the event. The first such date wins.
 */
export function findEventDate(
  lead: Sentence[],
  published: string | null,
  header: { year: number; month: number } | null,
  hints: YearHints | null = null,
): DateFound | null {
  for (const s of lead) {
    const cands = [
      ...scan(TIMED_RE, s, (m) => ({ d: +m[1]!, m: +m[2]!, y: m[3] ? +m[3] : null })),
      ...scan(RANGE_RE, s, (m) => ({ d: +m[1]!, m: +m[3]!, y: m[4] ? +m[4] : null })),
      ...scan(WORDED_RE, s, (m) => ({ d: +m[1]!, m: +m[2]!, y: m[3] ? +m[3] : null })),
      ...(EVENT_SENTENCE_RE.test(s.text) ? scan(DAY_RE, s, (m) => ({ d: +m[1]!, m: +m[2]!, y: m[3] ? +m[3] : null })) : []),
    ].sort((a, b) => a.start - b.start);
    for (const c of cands) {
      const y = c.y ?? completeYear(c.d, c.m, published, header, hints);
      if (y == null) continue;
      const dt = makeDate(y, c.m, c.d);
      if (dt) return { iso: iso(dt), start: c.start, end: c.end };
    }
  }
  return null;
}
