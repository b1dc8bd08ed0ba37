import { fold } from './normalize.js';
import type { Locality, LocalityLevel } from './extraction-schema.js';

/**
 * Vietnam's provinces and centrally-run cities: the 63 before 1 July 2025 and the 34 after the
 * merger (National Assembly Resolution 202/2025/QH15), with the mapping, plus provincial cities
 * (district level before 2025) and the kinds of lower units. General vocabulary, not corpus data.
 */

/** Post-merger unit → the pre-merger units it absorbed (itself first when it kept its name). */
export const MERGER_2025: Record<string, string[]> = {
  'Hà Nội': ['Hà Nội'],
  'Huế': ['Thừa Thiên Huế'],
  'Lai Châu': ['Lai Châu'],
  'Điện Biên': ['Điện Biên'],
  'Sơn La': ['Sơn La'],
  'Lạng Sơn': ['Lạng Sơn'],
  'Quảng Ninh': ['Quảng Ninh'],
  'Thanh Hóa': ['Thanh Hóa'],
  'Nghệ An': ['Nghệ An'],
  'Hà Tĩnh': ['Hà Tĩnh'],
  'Cao Bằng': ['Cao Bằng'],
  'Tuyên Quang': ['Tuyên Quang', 'Hà Giang'],
  'Lào Cai': ['Lào Cai', 'Yên Bái'],
  'Thái Nguyên': ['Thái Nguyên', 'Bắc Kạn'],
  'Phú Thọ': ['Phú Thọ', 'Vĩnh Phúc', 'Hòa Bình'],
  'Bắc Ninh': ['Bắc Ninh', 'Bắc Giang'],
  'Hưng Yên': ['Hưng Yên', 'Thái Bình'],
  'Hải Phòng': ['Hải Phòng', 'Hải Dương'],
  'Ninh Bình': ['Ninh Bình', 'Hà Nam', 'Nam Định'],
  'Quảng Trị': ['Quảng Trị', 'Quảng Bình'],
  'Đà Nẵng': ['Đà Nẵng', 'Quảng Nam'],
  'Quảng Ngãi': ['Quảng Ngãi', 'Kon Tum'],
  'Gia Lai': ['Gia Lai', 'Bình Định'],
  'Khánh Hòa': ['Khánh Hòa', 'Ninh Thuận'],
  'Lâm Đồng': ['Lâm Đồng', 'Đắk Nông', 'Bình Thuận'],
  'Đắk Lắk': ['Đắk Lắk', 'Phú Yên'],
  'Hồ Chí Minh': ['Hồ Chí Minh', 'Bình Dương', 'Bà Rịa - Vũng Tàu'],
  'Đồng Nai': ['Đồng Nai', 'Bình Phước'],
  'Tây Ninh': ['Tây Ninh', 'Long An'],
  'Cần Thơ': ['Cần Thơ', 'Sóc Trăng', 'Hậu Giang'],
  'Vĩnh Long': ['Vĩnh Long', 'Bến Tre', 'Trà Vinh'],
  'Đồng Tháp': ['Đồng Tháp', 'Tiền Giang'],
  'Cà Mau': ['Cà Mau', 'Bạc Liêu'],
  'An Giang': ['An Giang', 'Kiên Giang'],
};

/** Centrally-run cities ('thành phố trực thuộc trung ương'), before and after. */
export const CENTRAL_CITIES_BEFORE = ['Hà Nội', 'Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ'];
export const CENTRAL_CITIES_AFTER = [...CENTRAL_CITIES_BEFORE, 'Huế'];

export const PROVINCES_AFTER_2025: string[] = Object.keys(MERGER_2025);
export const PROVINCES_BEFORE_2025: string[] = Object.values(MERGER_2025).flat();

/** Pre-merger province → the post-merger unit it belongs to. */
export const MERGED_INTO: Record<string, string> = Object.fromEntries(
  Object.entries(MERGER_2025).flatMap(([after, befores]) => befores.map((b) => [b, after])),
);

/** Other spellings in use: 'Thừa Thiên - Huế', 'TP.HCM', 'Đắc Lắc', 'Bà Rịa-Vũng Tàu'. */
const PROVINCE_VARIANTS: Record<string, string> = {
  'Thừa Thiên - Huế': 'Thừa Thiên Huế',
  'TP HCM': 'Hồ Chí Minh',
  'TPHCM': 'Hồ Chí Minh',
  'Sài Gòn': 'Hồ Chí Minh',
  'Đắc Lắc': 'Đắk Lắk',
  'Đăk Lăk': 'Đắk Lắk',
  'Đắk Lăk': 'Đắk Lắk',
  'Đăk Nông': 'Đắk Nông',
  'Đắc Nông': 'Đắk Nông',
  'Bà Rịa Vũng Tàu': 'Bà Rịa - Vũng Tàu',
  'Bắc Cạn': 'Bắc Kạn',
  'Kontum': 'Kon Tum',
};

/** Provincial cities and towns of district level (before 2025) → their province. */
export const PROVINCIAL_CITIES: Record<string, string> = {
  'Hạ Long': 'Quảng Ninh', 'Cẩm Phả': 'Quảng Ninh', 'Uông Bí': 'Quảng Ninh', 'Móng Cái': 'Quảng Ninh', 'Đông Triều': 'Quảng Ninh',
  'Đà Lạt': 'Lâm Đồng', 'Bảo Lộc': 'Lâm Đồng', 'Gia Nghĩa': 'Đắk Nông', 'Phan Thiết': 'Bình Thuận',
  'Buôn Ma Thuột': 'Đắk Lắk', 'Pleiku': 'Gia Lai', 'Kon Tum': 'Kon Tum', 'Quy Nhơn': 'Bình Định', 'Tuy Hòa': 'Phú Yên',
  'Nha Trang': 'Khánh Hòa', 'Cam Ranh': 'Khánh Hòa', 'Phan Rang - Tháp Chàm': 'Ninh Thuận', 'Quảng Ngãi': 'Quảng Ngãi',
  'Tam Kỳ': 'Quảng Nam', 'Hội An': 'Quảng Nam', 'Đông Hà': 'Quảng Trị', 'Đồng Hới': 'Quảng Bình', 'Hà Tĩnh': 'Hà Tĩnh',
  'Vinh': 'Nghệ An', 'Thanh Hóa': 'Thanh Hóa', 'Sầm Sơn': 'Thanh Hóa', 'Ninh Bình': 'Ninh Bình', 'Tam Điệp': 'Ninh Bình',
  'Phủ Lý': 'Hà Nam', 'Nam Định': 'Nam Định', 'Thái Bình': 'Thái Bình', 'Hưng Yên': 'Hưng Yên', 'Hải Dương': 'Hải Dương',
  'Chí Linh': 'Hải Dương', 'Bắc Ninh': 'Bắc Ninh', 'Từ Sơn': 'Bắc Ninh', 'Bắc Giang': 'Bắc Giang', 'Vĩnh Yên': 'Vĩnh Phúc',
  'Phúc Yên': 'Vĩnh Phúc', 'Việt Trì': 'Phú Thọ', 'Hòa Bình': 'Hòa Bình', 'Thái Nguyên': 'Thái Nguyên', 'Sông Công': 'Thái Nguyên',
  'Phổ Yên': 'Thái Nguyên', 'Bắc Kạn': 'Bắc Kạn', 'Cao Bằng': 'Cao Bằng', 'Lạng Sơn': 'Lạng Sơn', 'Tuyên Quang': 'Tuyên Quang',
  'Hà Giang': 'Hà Giang', 'Lào Cai': 'Lào Cai', 'Yên Bái': 'Yên Bái', 'Sơn La': 'Sơn La', 'Điện Biên Phủ': 'Điện Biên',
  'Lai Châu': 'Lai Châu', 'Huế': 'Thừa Thiên Huế', 'Thủ Đức': 'Hồ Chí Minh', 'Thủ Dầu Một': 'Bình Dương', 'Dĩ An': 'Bình Dương',
  'Thuận An': 'Bình Dương', 'Biên Hòa': 'Đồng Nai', 'Long Khánh': 'Đồng Nai', 'Đồng Xoài': 'Bình Phước', 'Tây Ninh': 'Tây Ninh',
  'Vũng Tàu': 'Bà Rịa - Vũng Tàu', 'Bà Rịa': 'Bà Rịa - Vũng Tàu', 'Tân An': 'Long An', 'Mỹ Tho': 'Tiền Giang', 'Bến Tre': 'Bến Tre',
  'Trà Vinh': 'Trà Vinh', 'Vĩnh Long': 'Vĩnh Long', 'Cao Lãnh': 'Đồng Tháp', 'Sa Đéc': 'Đồng Tháp', 'Hồng Ngự': 'Đồng Tháp',
  'Long Xuyên': 'An Giang', 'Châu Đốc': 'An Giang', 'Rạch Giá': 'Kiên Giang', 'Hà Tiên': 'Kiên Giang', 'Phú Quốc': 'Kiên Giang',
  'Vị Thanh': 'Hậu Giang', 'Ngã Bảy': 'Hậu Giang', 'Sóc Trăng': 'Sóc Trăng', 'Bạc Liêu': 'Bạc Liêu', 'Cà Mau': 'Cà Mau',
};

const provinceByFold = new Map<string, string>();
for (const p of [...PROVINCES_BEFORE_2025, ...PROVINCES_AFTER_2025]) provinceByFold.set(fold(p), p);
for (const [variant, p] of Object.entries(PROVINCE_VARIANTS)) provinceByFold.set(fold(variant), p);
const cityByFold = new Map<string, string>();
for (const c of Object.keys(PROVINCIAL_CITIES)) cityByFold.set(fold(c), c);

/** The canonical province name for a spelling ('Khánh Hoà', 'khanh hoa', 'TP HCM'), or null. */
export function provinceNamed(s: string): string | null {
  return provinceByFold.get(fold(s)) ?? null;
}

/** The canonical provincial-city name for a spelling, or null. */
export function cityNamed(s: string): string | null {
  return cityByFold.get(fold(s)) ?? null;
}

// Known place names as folded word lists, indexed by their first word, for scanning runs of words.
const PLACES_BY_FIRST = new Map<string, string[][]>();
for (const f of [...provinceByFold.keys(), ...cityByFold.keys()]) {
  const w = f.split(' ');
  const list = PLACES_BY_FIRST.get(w[0]!) ?? [];
  list.push(w);
  PLACES_BY_FIRST.set(w[0]!, list);
}

/** The number of words (2 to 4) of a known place name starting at words[i], or 0. */
export function placeLengthAt(words: string[], i: number): number {
  const cands = PLACES_BY_FIRST.get(fold(words[i]!));
  if (!cands) return 0;
  let best = 0;
  for (const c of cands) {
    if (c.length < 2 || c.length > 4 || c.length <= best || i + c.length > words.length) continue;
    if (c.every((w, k) => k === 0 || fold(words[i + k]!) === w)) best = c.length;
  }
  return best;
}

/** Is this a known province or city name (any era, any spelling)? */
export function isKnownPlace(s: string): boolean {
  const f = fold(s);
  return provinceByFold.has(f) || cityByFold.has(f);
}

/** The post-merger unit a place belongs to (itself when it survived), or null when unknown. */
export function provinceAfter2025(province: string): string | null {
  const p = provinceNamed(province);
  if (!p) return null;
  return MERGER_2025[p] ? p : MERGED_INTO[p] ?? null;
}

/** The province a city belongs to (before 2025), or the province itself. */
export function provinceOf(place: string): string | null {
  const p = provinceNamed(place);
  if (p) return p;
  const c = cityNamed(place);
  return c ? PROVINCIAL_CITIES[c] ?? null : null;
}

/** A Locality for a province or city name, with its parent when known. */
export function localityFor(name: string, hint?: LocalityLevel): Locality {
  const prov = provinceNamed(name);
  if (prov && hint !== 'district' && hint !== 'commune') return { name: prov, level: 'province', parent: null };
  const city = cityNamed(name);
  if (city) return { name: city, level: 'district', parent: PROVINCIAL_CITIES[city] ?? null };
  return { name, level: hint ?? 'province', parent: null };
}
