import { chance, int, pick, rng, type Rng } from './random.js';

/**
 * The body of a report around its facts: sentences built from general vocabulary of official
 * news (subjects, actions, fields, results, figures), so no two reports repeat one paragraph.
 */

const SUBJECTS = [
  'Các cấp ủy, tổ chức đảng', 'Các sở, ban, ngành và địa phương', 'Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội',
  'Ủy ban nhân dân các cấp', 'Các cơ quan tham mưu, giúp việc', 'Đội ngũ cán bộ, đảng viên', 'Các địa phương trong tỉnh',
  'Ngành giáo dục', 'Ngành y tế', 'Lực lượng vũ trang', 'Các hội, đoàn thể', 'Các xã, phường, thị trấn', 'Toàn tỉnh',
  'Hệ thống chính trị từ tỉnh đến cơ sở', 'Các cơ quan, đơn vị', 'Cán bộ làm công tác dân vận', 'Các chi bộ',
  'Đoàn viên, hội viên', 'Người đứng đầu cấp ủy, chính quyền', 'Các doanh nghiệp trên địa bàn',
];
const ACTIONS = [
  'đã tập trung triển khai', 'tiếp tục đẩy mạnh', 'chủ động thực hiện', 'quan tâm lãnh đạo thực hiện', 'đã cụ thể hóa',
  'tích cực tham gia', 'thường xuyên kiểm tra, đôn đốc', 'đổi mới phương thức thực hiện', 'bám sát cơ sở để triển khai',
  'phối hợp chặt chẽ trong', 'nâng cao chất lượng', 'tăng cường', 'quyết liệt thực hiện', 'tổ chức quán triệt',
  'sơ kết, rút kinh nghiệm', 'huy động nguồn lực cho', 'ưu tiên bố trí kinh phí cho', 'lồng ghép có hiệu quả',
];
const FIELDS = [
  'công tác cải cách hành chính', 'chương trình mục tiêu quốc gia xây dựng nông thôn mới', 'công tác giảm nghèo bền vững',
  'nhiệm vụ phát triển kinh tế - xã hội', 'công tác xây dựng, chỉnh đốn Đảng', 'phong trào thi đua yêu nước',
  'việc thực hiện quy chế dân chủ ở cơ sở', 'công tác tiếp công dân, giải quyết khiếu nại, tố cáo', 'công tác chuyển đổi số',
  'nhiệm vụ quốc phòng, an ninh', 'công tác phòng, chống tham nhũng, lãng phí', 'công tác bảo vệ môi trường',
  'các chính sách an sinh xã hội', 'việc chăm lo đời sống Nhân dân', 'công tác đào tạo, bồi dưỡng cán bộ',
  'việc sắp xếp tổ chức bộ máy tinh gọn', 'công tác phát triển đảng viên', 'công tác tuyên truyền, giáo dục chính trị',
  'phong trào "Toàn dân đoàn kết xây dựng đời sống văn hóa"', 'cuộc vận động xây dựng nhà ở cho hộ nghèo',
  'việc thu hút đầu tư', 'công tác quản lý đất đai', 'việc giải ngân vốn đầu tư công', 'công tác phòng, chống thiên tai',
  'công tác chăm sóc sức khỏe Nhân dân', 'công tác khuyến học, khuyến tài', 'chương trình phát triển du lịch',
];
const RESULTS = [
  'đạt nhiều kết quả quan trọng', 'góp phần nâng cao đời sống vật chất và tinh thần của Nhân dân', 'theo đúng kế hoạch đề ra',
  'tạo sự đồng thuận trong xã hội', 'có nhiều chuyển biến tích cực', 'được Nhân dân đồng tình, hưởng ứng',
  'góp phần giữ vững ổn định chính trị', 'tạo nền tảng cho giai đoạn tiếp theo', 'hoàn thành và vượt nhiều chỉ tiêu',
  'bảo đảm thực chất, hiệu quả', 'từng bước đi vào chiều sâu', 'củng cố niềm tin của Nhân dân đối với Đảng, chính quyền',
];
const LIMITS = [
  'Tuy nhiên, việc triển khai ở một số nơi có lúc còn chậm, chưa đồng bộ.',
  'Bên cạnh kết quả đạt được, công tác phối hợp giữa một số cơ quan có mặt còn hạn chế.',
  'Một số chỉ tiêu đạt thấp so với kế hoạch; nguồn lực đầu tư còn khó khăn.',
  'Việc nắm bắt tình hình ở cơ sở có thời điểm chưa kịp thời.',
  'Chất lượng sinh hoạt chi bộ ở một số nơi chưa cao.',
  'Tình hình thời tiết diễn biến phức tạp ảnh hưởng đến sản xuất của người dân.',
];
const ASKS = [
  'tiếp tục đổi mới nội dung, phương thức hoạt động, hướng mạnh về cơ sở', 'nâng cao vai trò, trách nhiệm của người đứng đầu',
  'tập trung tháo gỡ khó khăn, vướng mắc cho người dân và doanh nghiệp', 'làm tốt công tác nắm tình hình Nhân dân',
  'phát huy những kết quả đạt được, khắc phục hạn chế', 'chú trọng công tác kiểm tra, giám sát',
  'quan tâm phát hiện, nhân rộng các mô hình hay, cách làm hiệu quả', 'bảo đảm hoàn thành các chỉ tiêu của năm',
  'đẩy mạnh ứng dụng công nghệ thông tin', 'giữ vững kỷ luật, kỷ cương hành chính',
];
const UNITS_OF = ['hộ', 'mô hình', 'công trình', 'lượt người', 'tỷ đồng', 'hội viên', 'đảng viên', 'căn nhà', 'km đường giao thông nông thôn'];

const lowerFirst = (s: string): string => s[0]!.toLowerCase() + s.slice(1);
/** 12345 → '12.345' (Vietnamese thousands separator), without Intl (slow per call). */
function num(r: Rng, lo: number, hi: number): string {
  const n = int(r, lo, hi);
  return n < 1000 ? String(n) : `${Math.floor(n / 1000)}.${String(n % 1000).padStart(3, '0')}`;
}
const pct = (r: Rng): string => `${int(r, 50, 99)},${int(r, 1, 9)}%`;

const FIGURES: ((r: Rng) => string)[] = [
  (r) => `Hiện có ${num(r, 20, 3500)} mô hình "Dân vận khéo" trên các lĩnh vực, trong đó ${num(r, 5, 300)} mô hình được công nhận cấp tỉnh.`,
  (r) => `Tổng thu ngân sách trên địa bàn ước đạt ${num(r, 900, 60000)} tỷ đồng, bằng ${pct(r)} dự toán.`,
  (r) => `Tốc độ tăng trưởng kinh tế ước đạt ${int(r, 3, 11)},${int(r, 0, 9)}%; thu nhập bình quân đầu người đạt ${int(r, 35, 160)} triệu đồng.`,
  (r) => `Trong kỳ, đã kết nạp ${num(r, 200, 6000)} đảng viên mới, đạt ${pct(r)} chỉ tiêu.`,
  (r) => `Có ${num(r, 3, 150)} xã đạt chuẩn nông thôn mới, ${num(r, 1, 40)} xã đạt chuẩn nông thôn mới nâng cao.`,
  (r) => `Tỷ lệ hộ nghèo giảm còn ${int(r, 1, 9)},${int(r, 0, 9)}%; ${num(r, 100, 9000)} lao động được giải quyết việc làm.`,
  (r) => `Đã tiếp ${num(r, 300, 12000)} lượt công dân, giải quyết ${pct(r)} số đơn thư thuộc thẩm quyền.`,
];

/** One sentence; `year` anchors the figures in time. */
export function sentence(r: Rng, year: number): string {
  switch (int(r, 0, 6)) {
    case 0:
    case 1:
      return `${pick(r, SUBJECTS)} ${pick(r, ACTIONS)} ${pick(r, FIELDS)}, ${pick(r, RESULTS)}.`;
    case 2:
      return `Năm ${year}, ${lowerFirst(pick(r, SUBJECTS))} ${pick(r, ACTIONS)} ${pick(r, FIELDS)}; ${pick(r, RESULTS)}.`;
    case 3:
      return `Đã có ${num(r, 12, 9800)} ${pick(r, UNITS_OF)} được hỗ trợ, tỷ lệ hoàn thành đạt ${pct(r)}, tăng ${int(r, 1, 15)},${int(r, 0, 9)}% so với cùng kỳ.`;
    case 4:
      return pick(r, FIGURES)(r);
    case 5:
      return pick(r, LIMITS);
    default:
      return `Qua đó, ${pick(r, FIELDS)} ${pick(r, RESULTS)}, ${chance(r, 0.5) ? 'nhất là' : 'trong đó có'} ${pick(r, FIELDS)}.`;
  }
}

/**
 * Sentences are drawn from a pool built once (fixed seed, 40,000 of them, and 800 per year for
 * the dated kind): picking is twenty times cheaper than composing, and paragraphs of two to four
 * pooled sentences still never repeat.
 */
const POOL_SIZE = 40_000;
const YEAR_POOL_SIZE = 800;
let pool: string[] | null = null;
const yearPools = new Map<number, string[]>();

function pooled(r: Rng, year: number): string {
  if (r() < 1 / 7) {
    let yp = yearPools.get(year);
    if (!yp) {
      const g = rng(0x5eed ^ year);
      yp = Array.from({ length: YEAR_POOL_SIZE }, () => `Năm ${year}, ${lowerFirst(pick(g, SUBJECTS))} ${pick(g, ACTIONS)} ${pick(g, FIELDS)}; ${pick(g, RESULTS)}.`);
      yearPools.set(year, yp);
    }
    return yp[Math.floor(r() * yp.length)]!;
  }
  if (!pool) {
    const g = rng(0x5eed);
    pool = [];
    while (pool.length < POOL_SIZE) {
      const s = sentence(g, 0);
      if (!s.startsWith('Năm ')) pool.push(s);
    }
  }
  return pool[Math.floor(r() * POOL_SIZE)]!;
}

/** A paragraph of two to four sentences. */
export function paragraph(r: Rng, year: number): string {
  const n = int(r, 2, 4);
  let p = pooled(r, year);
  for (let i = 1; i < n; i++) p += ` ${pooled(r, year)}`;
  return p;
}

/** What someone asked for: 'tiếp tục đổi mới …, làm tốt …'. */
export function asks(r: Rng): string {
  const a = pick(r, ASKS);
  let b = pick(r, ASKS);
  if (b === a) b = pick(r, ASKS);
  return b === a ? a : `${a}; ${b}`;
}

export const field = (r: Rng): string => pick(r, FIELDS);
