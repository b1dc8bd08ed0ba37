import { bylineName } from './names.js';
import { chance, int, pick, type Rng } from './random.js';
import { DAY_MS } from './world.js';

/** Page furniture around a report: section, publication line, byline, share buttons, comments, related news. */

const SECTIONS = ['Thời sự', 'Chính trị', 'Xây dựng Đảng', 'Tin tức', 'Tin địa phương', 'Thời sự trong tỉnh'];
const WEEKDAYS = ['Chủ Nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

export const section = (r: Rng): string => pick(r, SECTIONS);

const two = (n: number): string => String(n).padStart(2, '0');

/** 'Thứ Sáu, 25/12/2020 - 10:15', 'Cập nhật: 25/12/2020 10:15', 'Ngày đăng: 25/12/2020', '25/12/2020 08:30 GMT+7'. */
export function publicationLine(r: Rng, day: number): string {
  const d = new Date(day * DAY_MS);
  const dmy = `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  const hm = `${two(int(r, 6, 21))}:${two(int(r, 0, 59))}`;
  switch (int(r, 0, 3)) {
    case 0: return `${WEEKDAYS[d.getUTCDay()]}, ${dmy} - ${hm}`;
    case 1: return `Cập nhật: ${dmy} ${hm}`;
    case 2: return `Ngày đăng: ${dmy}`;
    default: return `${dmy} ${hm} GMT+7`;
  }
}

/** The publisher's mark before the lead: '(Báo Lâm Đồng)', '(LĐTV)'. */
const initialsMemo = new Map<string, string>();
export function publisher(r: Rng, province: string): string {
  let initials = initialsMemo.get(province);
  if (initials === undefined) {
    initials = '';
    for (const w of province.split(' ')) if (/\p{L}/u.test(w)) initials += w.charAt(0).toUpperCase();
    initialsMemo.set(province, initials);
  }
  switch (int(r, 0, 2)) {
    case 0: return `Báo ${province}`;
    case 1: return `${initials}TV`;
    default: return `B${initials}`;
  }
}

/** The writer's line at the end: 'MINH ANH', 'Thanh Hà - Quốc Tuấn', 'Tin, ảnh: Hồng Nhung'. */
export function byline(r: Rng): string {
  switch (int(r, 0, 3)) {
    case 0: return bylineName(r).toUpperCase();
    case 1: return `${bylineName(r)} - ${bylineName(r)}`;
    case 2: return `Tin, ảnh: ${bylineName(r)}`;
    default: return `${bylineName(r).toUpperCase()} - ${bylineName(r).toUpperCase()}`;
  }
}

/** A photo credit that ends a caption: ' Ảnh: PV', ' (Ảnh: Minh Anh)'. */
export function credit(r: Rng): string {
  switch (int(r, 0, 2)) {
    case 0: return ' Ảnh: PV';
    case 1: return ` (Ảnh: ${bylineName(r)})`;
    default: return '';
  }
}

/** Share buttons and the comment box, then the related-news heading. */
export function widgets(r: Rng): string[] {
  const out: string[] = [];
  if (chance(r, 0.7)) out.push(pick(r, ['Chia sẻ', 'Chia sẻ bài viết', 'Thích và chia sẻ']));
  if (chance(r, 0.5)) out.push(pick(r, ['Bình luận (0)', 'Ý kiến bạn đọc', 'Gửi bình luận']), 'Họ và tên', 'Email', 'Nội dung bình luận');
  out.push(pick(r, ['Tin liên quan', 'Tin cùng chuyên mục', 'Tin khác', 'Bài viết liên quan']));
  return out;
}
