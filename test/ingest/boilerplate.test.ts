import { describe, expect, it } from 'vitest';
import { analyzeLayout, looksLikeByline } from '../../ingest/boilerplate.js';

const PAGE = `Thời sự

Hội Nông dân tỉnh tổng kết năm 2024

Thứ Sáu, 20/12/2024 - 16:40

(BNA) - Chiều 20/12, Hội Nông dân tỉnh tổ chức hội nghị tổng kết công tác Hội và phong trào nông dân năm 2024, triển khai nhiệm vụ năm 2025 với sự tham dự của nhiều đại biểu.

Ảnh: Đồng chí Trần Văn Bình, Chủ tịch Hội Nông dân tỉnh phát biểu

Tin, ảnh: Minh Châu

NGỌC ÁNH

Chia sẻ bài viết

Bình luận (0)

Tin liên quan

Sáng 18/12, đồng chí Lê Hữu Phước, Phó Chủ tịch UBND tỉnh làm việc với huyện.`;

describe('page layout', () => {
  const layout = analyzeLayout(PAGE);
  const kept = layout.body.map((l) => l.text).join('\n');

  it('finds the publication line, the headline and the publisher', () => {
    expect(layout.publicationLine?.text).toBe('Thứ Sáu, 20/12/2024 - 16:40');
    expect(layout.headline).toBe('Hội Nông dân tỉnh tổng kết năm 2024');
    expect(layout.publisher).toBe('BNA');
  });

  it('drops share buttons, comment boxes and the related-news teasers after them', () => {
    expect(kept).not.toContain('Chia sẻ');
    expect(kept).not.toContain('Lê Hữu Phước');
    expect(layout.dropped.some((d) => d.why === 'related' && d.text.includes('Lê Hữu Phước'))).toBe(true);
  });

  it('drops the byline and the photo credit but keeps the photo caption', () => {
    expect(kept).not.toContain('NGỌC ÁNH');
    expect(kept).not.toContain('Minh Châu');
    expect(kept).toContain('Ảnh: Đồng chí Trần Văn Bình, Chủ tịch Hội Nông dân tỉnh phát biểu');
  });

  it("cuts another story's teaser that starts with the publisher's mark, even without a widget line", () => {
    const page = [
      'Tỉnh đoàn tổng kết năm',
      '',
      '(NĐO) - Sáng 2/1, Tỉnh đoàn tổ chức hội nghị tổng kết công tác Đoàn năm 2024 với nhiều đại biểu tham dự và phát biểu.',
      '',
      'Hội nghị đã thành công tốt đẹp.',
      '',
      'Nông dân ra đồng sớm',
      '(NĐO) - Sáng 3/1, đồng chí Trần Lê Đoài, Chủ tịch UBND tỉnh thăm đồng ruộng.',
    ].join('\n');
    const kept = analyzeLayout(page).body.map((l) => l.text).join('\n');
    expect(kept).toContain('Hội nghị đã thành công tốt đẹp.');
    expect(kept).not.toContain('Nông dân ra đồng sớm');
    expect(kept).not.toContain('Trần Lê Đoài');
  });

  it('tells a byline from a sentence', () => {
    expect(looksLikeByline('HOÀNG LÂM')).toBe(true);
    expect(looksLikeByline('Thu Hà - Quốc Dũng')).toBe(true);
    expect(looksLikeByline('Tin, ảnh: Văn Tiến')).toBe(true);
    expect(looksLikeByline('Hội nghị đã thành công tốt đẹp.')).toBe(false);
    expect(looksLikeByline('Ảnh: Đồng chí Lê Văn An phát biểu tại hội nghị')).toBe(false);
  });
});
