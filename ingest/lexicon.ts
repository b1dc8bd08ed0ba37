import { fold, memo } from './normalize.js';
import type { OrgKind, Role } from './extraction-schema.js';

/**
 * General Vietnamese vocabulary for official news: surnames, honorifics, position titles, body
 * types, abbreviations and role cues. Nothing here comes from a particular report.
 */

/** Family names, Kinh and the commonest of other ethnic groups (Tày, Thái, Mường, Khmer, Hmong, Ê Đê ...). */
export const SURNAMES = [
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý',
  'Lí', 'Trương', 'Đoàn', 'Đinh', 'Lâm', 'Mai', 'Cao', 'Hà', 'Lưu', 'Tô', 'Tạ', 'Thái', 'Quách', 'Châu', 'Lương', 'Phùng',
  'Trịnh', 'Đào', 'Kiều', 'La', 'Tăng', 'Từ', 'Thân', 'Vương', 'Lại', 'Khổng', 'Mạc', 'Hứa', 'Triệu', 'Âu', 'Chu', 'Diệp',
  'Giang', 'Kim', 'Khúc', 'Khương', 'Lục', 'Mã', 'Nông', 'Phí', 'Quan', 'Sầm', 'Tôn', 'Tống', 'Văn', 'Vi', 'Đàm',
  'Lã', 'Ôn', 'Thạch', 'Sơn', 'Danh', 'Tất', 'Bế', 'Lò', 'Lường', 'Cầm', 'Đèo', 'Ma', 'Sùng', 'Giàng', 'Thào', 'Vừ', 'Mùa',
  'Lầu', 'Hầu', 'Lù', 'Chẩu', 'Bàn', 'Ninh', 'Nịnh', 'Mông', 'Y', 'H', 'Ksor', 'Siu', 'Rơ', 'Điểu', 'Kpă', 'Rah', 'Nay',
  'Hồng', 'Cù', 'Doãn', 'Kha', 'Mẫn', 'Nghiêm', 'Ngụy', 'Phó', 'Quản', 'Tiêu', 'Trang', 'Trình', 'Viên', 'Yên', 'Bạch',
  'Biện', 'Cấn', 'Công', 'Đồng', 'Giáp', 'Hàn', 'Hạ', 'Khuất', 'Lạc', 'Lư', 'Mạnh', 'Nhữ', 'Ngọ', 'Phương', 'Quang', 'Tào',
  'Thiều', 'Thịnh', 'Tiết', 'Tòng', 'Trà', 'Ứng', 'Vòng', 'Âu Dương', 'Đậu', 'Lữ', 'Quàng', 'Nhan', 'Bành', 'Cung',
  'Giản', 'Khiếu', 'Ngân', 'Quế', 'Uông', 'Vưu', 'Thi', 'Sái', 'Lèo', 'Khà', 'Hờ', 'Chảo', 'Tẩn', 'Phàn', 'Nùng',
].filter((s) => s !== 'Phó' && s !== 'Công' && s !== 'Đồng' && s !== 'Quang' && s !== 'Phương' && s !== 'Văn' && s !== 'Yên');
// ('Phó', 'Công', 'Đồng' ... are real but rare surnames that collide with title and place words; left out on purpose.)

export const SURNAME_SET = new Set(SURNAMES.map((s) => s.normalize('NFC')));

/** Words that introduce a person. */
export const HONORIFICS = [
  'các đồng chí', 'đồng chí', 'đ/c', 'Đ/c', 'ông', 'bà', 'anh', 'chị', 'em', 'cháu', 'cụ', 'cô', 'thầy',
  'Hòa thượng', 'Thượng tọa', 'Đại đức', 'Ni sư', 'Linh mục', 'Mục sư',
  'Đại tướng', 'Thượng tướng', 'Trung tướng', 'Thiếu tướng', 'Đại tá', 'Thượng tá', 'Trung tá', 'Thiếu tá', 'Đại úy',
  'Giáo sư', 'Phó Giáo sư', 'GS.TS', 'PGS.TS', 'GS', 'PGS', 'TS', 'ThS', 'Tiến sĩ', 'Thạc sĩ', 'Bác sĩ', 'nhà báo', 'nghệ nhân',
];

/**
 * Abbreviations used in positions and body names, expanded for output. Order matters: longer
 * forms first. Matched as whole words, case-sensitively (they are written in capitals).
 */
export const ABBREVIATIONS: Array<[string, string]> = [
  ['UBMTTQVN', 'Ủy ban Mặt trận Tổ quốc Việt Nam'],
  ['UBMTTQ', 'Ủy ban Mặt trận Tổ quốc'],
  ['MTTQVN', 'Mặt trận Tổ quốc Việt Nam'],
  ['MTTQ', 'Mặt trận Tổ quốc'],
  ['UBND', 'Ủy ban nhân dân'],
  ['HĐND', 'Hội đồng nhân dân'],
  ['UVBTV', 'Ủy viên Ban Thường vụ'],
  ['UVTW', 'Ủy viên Trung ương'],
  ['UVBCH', 'Ủy viên Ban Chấp hành'],
  ['TUV', 'Tỉnh ủy viên'],
  ['HUV', 'Huyện ủy viên'],
  ['ĐUV', 'Đảng ủy viên'],
  ['UBKT', 'Ủy ban Kiểm tra'],
  ['BDV', 'Ban Dân vận'],
  ['BTG', 'Ban Tuyên giáo'],
  ['BCS', 'Ban cán sự'],
  ['LHPN', 'Liên hiệp Phụ nữ'],
  ['CHQS', 'Chỉ huy Quân sự'],
  ['BĐBP', 'Bộ đội Biên phòng'],
  ['LLVT', 'Lực lượng vũ trang'],
  ['ĐTN', 'Đoàn Thanh niên'],
  ['BTVTU', 'Ban Thường vụ Tỉnh ủy'],
  ['PBTTU', 'Phó Bí thư Tỉnh ủy'],
  ['BTTU', 'Bí thư Tỉnh ủy'],
  ['TVTU', 'Thường vụ Tỉnh ủy'],
  ['TTTU', 'Thường trực Tỉnh ủy'],
  ['BTV', 'Ban Thường vụ'],
  ['BCHTW', 'Ban Chấp hành Trung ương'],
  ['BCH', 'Ban Chấp hành'],
  ['BCĐ', 'Ban Chỉ đạo'],
  ['QCDC', 'Quy chế dân chủ'],
  ['ĐBQH', 'Đại biểu Quốc hội'],
  ['LĐLĐ', 'Liên đoàn Lao động'],
  ['HLHPN', 'Hội Liên hiệp Phụ nữ'],
  ['HND', 'Hội Nông dân'],
  ['CCB', 'Cựu chiến binh'],
  ['TNCS', 'Thanh niên Cộng sản'],
  ['HCM', 'Hồ Chí Minh'],
  ['PCT', 'Phó Chủ tịch'],
  ['PBT', 'Phó Bí thư'],
  ['UB', 'Ủy ban'],
  ['TW', 'Trung ương'],
  ['TƯ', 'Trung ương'],
  ['TU', 'Tỉnh ủy'],
  ['TT', 'Thường trực'],
  ['TP.', 'thành phố'],
  ['TP', 'thành phố'],
  ['TX', 'thị xã'],
];

const ABBR_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(${ABBREVIATIONS.map(([a]) => a.replace('.', '\\.')).join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);
const ABBR_MAP = new Map(ABBREVIATIONS);

/** 'Phó BTTU - Chủ tịch UBND tỉnh' → 'Phó Bí thư Tỉnh ủy - Chủ tịch Ủy ban nhân dân tỉnh'. */
const expandMemo = memo((s: string): string =>
  s.replace(ABBR_RE, (m) => ABBR_MAP.get(m) ?? m).replace(/thành phố\s+(?=\p{Lu})/gu, 'thành phố '),
);
// Every abbreviation has two capitals in a row: text without them is returned as is, and not memoized.
const TWO_CAPS_RE = /[A-ZĐƯ][A-ZĐƯ]/;
export const expandAbbreviations = (s: string): string => (TWO_CAPS_RE.test(s) ? expandMemo(s) : s);

/**
 * How a position starts (after abbreviation expansion). Folded, compared on word boundaries.
 * A 'Phó'/'Quyền'/'Nguyên' in front of any of these is allowed by the matcher.
 */
export const TITLE_HEADS = [
  'thu tuong', 'chu tich', 'bi thu', 'tong bi thu', 'uy vien', 'truong ban', 'truong', 'giam doc', 'tong giam doc',
  'bo truong', 'thu truong', 'chu nhiem', 'thuong truc', 'thuong vu', 'dai bieu quoc hoi', 'chanh van phong', 'chanh an',
  'chanh thanh tra', 'chanh', 'vien truong', 'tong thu ky', 'thu ky', 'chi huy truong', 'chinh uy', 'tu lenh',
  'hieu truong', 'tong cuc truong', 'cuc truong', 'vu truong', 'truong phong', 'tong kiem toan', 'tong thanh tra',
  'truong doan', 'tham phan', 'kiem sat vien', 'chu tich nuoc', 'ban truong', 'chuyen vien', 'can bo',
  'tong bien tap', 'tong tham muu truong', 'tham muu truong', 'dai bieu hoi dong nhan dan', 'tinh uy vien', 'huyen uy vien', 'thanh uy vien', 'dang uy vien', 'gia lang', 'nguoi co uy tin', 'chi hoi truong', 'to truong', 'giao vien', 'bac si',
];
const TITLE_PREFIXES = ['pho', 'quyen', 'nguyen', 'phu trach', 'tan'];

/** Does this text (expanded) start with a position title? Returns the folded head length in words, or 0. */
const HEADS_LONGEST_FIRST = [...TITLE_HEADS].sort((a, b) => b.length - a.length).map((h) => h.split(' '));

const HEAD_FIRST_WORDS = new Set([...TITLE_PREFIXES.map((p) => p.split(' ')[0]!), ...HEADS_LONGEST_FIRST.map((h) => h[0]!)]);

const FIRST_WORD_RE = /^\s*([^\s,;:.()]+)/;
const firstWordFolded = memo((w: string) => fold(w));

export function titleHeadWords(text: string): number {
  // Most text tried here starts no title: its first word, folded once per distinct word, says so.
  const w = FIRST_WORD_RE.exec(text);
  if (!w || !HEAD_FIRST_WORDS.has(firstWordFolded(w[1]!))) return 0;
  // Only the first words matter (a head has at most six, with two prefixes); each word is folded once
  // per distinct word, not each new stretch of text, and only as far as the heads look.
  const raw = text.slice(0, 80).split(' ', 10);
  const words: string[] = [];
  let next = 0;
  const at = (k: number): string | undefined => {
    while (words.length <= k && next < raw.length) {
      const w = raw[next++]!;
      if (!w) continue;
      const f = firstWordFolded(w);
      if (!f) continue;
      if (f.includes(' ')) words.push(...f.split(' '));
      else words.push(f);
    }
    return words[k];
  };
  let i = 0;
  for (let w = at(0); w !== undefined && TITLE_PREFIXES.includes(w); w = at(i)) i++;
  const first = at(i);
  for (const hw of (first === undefined ? undefined : HEADS_BY_FIRST.get(first)) ?? []) if (hw.every((w, k) => at(i + k) === w)) return i + hw.length;
  return 0;
}

/** The heads by their first word, longest first. */
const HEADS_BY_FIRST = new Map<string, string[][]>();
for (const hw of HEADS_LONGEST_FIRST) {
  const list = HEADS_BY_FIRST.get(hw[0]!) ?? [];
  list.push(hw);
  HEADS_BY_FIRST.set(hw[0]!, list);
}

/** Words that begin a body's name (folded), for organizers and for a position's body. */
export const ORG_HEADS = [
  'ban', 'uy ban', 'hoi dong', 'tinh uy', 'thanh uy', 'huyen uy', 'quan uy', 'thi uy', 'dang uy', 'dang bo', 'chi bo',
  'bo chinh tri', 'ban bi thu', 'ban chap hanh', 'trung uong', 'mat tran', 'so', 'bo', 'cuc', 'tong cuc', 'vu',
  'van phong', 'hoi', 'lien doan', 'lien hiep', 'doan', 'cong an', 'bo chi huy', 'bo doi bien phong', 'quan khu',
  'toa an', 'vien kiem sat', 'kho bac', 'ngan hang', 'chinh phu', 'quoc hoi', 'thuong truc', 'khoi', 'truong',
  'vien', 'bao', 'dai', 'trung tam', 'tap doan', 'tong cong ty', 'cong ty', 'hoc vien', 'thanh doan', 'tinh doan',
  'huyen doan', 'uy ban nhan dan', 'hoi dong nhan dan', 'benh vien', 'tap chi', 'quan uy', 'bo tu lenh', 'hop tac xa',
];

export function startsWithOrgHead(text: string): boolean {
  const f = fold(expandAbbreviations(text)) + ' ';
  return ORG_HEADS.some((h) => f.startsWith(h + ' '));
}

/** A body's kind from its name (expanded). First match wins, most specific first. */
const KIND_RULES: Array<[RegExp, OrgKind]> = [
  [/^ban chi dao\b/, 'steering_committee'],
  [/\bmat tran to quoc\b/, 'front'],
  [/^(uy ban nhan dan|ubnd)\b/, 'peoples_committee'],
  [/^(hoi dong nhan dan|hdnd)\b|^thuong truc hoi dong nhan dan\b/, 'peoples_council'],
  [/^(quoc hoi|doan dai bieu quoc hoi|uy ban thuong vu quoc hoi)\b/, 'national_assembly'],
  [/^(chinh phu|thu tuong)\b/, 'government'],
  [/^(hoi|lien doan|lien hiep|doan thanh nien|tinh doan|thanh doan|huyen doan|cong doan)\b/, 'mass_organization'],
  [/^(tinh uy|thanh uy|huyen uy|quan uy|thi uy|dang uy|dang bo|chi bo|ban chap hanh|trung uong dang)\b/, 'party_committee'],
  [/^(ban (dan van|tuyen giao|to chuc|kiem tra|noi chinh|kinh te|doi ngoai|thuong vu|bi thu|can su|tuyen giao va dan van)|bo chinh tri|uy ban kiem tra)\b/, 'party_board'],
  [/^(so|bo|cuc|tong cuc|vu|van phong|cong an|toa an|vien kiem sat|kho bac|thanh tra)\b/, 'department'],
];

export function orgKind(name: string): OrgKind {
  const f = fold(expandAbbreviations(name));
  for (const [re, kind] of KIND_RULES) if (re.test(f)) return kind;
  return 'other';
}


/**
 * Role cues, matched on cleaned lowercase text. Several cues may apply to one group
 * ('dự và chỉ đạo' → attended + directed; 'phát biểu chỉ đạo' → spoke + directed).
 */
// `words`: at least one of them is in any text the cue matches; a text with none is not tried on the regex
// (most texts have no cue, and a regex starting with a look-behind is tried at every position).
export const ROLE_CUES: Array<{ re: RegExp; roles: Role[]; words: string[] }> = [
  { re: /(?<!\p{L})(?:đồng )?chủ trì(?!\p{L})/u, roles: ['chaired'], words: ['chủ trì'] },
  // Not 'điều hành hoạt động của UBND' (running a body's work while a post is vacant).
  { re: /(?<!\p{L})(?:điều hành(?! (?:hoạt động|công việc|công tác|mọi|toàn bộ|ủy ban|ubnd|hđnd))|chủ tọa|đoàn chủ tịch)(?!\p{L})/u, roles: ['chaired'], words: ['điều hành', 'chủ tọa', 'đoàn chủ tịch'] },
  {
    // Not 'vinh dự' (honoured), 'dự báo', 'dự án', 'dự thảo' ...
    re: /(?<!\p{L})(?<!vinh )(?:tham )?dự(?! (?:báo|án|thảo|kiến|khuyết|toán|trữ|phòng|định|tính|thi|giờ)(?!\p{L}))(?!\p{L})/u,
    roles: ['attended'],
    words: ['dự'],
  },
  // 'Về phía tỉnh có đồng chí X', 'với sự tham gia của đồng chí X'; both sides of a working session ('A làm việc với B').
  { re: /(?<!\p{L})(?:về phía|sự tham gia của|làm việc với)(?!\p{L})/u, roles: ['attended'], words: ['về phía', 'sự tham gia của', 'làm việc với'] },
  // Not 'Ban Chỉ đạo', 'lãnh đạo, chỉ đạo', 'sự chỉ đạo của', 'theo chỉ đạo' (nouns, not what someone did).
  { re: /(?<!\p{L})(?<!ban )(?<!lãnh đạo, )(?<!sự )(?<!theo )chỉ đạo(?!\p{L})(?! của)/u, roles: ['directed'], words: ['chỉ đạo'] },
  // A numbered document ('Kết luận số 12', 'Báo cáo số 45') is not someone speaking or reporting.
  { re: /(?<!\p{L})(?:phát biểu|tham luận|kết luận|phát động)(?!\p{L})(?! số)/u, roles: ['spoke'], words: ['phát biểu', 'tham luận', 'kết luận', 'phát động'] },
  { re: /(?<!\p{L})(?:báo cáo|trình bày|thông qua báo cáo|báo kết quả)(?!\p{L})(?! số)/u, roles: ['reported'], words: ['báo cáo', 'trình bày', 'báo kết quả'] },
];

/**
 * Verbs of saying right after a person ('Đồng chí X, Bí thư Tỉnh ủy nhấn mạnh ...'): the person
 * spoke, unless a stronger cue already says what they did ('Trình bày báo cáo, đồng chí X cho biết').
 */
export const SPEECH_CUE_RE =
  /^(?:cũng |đã |còn |thì )?(?:nhấn mạnh|khẳng định|cho biết|cho rằng|đề nghị|yêu cầu|đề xuất|nêu rõ|lưu ý|chỉ rõ|chia sẻ|bày tỏ|mong muốn|ghi nhận|biểu dương|đánh giá cao|chúc mừng|quán triệt|gợi mở|kiến nghị|trao đổi|giải trình|thông tin|khai mạc|bế mạc)(?!\p{L})/u;

/** Award nouns: what can be given ('Bằng khen', 'Huân chương Lao động hạng Ba', 'Kỷ niệm chương ...'). */
export const AWARD_NOUNS =
  '(?:bằng khen|giấy khen|huân chương|huy chương|kỷ niệm chương|huy hiệu|cờ thi đua|cờ|danh hiệu|giải thưởng|giải|phần thưởng|bằng công nhận|giấy chứng nhận)';

/** 'được tặng', 'vinh dự nhận', 'được trao' ... followed by an award noun: the people before it were awarded. */
export const AWARD_PASSIVE_RE = new RegExp(
  `(?<!\\p{L})(?:(?:vinh dự |đã |cùng )*được (?:([^,;.]{2,60}?) )?(?:trao tặng|truy tặng|tặng|trao|nhận|khen thưởng)|vinh dự nhận|đón nhận|nhận)\\s+(?=${AWARD_NOUNS}(?!\\p{L}))`,
  'iu',
);
/** 'trao Bằng khen cho', 'tặng Kỷ niệm chương ... cho': the people after it were awarded. */
export const AWARD_ACTIVE_RE = new RegExp(
  `(?:^|[,;:]\\s*)([^,;:]*?)\\s*(?<!\\p{L})(?:trao tặng|trao|tặng|truy tặng)\\s+(${AWARD_NOUNS}(?!\\p{L})[^;.]*?)\\s+(?:cho|tới)\\s+(?:các |\\d+ )?$`,
  'iu',
);

/** 'được tặng Bằng khen ... gồm:' / 'nhận Giấy khen là:' then the list of recipients. */
export const AWARD_LIST_RE = new RegExp(
  `(?:được (?:trao tặng|truy tặng|tặng|trao|nhận)|nhận)\\s+(${AWARD_NOUNS}(?!\\p{L})[^:;.]*?)\\s*(?:gồm có|gồm|là)?\\s*:\\s*(?:[-+•*–]\\s*)?(?:các |ông |bà |đồng chí )?$`,
  'iu',
);

/** Verbs that end a position's text when they follow it ('... Tỉnh ủy phát biểu', '... tỉnh ghi nhận'). */
export const CLAUSE_VERBS = [
  'chủ trì', 'đồng chủ trì', 'điều hành', 'tham dự', 'đến dự', 'cùng dự', 'dự', 'chỉ đạo', 'phát biểu', 'tham luận',
  'kết luận', 'nhấn mạnh', 'khẳng định', 'chia sẻ', 'cho biết', 'báo cáo', 'trình bày', 'thay mặt', 'được', 'vinh dự',
  'nhận', 'trao', 'tặng', 'ghi nhận', 'biểu dương', 'đánh giá', 'đề nghị', 'yêu cầu', 'lưu ý', 'gợi ý', 'quán triệt',
  'đồng tình', 'chúc mừng', 'trao đổi', 'làm việc', 'nêu', 'phân tích', 'mong muốn', 'bày tỏ', 'đã', 'đang', 'sẽ',
  'vừa', 'cùng', 'cũng', 'có', 'tại', 'với', 'thăm', 'dẫn đầu', 'chỉ ra', 'thông tin', 'giới thiệu', 'phát động',
  'kêu gọi', 'trả lời', 'tiếp thu', 'giải trình', 'điều khiển', 'khai mạc', 'bế mạc', 'trình', 'đọc', 'công bố',
  'nhận định', 'cảm ơn', 'chúc', 'động viên', 'thông báo', 'hướng dẫn', 'lãnh đạo', 'là', 'để', 'nhằm',
  // Personnel verbs: the post a person is given follows them, it is not part of the apposition.
  'giữ chức', 'giữ', 'tái cử', 'tái đắc cử', 'trúng cử', 'đắc cử', 'thôi', 'tiếp tục', 'bị', 'nghỉ hưu', 'miễn nhiệm',
  'làm', 'tham gia', 'bầu', 'đều', 'tạm thời', 'từng', 'thay', 'báo kết quả',
];
