import { isKnownPlace } from '../../ingest/gazetteer.js';
import { chance, pick, weighted, type Rng } from './random.js';

/**
 * Invented people and places from common syllables: a surname (weighted roughly as they occur in
 * the population), one or two middle syllables and a given name. General vocabulary only.
 */

export const SURNAME_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['Nguyễn', 31], ['Trần', 11], ['Lê', 9], ['Phạm', 7], ['Hoàng', 5], ['Huỳnh', 4], ['Phan', 4], ['Vũ', 4], ['Võ', 3],
  ['Đặng', 2], ['Bùi', 2], ['Đỗ', 2], ['Hồ', 1.5], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5], ['Trương', 0.8], ['Đoàn', 0.6],
  ['Đinh', 0.6], ['Lâm', 0.4], ['Mai', 0.4], ['Cao', 0.4], ['Hà', 0.5], ['Lưu', 0.3], ['Tô', 0.3], ['Tạ', 0.3], ['Thái', 0.3],
  ['Châu', 0.2], ['Lương', 0.4], ['Phùng', 0.3], ['Trịnh', 0.5], ['Đào', 0.4], ['Kiều', 0.2], ['Vương', 0.2], ['Lại', 0.2],
  ['Triệu', 0.2], ['Chu', 0.2], ['Nông', 0.2], ['Hứa', 0.1], ['Quách', 0.1], ['Bế', 0.1], ['Lò', 0.1], ['Thạch', 0.1],
];

const MIDDLE_MALE = [
  'Văn', 'Văn', 'Văn', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Hữu', 'Ngọc', 'Xuân', 'Công', 'Đình', 'Trọng', 'Anh', 'Hoàng',
  'Tuấn', 'Mạnh', 'Duy', 'Tiến', 'Việt', 'Hồng', 'Bá', 'Khắc', 'Thế', 'Hải', 'Trung', 'Kim', 'Chí', 'Quang', 'Nam',
];
const MIDDLE_FEMALE = ['Thị', 'Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Hồng', 'Kim', 'Minh', 'Mỹ', 'Thúy', 'Bích', 'Phương', 'Hải', 'Diệu', 'Khánh'];
const SECOND_MIDDLE_MALE = ['Minh', 'Quốc', 'Thanh', 'Hoàng', 'Anh', 'Đức', 'Trung', 'Hữu'];
const SECOND_MIDDLE_FEMALE = ['Thu', 'Thanh', 'Hồng', 'Minh', 'Ngọc', 'Kim', 'Phương', 'Mai'];
const GIVEN_MALE = [
  'An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hải', 'Hiếu', 'Hùng', 'Huy', 'Khang', 'Khánh', 'Kiên', 'Lâm', 'Long', 'Lợi',
  'Luân', 'Minh', 'Nam', 'Nghĩa', 'Phong', 'Phúc', 'Quân', 'Quang', 'Sơn', 'Tài', 'Tâm', 'Thắng', 'Thành', 'Thịnh',
  'Toàn', 'Trí', 'Trung', 'Tuấn', 'Tùng', 'Việt', 'Vinh', 'Bảo', 'Chiến', 'Cương', 'Định', 'Đông', 'Hào', 'Hậu',
  'Hoàn', 'Hưng', 'Khải', 'Lực', 'Mạnh', 'Ninh', 'Phát', 'Quyết', 'Tân', 'Thái', 'Thiện', 'Thuận', 'Tiến', 'Tín',
  'Tú', 'Tường', 'Vĩnh', 'Hòa', 'Đức', 'Hoàng', 'Kha', 'Lộc', 'Nhân', 'Sang', 'Thạch', 'Trọng', 'Vượng',
];
const GIVEN_FEMALE = [
  'Anh', 'Chi', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Huệ', 'Hương', 'Lan', 'Liên', 'Linh', 'Loan',
  'Mai', 'Ngân', 'Nga', 'Ngọc', 'Nhung', 'Oanh', 'Phương', 'Quyên', 'Quỳnh', 'Thảo', 'Thanh', 'Thủy', 'Trang', 'Tuyết',
  'Uyên', 'Vân', 'Yến', 'Xuân', 'Hậu', 'My', 'Nhàn', 'Thoa', 'Thu', 'Trinh', 'Hòa', 'Duyên', 'Lụa', 'Nguyệt', 'Tâm',
];

const surname = weighted(SURNAME_WEIGHTS);

/** 'Nguyễn Văn Tùng', 'Lê Thị Thu Hằng'. */
export function personName(r: Rng, female: boolean): string {
  const s = surname(r);
  const m = pick(r, female ? MIDDLE_FEMALE : MIDDLE_MALE);
  const m2 = chance(r, 0.15) ? ` ${pick(r, female ? SECOND_MIDDLE_FEMALE : SECOND_MIDDLE_MALE)}` : '';
  const g = pick(r, female ? GIVEN_FEMALE : GIVEN_MALE);
  // 'Nguyễn Thu Thu', 'Trần Minh Minh' read oddly: draw the given name again once.
  const given = m2.trim() === g || m === g ? pick(r, female ? GIVEN_FEMALE : GIVEN_MALE) : g;
  return `${s} ${m}${m2} ${given}`;
}

/** Syllables of place names (districts, communes), general vocabulary. */
const PLACE_SYLLABLES = [
  'Tân', 'Phú', 'An', 'Bình', 'Hòa', 'Long', 'Thạnh', 'Xuân', 'Đông', 'Tây', 'Vĩnh', 'Thuận', 'Hưng', 'Mỹ', 'Châu',
  'Kim', 'Thanh', 'Sơn', 'Hải', 'Lộc', 'Phước', 'Quảng', 'Đức', 'Trường', 'Lạc', 'Cẩm', 'Gia', 'Hiệp', 'Lợi', 'Nghĩa',
  'Thịnh', 'Trung', 'Hậu', 'Khánh', 'Định', 'Lâm', 'Hồng', 'Minh', 'Phong', 'Thái', 'Yên', 'Triệu', 'Cát', 'Đại',
];

/** 'Tân Lộc', never a province or city name (the report's place must stay unambiguous). */
export function placeName(r: Rng, taken: Set<string>): string {
  for (;;) {
    const a = pick(r, PLACE_SYLLABLES);
    const b = pick(r, PLACE_SYLLABLES);
    const n = `${a} ${b}`;
    if (a !== b && !taken.has(n) && !isKnownPlace(n)) {
      taken.add(n);
      return n;
    }
  }
}

/** Uppercase initials-and-name bylines: 'MINH ANH', 'Thanh Hà - Quốc Tuấn'. */
export function bylineName(r: Rng): string {
  const female = chance(r, 0.5);
  return `${pick(r, female ? SECOND_MIDDLE_FEMALE : SECOND_MIDDLE_MALE)} ${pick(r, female ? GIVEN_FEMALE : GIVEN_MALE)}`;
}

/** Any two-syllable place name that is not a province or city: for communes named in passing. */
const PLACE_POOL: string[] = [];
for (const a of PLACE_SYLLABLES) for (const b of PLACE_SYLLABLES) if (a !== b && !isKnownPlace(`${a} ${b}`)) PLACE_POOL.push(`${a} ${b}`);
export const randomPlace = (r: Rng): string => pick(r, PLACE_POOL);
