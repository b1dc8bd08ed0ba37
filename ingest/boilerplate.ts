/**
 * Page furniture around a report: the header (category, headline, publication line), the byline,
 * share buttons, comment boxes and 'related news' teasers. Works line by line on the cleaned text
 * and returns the spans to keep; offsets stay those of the source.
 */

export interface Line {
  start: number;
  end: number;
  text: string;
}

export interface Layout {
  /** Lines of the report proper (header lines included: a headline can name people too). */
  body: Line[];
  /** The publication line ('Thứ bảy, 25/02/2023 - 08:54', 'Ngày đăng ...'), if any. */
  publicationLine: Line | null;
  headline: string | null;
  /** The headline's line, when there is one (not part of the lead). */
  headlineLine: Line | null;
  /** '(Lamdongtv.vn) - ...' → 'Lamdongtv.vn'. */
  publisher: string | null;
  /** What was dropped and why, for debugging and tests. */
  dropped: Array<{ text: string; why: 'widget' | 'byline' | 'related' | 'noise' }>;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      lines.push({ start, end: i, text: text.slice(start, i) });
      start = i + 1;
    }
  }
  return lines;
}

// A line that starts the page's furniture: everything from it on is not the report.
const WIDGET_RE =
  /^(?:thích và chia sẻ|chia sẻ(?: bài viết| bài| lên| qua)?\s*:?$|chia sẻ bài viết|bình luận\s*(?:\(\d+\))?$|ý kiến bạn đọc|nhập bình luận|gửi bình luận|viết bình luận|bạn đọc bình luận|tin liên quan|bài liên quan|tin cùng chuyên mục|tin khác|các tin khác|tin mới(?: nhất)?$|tin đã đưa|xem thêm|đọc thêm|bài viết liên quan|có thể bạn quan tâm|từ khóa\s*:|tags?\s*:|quảng cáo|in bài viết|lên đầu trang|bản quyền|copyright|©|gửi cho bạn bè|theo dõi chúng tôi|chuyên mục khác|tin nổi bật|tin xem nhiều)/i;

// A line that alone names the writer: 'Tin, ảnh: ...', 'Bài và ảnh: ...', 'PV', 'NHÓM PV'.
const CREDIT_RE = /^(?:tin(?:,| và)? ảnh|bài(?:,| và)? ảnh|tin|bài|ảnh|video|clip|nguồn|theo|tác giả|phóng viên|nhóm phóng viên|nhóm pv|pv)\s*:\s*\S/i;

const PUBLICATION_RE =
  /(?:ngày đăng|đăng lúc|đăng ngày|cập nhật|cập nhật lúc|xuất bản|thứ (?:hai|ba|tư|năm|sáu|bảy)|chủ nhật|gmt|\d{1,2}:\d{2})/i;
const FULL_DATE_RE = /\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{4}/;

/** 'Tin, ảnh: Ngọc Trang' is a credit; 'Ảnh: Đồng chí X phát biểu' is a caption (a real mention). */
function isCredit(line: string): boolean {
  const t = line.trim();
  const m = CREDIT_RE.exec(t);
  if (!m) return false;
  const rest = t.slice(t.indexOf(':') + 1).trim();
  return words(rest).length <= 6 && rest.split(/[,;&-]|\svà\s/).every((p) => !p.trim() || /^(?:[\p{Lu}][\p{L}.']*\s*)+$/u.test(p.trim()));
}

function words(s: string): string[] {
  return s.trim().split(/\s+/).filter(Boolean);
}

/** A short line without sentence punctuation, made of capitalized words: a byline ('DUY DANH', 'Hồng Phương- Trần Khánh'). */
export function looksLikeByline(text: string): boolean {
  const t = text.trim();
  if (!t) return false;
  if (CREDIT_RE.test(t)) return isCredit(t);
  const w = words(t.replace(/[-–—,&]/g, ' '));
  if (w.length === 0 || w.length > 7) return false;
  if (/[.:;!?"]$/.test(t) && !/^[\p{Lu}\s.]+$/u.test(t)) return false;
  return w.every((x) => /^[\p{Lu}][\p{L}.']*$/u.test(x) || /^\(.*\)$/.test(x));
}

export function analyzeLayout(text: string): Layout {
  const all = splitLines(text);
  const dropped: Layout['dropped'] = [];
  let lines = all;

  // 1. Cut at the first widget line (after some content): share buttons, comments, related news.
  const firstContent = lines.findIndex((l) => words(l.text).length >= 8);
  let cut = lines.findIndex((l, i) => i > firstContent && firstContent >= 0 && WIDGET_RE.test(l.text.trim()));
  // A second lead with the publisher's mark ('(Lamdongtv.vn) - ...') is another story's teaser:
  // cut from its headline, the non-empty line before it.
  const leads = lines.map((l, i) => (/^\s*\([^()]{2,40}\)\s*[-–—]\s/.test(l.text) ? i : -1)).filter((i) => i >= 0);
  if (leads.length > 1) {
    let t = leads[1]!;
    while (t > 0 && !lines[t - 1]!.text.trim()) t--;
    const teaser = t > leads[0]! + 1 ? t - 1 : leads[1]!;
    if (cut < 0 || teaser < cut) cut = teaser;
  }
  if (cut >= 0) {
    for (const l of lines.slice(cut)) if (l.text.trim()) dropped.push({ text: l.text.trim(), why: 'related' });
    lines = lines.slice(0, cut);
  }

  // 2. Trailing noise and the byline: short capitalized lines after the last paragraph.
  let end = lines.length;
  for (;;) {
    while (end > 0 && !/[\p{L}\p{N}]/u.test(lines[end - 1]!.text)) {
      if (lines[end - 1]!.text.trim()) dropped.push({ text: lines[end - 1]!.text.trim(), why: 'noise' });
      end--;
    }
    if (end > 0 && looksLikeByline(lines[end - 1]!.text) && end - 1 > firstContent) {
      dropped.push({ text: lines[end - 1]!.text.trim(), why: 'byline' });
      end--;
      continue;
    }
    break;
  }
  lines = lines.slice(0, end);
  // Credit lines anywhere ('Tin, ảnh: ...') are not content either.
  lines = lines.filter((l) => {
    if (isCredit(l.text)) {
      dropped.push({ text: l.text.trim(), why: 'byline' });
      return false;
    }
    return true;
  });

  // 3. Header: the publication line and the headline sit before the first long paragraph.
  const headerEnd = Math.max(0, lines.findIndex((l) => words(l.text).length >= 20));
  let publicationLine: Line | null = null;
  let headline: string | null = null;
  let headlineLine: Line | null = null;
  // The publication line is short and near the top (sometimes after a long headline).
  const top = lines.filter((l) => l.text.trim()).slice(0, 8);
  publicationLine =
    top.find((l) => {
      const t = l.text.trim();
      // A date with a weekday, a time or 'Ngày đăng'/'Cập nhật' ..., or a bare date on its own line.
      return t.length <= 120 && FULL_DATE_RE.test(t) && (PUBLICATION_RE.test(t) || t.length <= 24);
    }) ?? null;
  // The headline: the first line of a few words near the top that is not a sentence of the report.
  for (const l of top.slice(0, 6)) {
    const t = l.text.trim();
    if (l === publicationLine || words(t).length < 4 || t.length > 250 || /[.]$/.test(t) || /^\(.{2,40}\)\s*[-–—]/.test(t)) continue;
    headline = t.replace(/^date\s+\d{4}-\d{2}\s+/i, '').replace(/:$/, '');
    headlineLine = l;
    break;
  }

  let publisher: string | null = null;
  const lead = lines[headerEnd];
  const pm = lead ? /^\s*\(([^()]{2,40})\)\s*[-–—]/.exec(lead.text) : null;
  if (pm) publisher = pm[1]!.trim();

  return { body: lines.filter((l) => l !== publicationLine), publicationLine, headline, headlineLine, publisher, dropped };
}
