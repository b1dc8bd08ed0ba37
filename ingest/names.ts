import { SURNAME_SET, titleHeadWords } from './lexicon.js';
import { isKnownPlace, placeLengthAt } from './gazetteer.js';

/** A personal-name candidate in a sentence: offsets relative to the sentence text. */
export interface NameSpan {
  start: number;
  end: number;
  text: string;
}

// A syllable of a name: a capital then letters; mis-cased later letters ('ANh') are allowed,
// an all-capitals word of two letters or more is an abbreviation ('UBND', 'TT'), not a name.
const SYL = "[\\p{Lu}][\\p{L}'’]*";
// A run of capitalized words, matched where a surname hit starts (sticky).
const RUN_RE = new RegExp(`${SYL}(?:[ ]{1,2}${SYL})*`, 'uy');
// Where a surname is followed by a capitalized word. No look-behind: V8 runs a look-behind at every
// position of the text, which made this scan several times slower; the word boundary is checked by hand.
const HIT_RE = new RegExp(`(?:${[...SURNAME_SET].sort((a, b) => b.length - a.length).join('|')})(?=[ ]{1,2}\\p{Lu})`, 'gu');
const WORD_CHAR = /[\p{L}\p{N}'’]/u;

// Capitalized words that cannot be part of a name in this kind of text: they start a title, a body or a clause.
const NOT_NAME_WORDS = new Set(
  [
    'Phó', 'Chủ', 'Bí', 'Ủy', 'Uỷ', 'Ban', 'Tỉnh', 'Trưởng', 'Giám', 'Sở', 'Bộ', 'Đảng', 'Huyện', 'Xã', 'Phường',
    'Quận', 'Tổng', 'Chánh', 'Viện', 'Cục', 'Tại', 'Sáng', 'Chiều', 'Tối', 'Ngày', 'Theo', 'Tham', 'Dự', 'Trong',
    'Về', 'Với', 'Các', 'Những', 'Ảnh', 'Đồng', 'Ông', 'Bà', 'Hội', 'Thường', 'Mặt', 'Trung', 'Ương', 'Nhân',
    'Đoàn', 'Đại', 'Văn', 'Quốc', 'Thành', 'Khối', 'Công', 'Liên', 'Hiệp', 'Nghị', 'Quyết', 'Chỉ', 'Kỷ', 'Niệm',
    'Chương', 'Bằng', 'Khen', 'Huân', 'Huy', 'Lễ', 'Kỳ', 'Họp', 'Thị', 'Trấn', 'Và', 'Của', 'Cho', 'Năm', 'Tháng',
    'Đ/c', 'Đồng chí', 'Nguyên', 'Quyền',
  ].map((w) => w.normalize('NFC')),
);
// ... except where they are common given names after a surname ('Thị', 'Văn', 'Thành', 'Đại', 'Hồng' ...).
const GIVEN_OK = new Set(['Thị', 'Văn', 'Thành', 'Đại', 'Công', 'Trung', 'Quốc', 'Nhân', 'Huy', 'Đoàn', 'Đồng', 'Liên', 'Hiệp', 'Khen', 'Năm', 'Kỳ', 'Chương', 'Trưởng', 'Thường', 'Hội', 'Tổng', 'Bằng'].map((w) => w.normalize('NFC')));

function isAbbrev(w: string): boolean {
  return w.length >= 2 && w === w.toUpperCase() && /\p{Lu}{2}/u.test(w);
}

/** Would a name stop before `word` followed by `rest` ('Thành ủy', 'Đại hội', 'Phó Bí thư' ...)? */
const PHRASE_STARTS = new Set(['Thành', 'Đại', 'Văn', 'Hội', 'Đoàn', 'Thường', 'Trung', 'Quốc', 'Công', 'Tổng', 'Nhân', 'Phó', 'Chủ', 'Bí', 'Ủy', 'Trưởng', 'Giám']);

function endsNameBefore(word: string, restOf: () => string): boolean {
  if (!GIVEN_OK.has(word) && NOT_NAME_WORDS.has(word)) return true;
  if (!PHRASE_STARTS.has(word)) return false;
  const tail = `${word} ${restOf()}`.slice(0, 40);
  // A title or a body starts here ('Thành ủy', 'Đoàn Thanh niên', 'Đại hội', 'Thường trực ...').
  if (/^(?:Thành (?:ủy|phố|đoàn)|Đại (?:hội|biểu|diện|tá|tướng|úy|học)|Văn phòng|Hội (?:nghị|đồng|Nông|Cựu|Liên|Phụ|Chữ|Người|Khuyến|Nhà)|Đoàn (?:Thanh|đại|công|kiểm|giám|ĐBQH|Đại)|Thường (?:trực|vụ)|Trung (?:ương|tâm|tá|tướng)|Quốc (?:hội|gia)|Công (?:an|ty|đoàn)|Tổng (?:Bí|Giám|cục|công|Thư|Liên)|Nhân (?:dân|dịp))(?!\p{L})/u.test(tail))
    return true;
  return /^(?:Phó|Chủ|Bí|Ủy|Trưởng|Giám|Thường)/u.test(word) && titleHeadWords(tail) > 0;
}

/**
 * Personal-name candidates: a known surname followed by one to four capitalized syllables.
 * Places ('Lâm Đồng', 'phường Hà Phong') are told apart by the gazetteer and the unit word before them.
 */
export function findNames(text: string): NameSpan[] {
  const out: NameSpan[] = [];
  HIT_RE.lastIndex = 0;
  let consumed = 0;
  let hit: RegExpExecArray | null;
  while ((hit = HIT_RE.exec(text))) {
    if (hit.index < consumed || (hit.index > 0 && WORD_CHAR.test(text[hit.index - 1]!))) continue;
    RUN_RE.lastIndex = hit.index;
    const m = RUN_RE.exec(text);
    if (!m) continue;
    consumed = hit.index + m[0].length;
    const words: Array<{ w: string; at: number }> = [];
    const re = /\S+/g;
    let w: RegExpExecArray | null;
    while ((w = re.exec(m[0]))) words.push({ w: w[0], at: m.index + w.index });
    let i = 0;
    while (i < words.length) {
      // Skip to the next surname.
      if (!SURNAME_SET.has(words[i]!.w) || isAbbrev(words[i]!.w)) {
        i++;
        continue;
      }
      // A place name starting here ('Lâm Đồng', 'Hà Nội', 'Cà Mau'): skip it whole.
      const placeLen = placeLengthAt(words.map((x) => x.w), i);
      if (placeLen) {
        i += placeLen;
        continue;
      }
      let j = i + 1;
      while (j < words.length && j - i < 5) {
        const wj = words[j]!;
        if (isAbbrev(wj.w) || endsNameBefore(wj.w, () => text.slice(wj.at + wj.w.length + 1, wj.at + 40))) break;
        j++;
      }
      if (j - i >= 2) {
        const start = words[i]!.at;
        const end = words[j - 1]!.at + words[j - 1]!.w.length;
        const name = text.slice(start, end).replace(/['’]+$/, '');
        if (!isPlaceContext(text, start, name)) out.push({ start, end: start + name.length, text: name });
      }
      i = j;
    }
  }
  return out;
}

// Words after which a capitalized run names a place or an institution ('đường Lê Lợi', 'Trường THPT Lê Quý Đôn').
const UNIT_BEFORE_RE =
  /(?:^|[^\p{L}])(xã|phường|thị trấn|huyện|quận|thị xã|tỉnh|thành phố|TP\.?|tp\.?|đặc khu|thôn|ấp|bản|làng|khu phố|tổ dân phố|điểm cầu|đường|phố|sông|núi|chùa|đền|cầu|[Tt]rường|nhà văn hóa|THPT|THCS|TH|[Tt]iểu học|[Mm]ầm non|[Đđ]ại học|[Hh]ọc viện|[Bb]ệnh viện|[Cc]ông ty|[Qq]uỹ|[Gg]iải|giải thưởng|công viên|quảng trường|đại lộ|[Nn]hà thờ|[Đđ]ội|[Cc]hi đoàn|[Cc]ụm)\s*$/u;

/** A capitalized run right after 'xã', 'phường', 'tỉnh' ... is a place, unless it is a person after a title ('Chủ tịch UBND tỉnh Trần Văn A'). */
function isPlaceContext(text: string, start: number, name: string): boolean {
  if (isKnownPlace(name)) return true;
  const before = text.slice(Math.max(0, start - 20), start);
  const unit = UNIT_BEFORE_RE.exec(before);
  if (!unit) return false;
  const kind = unit[1]!.toLowerCase();
  // After 'tỉnh'/'thành phố' only known places are places: the gazetteer lists them all.
  if (kind === 'tỉnh' || kind.startsWith('thành phố') || kind.startsWith('tp')) return false;
  return true;
}

