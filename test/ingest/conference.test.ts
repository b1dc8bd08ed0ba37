import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../ingest/extract.js';

const conf = (text: string) => extractArticle('t.txt', text).conference;

describe('conference', () => {
  it('finds organizers and title in "X tổ chức hội nghị ..." after a date clause', () => {
    expect(conf('Chiều 14/3, Sở Nội vụ tỉnh Nghệ An tổ chức hội nghị tập huấn công tác thi đua, khen thưởng năm 2024.')).toMatchObject({
      organizers: ['Sở Nội vụ tỉnh Nghệ An'],
      title: 'Hội nghị tập huấn công tác thi đua',
    });
  });

  it('takes every body of a comma list and gives them the place written once at the end', () => {
    const c = conf('Sáng 3/2, Huyện ủy, HĐND, UBND, UBMTTQ huyện Yên Lập tổ chức Lễ kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam.');
    expect(c.organizers).toEqual(['Huyện ủy Yên Lập', 'Hội đồng nhân dân huyện Yên Lập', 'Ủy ban nhân dân huyện Yên Lập', 'Ủy ban Mặt trận Tổ quốc huyện Yên Lập']);
    expect(c.title).toBe('Lễ kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam');
  });

  it('reads "hội nghị ... do X tổ chức" and "X phối hợp với Y tổ chức"', () => {
    expect(conf('Hội nghị sơ kết 6 tháng do Ban Chỉ đạo 35 tỉnh Bến Tre tổ chức sáng 8/7.').organizers).toEqual(['Ban Chỉ đạo 35 tỉnh Bến Tre']);
    expect(conf('Ngày 9/9, Hội Nông dân tỉnh phối hợp với Ngân hàng Chính sách xã hội tổ chức hội thảo.').organizers).toEqual([
      'Hội Nông dân tỉnh',
      'Ngân hàng Chính sách xã hội',
    ]);
  });

  it("keeps an organizer whose name holds 'và' or commas whole ('Ban Tuyên giáo và Dân vận Tỉnh ủy')", () => {
    expect(conf('Sáng 12/1, Ban Tuyên giáo và Dân vận Tỉnh ủy Yên Bái tổ chức hội nghị tổng kết.').organizers).toEqual(['Ban Tuyên giáo và Dân vận Tỉnh ủy Yên Bái']);
    expect(conf('Sáng 12/1, Sở Văn hóa, Thể thao và Du lịch tỉnh Yên Bái phối hợp với Tỉnh đoàn tổ chức hội thi.').organizers).toEqual([
      'Sở Văn hóa, Thể thao và Du lịch tỉnh Yên Bái',
      'Tỉnh đoàn',
    ]);
  });

  it("does not take a purpose or a plan ('để chuẩn bị tổ chức đại hội') for the event held", () => {
    expect(conf('Để chuẩn bị tổ chức Đại hội, sáng 3/5, Huyện ủy Lục Yên họp phiên mở rộng.').organizers).toEqual([]);
  });

  describe('organizers the report implies', () => {
    it("a congress: the body whose congress it is ('Đại hội đại biểu Đảng bộ tỉnh X lần thứ …')", () => {
      const c = conf('Sáng 14/10, tại Hội trường tỉnh, Đại hội đại biểu Đảng bộ tỉnh Kon Tum lần thứ XVI, nhiệm kỳ 2020-2025 bước vào phiên làm việc thứ hai.');
      expect(c.organizers).toEqual(['Đảng bộ tỉnh Kon Tum']);
      expect(c.title).toBe('Đại hội đại biểu Đảng bộ tỉnh Kon Tum lần thứ XVI, nhiệm kỳ 2020-2025');
    });

    it("a council session: the council named with it, with its term, completed with the report's province", () => {
      expect(conf('Chiều 7/7, tại kỳ họp thứ 9 HĐND tỉnh Sóc Trăng khóa X, các đại biểu đã bầu Phó Chủ tịch UBND tỉnh.').organizers).toEqual(['Hội đồng nhân dân tỉnh Sóc Trăng khóa X']);
      expect(conf('Sáng 2/8, kỳ họp thứ 5, HĐND tỉnh khóa X (tỉnh Sóc Trăng) đã bầu bổ sung Ủy viên UBND tỉnh Sóc Trăng.').organizers).toEqual(['Hội đồng nhân dân tỉnh Sóc Trăng khóa X']);
    });

    it("the body whose seat hosts the event ('tại Tỉnh ủy X đã diễn ra hội nghị …'), not a hall", () => {
      expect(conf('Sáng 9/5, tại Tỉnh ủy Yên Bái đã diễn ra hội nghị công bố quyết định về công tác cán bộ.').organizers).toEqual(['Tỉnh ủy Yên Bái']);
      expect(conf('Sáng 9/5, tại Hội trường tỉnh đã diễn ra hội nghị công bố quyết định về công tác cán bộ.').organizers).toEqual([]);
    });

    it("a council passing resolutions in the lead ('HĐND tỉnh X thông qua Nghị quyết …')", () => {
      expect(conf('Sáng nay (5/8), HĐND tỉnh Quảng Bình thông qua Nghị quyết về công tác cán bộ.').organizers).toEqual(['Hội đồng nhân dân tỉnh Quảng Bình']);
    });
  });

  it('sees online conferences and their central bridge point', () => {
    const c = conf('Sáng 5/1, Chính phủ tổ chức hội nghị trực tuyến với các địa phương, điểm cầu trung tâm tại Hà Nội kết nối 63 điểm cầu tỉnh, thành phố.');
    expect(c).toMatchObject({ online: true, locality: 'Hà Nội' });
    expect(c.bridgePoints).toContain('Hà Nội');
  });
});
