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

/** The year for a day and month given the publication date: the latest such day not after publication (+2 days of slack). */
function completeYear(d: number, m: number, published: string | null, header: { year: number; month: number } | null): number | null {
  if (published) {
    const pub = new Date(published + 'T00:00:00');
    const y = pub.getFullYear();
    const same = makeDate(y, m, d);
    if (same && differenceInCalendarDays(same, pub) <= 2) return y;
    return makeDate(y - 1, m, d) ? y - 1 : null;
  }
  if (header) return m <= header.month ? header.year : header.year - 1;
  return null;
}

/**
 * The event date from the lead sentences: a part-of-day date anywhere in the lead, or a
 * 'ngày dd/mm' in a sentence that reports the event. The first such date wins.
 */
export function findEventDate(
  lead: Sentence[],
  published: string | null,
  header: { year: number; month: number } | null,
): DateFound | null {
  for (const s of lead) {
    const cands = [
      ...scan(TIMED_RE, s, (m) => ({ d: +m[1]!, m: +m[2]!, y: m[3] ? +m[3] : null })),
      ...scan(RANGE_RE, s, (m) => ({ d: +m[1]!, m: +m[3]!, y: m[4] ? +m[4] : null })),
      ...scan(WORDED_RE, s, (m) => ({ d: +m[1]!, m: +m[2]!, y: m[3] ? +m[3] : null })),
      ...(EVENT_SENTENCE_RE.test(s.text) ? scan(DAY_RE, s, (m) => ({ d: +m[1]!, m: +m[2]!, y: m[3] ? +m[3] : null })) : []),
    ].sort((a, b) => a.start - b.start);
    for (const c of cands) {
      const y = c.y ?? completeYear(c.d, c.m, published, header);
      if (y == null) continue;
      const dt = makeDate(y, c.m, c.d);
      if (dt) return { iso: iso(dt), start: c.start, end: c.end };
    }
  }
  return null;
}
