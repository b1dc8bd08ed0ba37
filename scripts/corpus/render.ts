import { unitIsCityOn, unitNameOn, type Post, type Spell, type Unit } from './world.js';
import { chance, type Rng } from './random.js';

/**
 * Posts as reporters write them: 'Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh', with
 * abbreviations or not (one house style per report), the province named or left to the context,
 * and after 1 July 2025 the merged province's name.
 */

export const DEPARTMENTS = ['Nội vụ', 'Tài chính', 'Giáo dục và Đào tạo', 'Y tế', 'Xây dựng', 'Tư pháp'];
export const MINISTRIES = DEPARTMENTS;
export const CENTRAL_BOARDS = ['Tổ chức', 'Dân vận', 'Tuyên giáo'];
const MASS_HEADS = ['Chủ tịch Hội Nông dân', 'Chủ tịch Hội Liên hiệp Phụ nữ', 'Chủ tịch Liên đoàn Lao động', 'Bí thư'];

/** One report's house style. */
export interface Style {
  /** 'UBND' / 'HĐND' / 'MTTQ' / 'BTV' rather than the words. */
  abbr: boolean;
  /** Share of posts that name their province even in a report about that province. */
  place: number;
  /** 'X - A, B' rather than 'X, A, B'. */
  dash: boolean;
}

export function drawStyle(r: Rng): Style {
  return { abbr: chance(r, 0.6), place: [0, 0.3, 0.7, 1][Math.floor(r() * 4)]!, dash: chance(r, 0.4) };
}

/** The full, expanded style: what the truth file records. */
export const CANONICAL: Style = { abbr: false, place: 1, dash: false };

const ubnd = (s: Style) => (s.abbr ? 'UBND' : 'Ủy ban nhân dân');
const hdnd = (s: Style) => (s.abbr ? 'HĐND' : 'Hội đồng nhân dân');
const btv = (s: Style) => (s.abbr ? 'BTV' : 'Ban Thường vụ');

/** 'Tỉnh ủy Lâm Đồng' / 'Thành ủy Hà Nội'; without the name when the context gives it. */
function committee(u: Unit, day: number, named: boolean): string {
  const c = unitIsCityOn(u, day) ? 'Thành ủy' : 'Tỉnh ủy';
  return named ? `${c} ${placeOf(u, day)}` : c;
}

/** 'tỉnh Lâm Đồng' / 'thành phố Hà Nội'; 'tỉnh' alone when the context gives it. */
function unitWord(u: Unit, day: number, named: boolean): string {
  const w = unitIsCityOn(u, day) ? 'thành phố' : 'tỉnh';
  return named ? `${w} ${placeOf(u, day)}` : w;
}

const placeOf = (u: Unit, day: number): string => {
  const n = unitNameOn(u, day);
  return n === 'Hồ Chí Minh' ? 'Thành phố Hồ Chí Minh' : n;
};

/** The post's own title: 'Phó Chủ tịch UBND tỉnh Lâm Đồng', 'Giám đốc Sở Y tế', 'Thứ trưởng Bộ Nội vụ'. */
export function postTitle(post: Post, day: number, s: Style, named: boolean): string {
  // No closures here: under tsx every function created at run time is renamed (keepNames), which is slow in a hot path.
  const u = post.unit;
  const key = post.kind.key;
  switch (key) {
    case 'bt': return `Bí thư ${committee(u, day, named)}`;
    case 'pbttt': return `Phó Bí thư Thường trực ${committee(u, day, named)}`;
    case 'pbt': return `Phó Bí thư ${committee(u, day, named)}`;
    case 'ctub': return `Chủ tịch ${ubnd(s)} ${unitWord(u, day, named)}`;
    case 'pctub': return `Phó Chủ tịch ${ubnd(s)} ${unitWord(u, day, named)}`;
    case 'cthd': return `Chủ tịch ${hdnd(s)} ${unitWord(u, day, named)}`;
    case 'pcthd': return `Phó Chủ tịch ${hdnd(s)} ${unitWord(u, day, named)}`;
    case 'tbtc': return `Trưởng Ban Tổ chức ${committee(u, day, named)}`;
    case 'tbdv': return `Trưởng Ban Dân vận ${committee(u, day, named)}`;
    case 'tbtg': return `Trưởng Ban Tuyên giáo ${committee(u, day, named)}`;
    case 'ptbtc': return `Phó Trưởng Ban Tổ chức ${committee(u, day, named)}`;
    case 'ptbdv': return `Phó Trưởng Ban Dân vận ${committee(u, day, named)}`;
    case 'ptbtg': return `Phó Trưởng Ban Tuyên giáo ${committee(u, day, named)}`;
    case 'cnubkt': return `Chủ nhiệm Ủy ban Kiểm tra ${committee(u, day, named)}`;
    case 'ctmt': return `Chủ tịch Ủy ban ${s.abbr ? 'MTTQ' : 'Mặt trận Tổ quốc'} Việt Nam ${unitWord(u, day, named)}`;
    case 'gd': return `Giám đốc Sở ${DEPARTMENTS[post.sub % DEPARTMENTS.length]}${named ? ` ${unitWord(u, day, true)}` : ''}`;
    case 'pgd': return `Phó Giám đốc Sở ${DEPARTMENTS[post.sub % DEPARTMENTS.length]}${named ? ` ${unitWord(u, day, true)}` : ''}`;
    case 'mass':
      if (post.sub === 3) return `Bí thư ${unitIsCityOn(u, day) ? 'Thành đoàn' : 'Tỉnh đoàn'}${named ? ` ${placeOf(u, day)}` : ''}`;
      return `${MASS_HEADS[post.sub]} ${unitWord(u, day, named)}`;
    case 'bthu':
    case 'ctubh':
    case 'pctubh': {
      const d = u.districts[post.sub % u.districts.length]!;
      if (key === 'bthu') return d.city ? `Bí thư Thành ủy ${d.name}` : `Bí thư Huyện ủy ${d.name}`;
      return `${key === 'ctubh' ? 'Chủ tịch' : 'Phó Chủ tịch'} ${ubnd(s)} ${d.city ? 'thành phố' : 'huyện'} ${d.name}`;
    }
    case 'btdu':
    case 'ctubx': {
      const c = u.communes[post.sub % u.communes.length]!;
      return key === 'btdu' ? `Bí thư Đảng ủy ${c.ward ? 'phường' : 'xã'} ${c.name}` : `Chủ tịch ${ubnd(s)} ${c.ward ? 'phường' : 'xã'} ${c.name}`;
    }
    case 'btw': return `Trưởng Ban ${CENTRAL_BOARDS[post.sub % 3]} Trung ương`;
    case 'ptbtw': return `Phó Trưởng Ban ${CENTRAL_BOARDS[post.sub % 3]} Trung ương`;
    case 'bo': return `Bộ trưởng Bộ ${MINISTRIES[post.sub % MINISTRIES.length]}`;
    case 'tt': return `Thứ trưởng Bộ ${MINISTRIES[post.sub % MINISTRIES.length]}`;
    default: throw new Error(`no title for post kind ${key}`);
  }
}

/** Party titles held with the post ('Phó Bí thư Tỉnh ủy' for a provincial chairman), drawn once per spell. */
function concurrent(sp: Spell, day: number, s: Style, named: boolean): string | null {
  const u = sp.post.unit;
  const f = sp.flags % 100;
  const cm = committee(u, day, named);
  const member = unitIsCityOn(u, day) ? 'Thành ủy viên' : 'Tỉnh ủy viên';
  switch (sp.post.kind.key) {
    case 'bt': return f < 70 ? 'Ủy viên Trung ương Đảng' : null;
    case 'ctub':
    case 'cthd': return f < 90 ? `Phó Bí thư ${cm}` : null;
    case 'pctub': return f < 40 ? `Ủy viên ${btv(s)} ${cm}` : f < 80 ? member : null;
    case 'pcthd': return f < 50 ? member : null;
    case 'tbtc': case 'tbdv': case 'tbtg': case 'cnubkt': case 'ctmt': return f < 95 ? `Ủy viên ${btv(s)} ${cm}` : null;
    case 'gd': case 'bthu': return f < 40 ? member : null;
    case 'ctubh': {
      const d = u.districts[sp.post.sub % u.districts.length]!;
      return f < 80 ? `Phó Bí thư ${d.city ? 'Thành ủy' : 'Huyện ủy'}` : null;
    }
    case 'btw': return f < 50 ? 'Ủy viên Bộ Chính trị' : 'Bí thư Trung ương Đảng';
    case 'bo': return f < 90 ? 'Ủy viên Trung ương Đảng' : null;
    case 'ptbtw': return f < 30 ? 'Ủy viên Trung ương Đảng' : null;
    default: return null;
  }
}

/**
 * A spell's position as written on a day: concurrent title first, then the post. `home` is the
 * report's province: posts elsewhere always name their place.
 */
export function position(sp: Spell, day: number, s: Style, r: Rng, home: Unit | null): string {
  const named = sp.post.unit !== home || chance(r, s.place);
  const t = postTitle(sp.post, day, s, named);
  const c = concurrent(sp, day, s, named && chance(r, 0.3));
  return c ? `${c}, ${t}` : t;
}

/** The truth's form of a post: expanded, with its place. */
export const canonicalPost = (post: Post, day: number): string => postTitle(post, day, CANONICAL, true);

/** 'Chủ tịch UBND tỉnh' without the place, for 'giữ chức …' and 'tân …'. */
export const bareTitle = (post: Post, day: number, s: Style): string => postTitle(post, day, s, false);
