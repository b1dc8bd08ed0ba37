/**
 * Synthetic reports for benchmarks: varied names, posts, bodies, provinces, dates, captions,
 * bylines and page furniture, about `size` bytes each. Deterministic for a given seed.
 */
import { PROVINCES_BEFORE_2025 } from '../ingest/gazetteer.js';

const SURN = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Cao', 'Tạ', 'Lương'];
const MID = ['Văn', 'Thị', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Hữu', 'Ngọc', 'Xuân', 'Thu', 'Kim', 'Hồng'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hải', 'Hạnh', 'Hòa', 'Hùng', 'Lan', 'Long', 'Mai', 'Nam', 'Nga', 'Phúc', 'Quang', 'Sơn', 'Tâm', 'Thảo', 'Trung', 'Tuấn', 'Vinh', 'Yến'];
const POSTS = [
  'Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy', 'Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh', 'Phó Chủ tịch HĐND tỉnh',
  'Ủy viên BTV, Chủ tịch Ủy ban MTTQ tỉnh', 'Giám đốc Sở Nội vụ', 'Phó Trưởng ban TT Ban Tuyên giáo Tỉnh ủy', 'Bí thư Huyện ủy',
  'Chủ tịch Hội Nông dân tỉnh', 'Phó Giám đốc Sở Lao động - Thương binh và Xã hội', 'Trưởng Ban Tổ chức Tỉnh ủy',
];
const FILLER = [
  'Năm qua, công tác dân vận của hệ thống chính trị tiếp tục được quan tâm, đạt nhiều kết quả quan trọng, góp phần củng cố niềm tin của Nhân dân.',
  'Các cấp, các ngành đã tập trung thực hiện tốt công tác cải cách hành chính, tiếp công dân, giải quyết khiếu nại, tố cáo theo quy định.',
  'Phong trào thi đua "Dân vận khéo" được triển khai sâu rộng với hàng trăm mô hình, điển hình tiêu biểu trên các lĩnh vực.',
  'Mặt trận Tổ quốc và các tổ chức chính trị - xã hội đã đổi mới nội dung, phương thức hoạt động, hướng mạnh về cơ sở.',
  'Tuy nhiên, việc nắm bắt tình hình Nhân dân ở một số nơi có lúc chưa kịp thời; công tác phối hợp có mặt còn hạn chế.',
];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export function generateArticle(i: number, size = 5120): string {
  const r = rng(i + 1);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)]!;
  const person = () => `${pick(SURN)} ${pick(MID)} ${pick(GIVEN)}`;
  const prov = pick(PROVINCES_BEFORE_2025);
  const d = 1 + Math.floor(r() * 27);
  const m = 1 + Math.floor(r() * 12);
  const y = 2019 + Math.floor(r() * 6);
  const lines = [
    'Thời sự',
    '',
    `Tổng kết công tác dân vận năm ${y} tại ${prov}`,
    '',
    `Thứ Sáu, ${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y} - 10:${String(10 + Math.floor(r() * 49))}`,
    '',
    `(BT) - ${pick(['Sáng', 'Chiều'])} ${d}/${m}, Ban Dân vận Tỉnh ủy ${prov} tổ chức hội nghị tổng kết công tác dân vận năm ${y}, triển khai nhiệm vụ năm ${y + 1}.`,
    '',
    `Hội nghị do đồng chí ${person()} - ${pick(POSTS)} chủ trì. Dự hội nghị có các đồng chí ${person()}, ${pick(POSTS)}; ${person()}, ${pick(POSTS)}.`,
    '',
  ];
  let body = lines.join('\n');
  while (Buffer.byteLength(body) < size - 800) {
    body += `${pick(FILLER)} ${pick(FILLER)}\n\n`;
    if (r() < 0.3) body += `Ảnh: Đồng chí ${person()}, ${pick(POSTS)} phát biểu tại hội nghị\n\n`;
    if (r() < 0.2) body += `Đồng chí ${person()}, ${pick(POSTS)} trình bày báo cáo tại hội nghị.\n\n`;
  }
  body += `Phát biểu kết luận hội nghị, đồng chí ${person()}, ${pick(POSTS)} đề nghị các cấp tiếp tục đổi mới nội dung, phương thức công tác dân vận.\n\n`;
  body += `Dịp này, các đồng chí ${person()} (xã Tân Lập), ${person()} (phường Quang Trung) được tặng Kỷ niệm chương "Vì sự nghiệp Dân vận".\n\n`;
  body += `${pick(GIVEN).toUpperCase()} ${pick(GIVEN).toUpperCase()}\n\nChia sẻ\n\nTin liên quan\n\nSáng ${d}/${m}, đồng chí ${person()} làm việc với huyện.\n`;
  return body;
}
