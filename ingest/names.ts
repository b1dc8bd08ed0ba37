import { SURNAME_SET, expandAbbreviations, titleHeadWords } from './lexicon.js';
import { isKnownPlace, placeLengthAt } from './gazetteer.js';

/** A personal-name candidate in a sentence: offsets relative to the sentence text. */
export interface NameSpan {
  start: number;
  end: number;
  text: string;
  /** A short reference after an honorific ('ông Hải', 'bà Thu Hương'): resolved to a full name of the report, or dropped. */
  short?: boolean;
  /** 'Ông' / 'Bà' alone as a sentence's subject ('Ông là Ủy viên …'): the person of the sentence before. */
  pronoun?: boolean;
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
    'Đ/c', 'Đồng chí',
  ].map((w) => w.normalize('NFC')),
);
// Given names that are also the words 'nguyên' (former) and 'quyền' (acting): they end a name only before a title.
const TITLE_PREFIX_WORDS = new Set(['Nguyên', 'Quyền'].map((w) => w.normalize('NFC')));
// ... except where they are common given names after a surname ('Thị', 'Văn', 'Thành', 'Đại', 'Hồng' ...).
const GIVEN_OK = new Set(['Thị', 'Văn', 'Thành', 'Đại', 'Công', 'Trung', 'Quốc', 'Nhân', 'Huy', 'Đoàn', 'Đồng', 'Liên', 'Hiệp', 'Khen', 'Năm', 'Kỳ', 'Chương', 'Trưởng', 'Thường', 'Hội', 'Tổng', 'Bằng'].map((w) => w.normalize('NFC')));

function isAbbrev(w: string): boolean {
  return w.length >= 2 && w === w.toUpperCase() && /\p{Lu}{2}/u.test(w);
}

/** Would a name stop before `word` followed by `rest` ('Thành ủy', 'Đại hội', 'Phó Bí thư' ...)? */
const PHRASE_STARTS = new Set(['Thành', 'Đại', 'Văn', 'Hội', 'Đoàn', 'Thường', 'Trung', 'Quốc', 'Công', 'Tổng', 'Nhân', 'Phó', 'Chủ', 'Bí', 'Ủy', 'Trưởng', 'Giám']);

// Ordinary words capitalized at a sentence start that are also given names ('Lê Văn Sáng', 'Trần Thị Tham'):
// in a name's last place, followed by punctuation or a lower-case word, they are the name's.
const ORDINARY_GIVEN = new Set(['Sáng', 'Chiều', 'Tối', 'Tại', 'Theo', 'Tham', 'Dự', 'Trong', 'Về', 'Với', 'Lễ', 'Họp', 'Niệm', 'Huân'].map((w) => w.normalize('NFC')));

/** `next`: the text right after the word (punctuation or a space and the next word). */
// Given names that begin a common compound ('Quyết định', 'Nghị quyết', 'Chỉ thị'): they end a name only before it.
// (A Map: looking a fresh string up as an object key costs V8 a string-table search.)
const COMPOUND_START = new Map<string, RegExp>([['Quyết', /^\s*[Đđ]ịnh/u], ['Nghị', /^\s*(?:[Qq]uyết|[Đđ]ịnh)/u], ['Chỉ', /^\s*(?:[Tt]hị|[Đđ]ạo|[Tt]iêu)/u]]);

function endsNameBefore(word: string, restOf: () => string, next = ' '): boolean {
  if (ORDINARY_GIVEN.has(word)) return !/^(?:$|\s*[,;.:()!?…]|\s+[-–—]\s|\s+\p{Ll})/u.test(next);
  const compound = COMPOUND_START.get(word);
  if (compound) return compound.test(restOf());
  if (TITLE_PREFIX_WORDS.has(word)) {
    const rest = restOf();
    return /^\p{L}/u.test(rest) && titleHeadWords(`${word} ${rest}`.slice(0, 60)) > 1;
  }
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
    // The end of a place written before the run ('tỉnh Bắc Giang Lê Văn A'): 'Giang' is not a surname there.
    let i = placeTailAt(text, hit.index, words.map((x) => x.w));
    while (i < words.length) {
      // Skip to the next surname.
      if (!SURNAME_SET.has(words[i]!.w) || isAbbrev(words[i]!.w)) {
        i++;
        continue;
      }
      // A place name starting here ('Lâm Đồng', 'Hà Nội', 'Cà Mau'): skip it whole, unless a personal
      // honorific comes before it and a given name after it ('ông Hà Nam Minh').
      const placeLen = placeLengthAt(words.map((x) => x.w), i);
      if (placeLen && !(i + placeLen < words.length && HONORIFIC_BEFORE_RE.test(text.slice(Math.max(0, words[i]!.at - 12), words[i]!.at)) && !endsNameBefore(words[i + placeLen]!.w, () => text.slice(words[i + placeLen]!.at + words[i + placeLen]!.w.length + 1, words[i + placeLen]!.at + 40)))) {
        i += placeLen;
        continue;
      }
      let j = i + 1;
      while (j < words.length && j - i < 5) {
        const wj = words[j]!;
        if (isAbbrev(wj.w) || endsNameBefore(wj.w, () => text.slice(wj.at + wj.w.length + 1, wj.at + 40), text.slice(wj.at + wj.w.length, wj.at + wj.w.length + 4))) break;
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
  return withUnknownSurnames(text, out);
}

/** How many words of `words` (a run starting at `at`) finish a place name begun by the capitalized words just before it. */
function placeTailAt(text: string, at: number, words: string[]): number {
  // Only a capitalized word right before the run can start a place.
  if (at < 2 || text[at - 1] !== ' ') return 0;
  let b = at - 2;
  while (b > 0 && text[b - 1] !== ' ' && at - b < 12) b--;
  if (!UPPER_RE.test(text[b] ?? '')) return 0;
  const prev: string[] = [];
  let k = at;
  while (prev.length < 3) {
    const m = /(\p{Lu}[\p{L}]*) $/u.exec(text.slice(Math.max(0, k - 12), k));
    if (!m) break;
    prev.unshift(m[1]!);
    k -= m[0].length;
  }
  for (let n = prev.length; n >= 1; n--) {
    const len = placeLengthAt([...prev.slice(-n), ...words], 0);
    if (len > n) return len - n;
  }
  return 0;
}

// Honorifics that always introduce a person: after them an unknown first syllable is still a surname
// ('ông Đàm Quang A' with a rare family name) and one or two syllables are a short reference ('ông Hải').
// The honorific after a space or punctuation ('công ', 'không ' end in 'ông ' too): matched with the
// character before it, which is cheaper than testing every hit inside a word.
const PERSON_LEAD_RE = /(?:^|[ ,;:("'\-–])([Ôô]ng|[Bb]à|[Đđ]ồng chí|[Đđ]\/c|(?:[Đđ]ại|[Tt]hượng|[Tt]rung|[Tt]hiếu) tướng|(?:[Đđ]ại|[Tt]hượng) tá):? +/g;
const UPPER_RE = /\p{Lu}/u;
const HONORIFIC_BEFORE_RE = /(?:^|[^\p{L}])(?:[Ôô]ng|[Bb]à|[Đđ]ồng chí) $/u;
const PRONOUN_SUBJECT_RE = /^[\s"'(•*+–-]*(Ông|Bà)(?= (?:(?:hiện|nay|đồng thời|cũng|còn|vẫn) )?(?:là|giữ chức) )/u;
const FIRST_WORD_RE = /\p{Lu}\p{Ll}*/uy;
const NAME_SYL_RE = /^(?:\p{Lu}\p{Ll}{0,6})$/u;

/** The capitalized, name-like words from `at` (at most 4), stopping before a title, a body or an abbreviation. */
function nameWordsAt(text: string, at: number): Array<{ w: string; at: number }> {
  const words: Array<{ w: string; at: number }> = [];
  const re = /([^\s,;:.!?)"]+)([,;:.!?)"]*)(?: |$)/y;
  re.lastIndex = at;
  let m: RegExpExecArray | null;
  while (words.length < 4 && (m = re.exec(text))) {
    const w = m[1]!;
    if (!NAME_SYL_RE.test(w) || isAbbrev(w)) break;
    if (words.length && endsNameBefore(w, () => text.slice(m!.index + w.length + 1, m!.index + 40))) break;
    if (!words.length && !GIVEN_OK.has(w) && NOT_NAME_WORDS.has(w)) break;
    words.push({ w, at: m.index });
    if (m[2]) break; // punctuation ends the name
  }
  return words;
}

/**
 * Names the surname list misses: a rare family name after an honorific ('bà Đàm Thị A') or as the
 * next item of a list of names followed by a title ('…; Đàm Văn B, Giám đốc Sở …'), and short
 * references after an honorific ('ông Hải'), marked short.
 */
function withUnknownSurnames(text: string, found: NameSpan[]): NameSpan[] {
  const out = [...found];
  const taken = (a: number, b: number) => out.some((n) => n.start < b && a < n.end);
  PERSON_LEAD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PERSON_LEAD_RE.exec(text))) {
    const at = m.index + m[0].length;
    if (!UPPER_RE.test(text[at] ?? '')) continue;
    FIRST_WORD_RE.lastIndex = at;
    const w0 = FIRST_WORD_RE.exec(text)?.[0];
    if (!w0 || SURNAME_SET.has(w0)) continue;
    const words = nameWordsAt(text, at);
    if (!words.length) continue;
    const end = words[words.length - 1]!.at + words[words.length - 1]!.w.length;
    const name = text.slice(at, end);
    // 'Bà Rịa', 'Bà Rịa - Vũng Tàu': the honorific's word begins a place.
    const lead = m[1]!;
    if (placeLengthAt([lead, ...words.map((x) => x.w)], 0) || isKnownPlace(`${lead} ${words[0]!.w}`)) continue;
    if (taken(at, end) || isKnownPlace(name) || placeLengthAt(words.map((x) => x.w), 0)) continue;
    out.push({ start: at, end, text: name, ...(words.length < 3 ? { short: true } : {}) });
  }
  // The next item of a list of names: three or four syllables, then a title or the end of the clause.
  if (found.length >= 2 || (found.length && (text.includes(';') || text.includes(' và ')))) {
    const LIST_ITEM_RE = /(?:[,;] +| và +)/g;
    const firstEnd = Math.min(...found.map((n) => n.end));
    while ((m = LIST_ITEM_RE.exec(text))) {
      const at = m.index + m[0].length;
      if (m.index < firstEnd || !UPPER_RE.test(text[at] ?? '')) continue;
      FIRST_WORD_RE.lastIndex = at;
      const w0 = FIRST_WORD_RE.exec(text)?.[0];
      if (!w0 || SURNAME_SET.has(w0) || NOT_NAME_WORDS.has(w0)) continue;
      const words = nameWordsAt(text, at);
      if (words.length < 3 || SURNAME_SET.has(words[0]!.w)) continue;
      const end = words[words.length - 1]!.at + words[words.length - 1]!.w.length;
      const name = text.slice(at, end);
      const after = text.slice(end, end + 60);
      const titled = /^\s*(?:,|[-–])\s*/.exec(after);
      const ok = titled ? titleHeadWords(expandAbbreviations(after.slice(titled[0].length))) > 0 : /^\s*(?:[.;]|$|và\s)/u.test(after);
      if (!ok || taken(at, end) || isKnownPlace(name) || placeLengthAt(words.map((x) => x.w), 0)) continue;
      out.push({ start: at, end, text: name });
    }
  }
  // 'Ông là …', 'Bà hiện là …' opening a sentence with no name: the pronoun stands for the person before.
  const pro = PRONOUN_SUBJECT_RE.exec(text);
  if (pro && !out.length) out.push({ start: pro.index + pro[0].length - pro[1]!.length, end: pro.index + pro[0].length, text: pro[1]!, short: true, pronoun: true });
  return out.length === found.length ? found : out.sort((a, b) => a.start - b.start);
}

// Words after which a capitalized run names a place or an institution ('đường Lê Lợi', 'Trường THPT Lê Quý Đôn').
const UNIT_BEFORE_RE =
  /(?:^|[^\p{L}])(xã|phường|thị trấn|huyện|quận|thị xã|tỉnh|thành phố|TP\.?|tp\.?|đặc khu|thôn|ấp|bản|làng|khu phố|tổ dân phố|điểm cầu|đường|phố|sông|núi|chùa|đền|cầu|[Tt]rường|nhà văn hóa|THPT|THCS|TH|[Tt]iểu học|[Mm]ầm non|[Đđ]ại học|[Hh]ọc viện|[Bb]ệnh viện|[Cc]ông ty|[Qq]uỹ|[Gg]iải|giải thưởng|công viên|quảng trường|đại lộ|[Nn]hà thờ|[Đđ]ội|[Cc]hi đoàn|[Cc]ụm)\s*$/u;

/** A capitalized run right after 'xã', 'phường', 'tỉnh' ... is a place, unless it is a person after a title ('Chủ tịch UBND tỉnh Trần Văn A'). */
function isPlaceContext(text: string, start: number, name: string): boolean {
  if (isKnownPlace(name)) return true;
  const before = text.slice(Math.max(0, start - 20), start);
  // 'Bí thư Huyện ủy Triệu Sơn': after a committee a two-syllable run is its unit; a person has three ('Huyện ủy Lò Văn A' is rarer).
  if (before.endsWith('ủy ') && /(?:Tỉnh|Thành|Huyện|Quận|Thị|Đảng) ủy $/u.test(before) && name.split(' ').length === 2) return true;
  const unit = UNIT_BEFORE_RE.exec(before);
  if (!unit) return false;
  const kind = unit[1]!.toLowerCase();
  // After 'tỉnh'/'thành phố' only known places are places: the gazetteer lists them all.
  if (kind === 'tỉnh' || kind.startsWith('thành phố') || kind.startsWith('tp')) return false;
  return true;
}

