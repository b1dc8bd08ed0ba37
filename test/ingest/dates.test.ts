import { describe, expect, it } from 'vitest';
import { findEventDate, parseHeaderMonth, parsePublicationDate, stampDate, yearHints } from '../../ingest/dates.js';
import type { Sentence } from '../../ingest/sentences.js';

const lead = (...texts: string[]): Sentence[] => {
  let at = 0;
  return texts.map((text, line) => {
    const s = { start: at, end: at + text.length, text, line };
    at += text.length + 1;
    return s;
  });
};

describe('dates', () => {
  it('reads the publication line in its usual shapes', () => {
    expect(parsePublicationDate('Thứ năm, 09/03/2023 - 14:20')).toBe('2023-03-09');
    expect(parsePublicationDate('Ngày đăng 02/11/2022 | 08:15')).toBe('2022-11-02');
    expect(parsePublicationDate('Cập nhật lúc07:05, Chủ Nhật, 5/7/2020 (GMT+7)')).toBe('2020-07-05');
    expect(parsePublicationDate('Thứ hai, 31/02/2023')).toBeNull();
  });

  it('reads a date YYYY-MM header', () => {
    expect(parseHeaderMonth(' date 2021-03 Hội nghị ...')).toEqual({ year: 2021, month: 3 });
    expect(parseHeaderMonth('Hội nghị ngày 3/2021')).toBeNull();
  });

  it('completes a part-of-day date with the year of publication', () => {
    expect(findEventDate(lead('Sáng 14/8, Ban Tổ chức Tỉnh ủy tổ chức hội nghị.'), '2022-08-14', null)?.iso).toBe('2022-08-14');
    expect(findEventDate(lead('Chiều 2-9, Hội Cựu chiến binh họp mặt.'), '2021-09-03', null)?.iso).toBe('2021-09-02');
  });

  it('takes the previous year when the day would fall after publication', () => {
    expect(findEventDate(lead('Tối 30/12, Thành ủy tổ chức lễ kỷ niệm.'), '2024-01-02', null)?.iso).toBe('2023-12-30');
  });

  it('completes the year from a date header when there is no publication line', () => {
    expect(findEventDate(lead('Sáng 20/11, Huyện ủy tổ chức hội nghị.'), null, { year: 2019, month: 11 })?.iso).toBe('2019-11-20');
  });

  it('uses a full date as written, even with a repeated word', () => {
    expect(findEventDate(lead('Sáng ngày ngày 15/01/2021, Tỉnh ủy tổ chức hội nghị trực tuyến.'), null, null)?.iso).toBe('2021-01-15');
    expect(findEventDate(lead('Trong 2 ngày 24 và 25/6/2022, Đảng bộ tỉnh tiến hành đại hội.'), null, null)?.iso).toBe('2022-06-24');
  });

  it('reads a full stamp and gives a month stamp its first day', () => {
    expect(parseHeaderMonth(' date 2023-11-14 Kỳ họp …')).toEqual({ year: 2023, month: 11, day: 14 });
    expect(stampDate(parseHeaderMonth(' date 2023-11-14 …'))).toBe('2023-11-14');
    expect(stampDate(parseHeaderMonth(' date 2021-03 …'))).toBe('2021-03-01');
    expect(stampDate(parseHeaderMonth(' date 2021-02-30 …'))).toBe('2021-02-01');
  });

  describe('the year from the report itself, when no publication line or stamp gives it', () => {
    const date = (...texts: string[]) => {
      const l = lead(...texts);
      return findEventDate(l.slice(0, 1), null, null, yearHints(l, l.slice(0, 1)))?.iso ?? null;
    };

    it('a full date with the same day and month', () => {
      expect(date('Chiều 12/3, Bộ Công thương tổ chức hội nghị.', 'Ngày 12/3/2024, Bộ trưởng ký quyết định.')).toBe('2024-03-12');
    });

    it("the first year of a term whose congress or first sitting the lead reports, or a re-election for it", () => {
      expect(date('Sáng 20/10, Đại hội đại biểu Đảng bộ tỉnh Yên Bái lần thứ XX, nhiệm kỳ 2020-2025 khai mạc.')).toBe('2020-10-20');
      expect(date('Sáng 25/6, HĐND tỉnh khóa XVI, nhiệm kỳ 2021-2026 tổ chức kỳ họp thứ nhất.')).toBe('2021-06-25');
      expect(date('Chiều 29/6, các đại biểu bỏ phiếu.', 'Ông Vũ Đình Lực tái cử chức Chủ tịch HĐND tỉnh nhiệm kỳ 2021-2026.')).toBe('2021-06-29');
    });

    it('not a sitting in the middle of a term', () => {
      expect(date('Chiều 8/12, kỳ họp thứ 14 HĐND tỉnh khóa XV, nhiệm kỳ 2016-2021 bầu Phó Chủ tịch UBND tỉnh.')).toBeNull();
    });

    it('the period reviewed and the tasks set', () => {
      expect(date('Sáng 28/12, Sở Nội vụ tổng kết công tác năm 2022, triển khai nhiệm vụ năm 2023.')).toBe('2022-12-28');
      expect(date('Sáng 10/1, Sở Nội vụ tổng kết công tác năm 2022, triển khai nhiệm vụ năm 2023.')).toBe('2023-01-10');
      expect(date('Sáng 30/6, Cục Thống kê công bố số liệu 6 tháng đầu năm 2024.')).toBe('2024-06-30');
    });

    it('the latest past fact of the text, the event coming on or after it within a year; never a birth date or a deadline', () => {
      expect(date('Sáng 5/1, ông A được bầu làm Chủ tịch.', 'Trước đó, ngày 28/12/2023, ông được chỉ định làm Phó Bí thư.')).toBe('2024-01-05');
      expect(date('Sáng 5/1, ông A được bầu làm Chủ tịch.', 'Ông A sinh ngày 28/12/1970.')).toBeNull();
      expect(date('Sáng 5/9, cơ quan điều tra ra thông báo.', 'Lệnh có hiệu lực đến ngày 30/12/2025.')).toBeNull();
      expect(date('Sáng 5/12, Ban Tổ chức họp.', 'Đại hội sẽ khai mạc ngày 20/12/2025.')).toBeNull();
    });
  });

  it('leaves the date unknown rather than guessing', () => {
    expect(findEventDate(lead('Sáng 14/8, Ban Tổ chức Tỉnh ủy tổ chức hội nghị.'), null, null)).toBeNull();
    // A statistic's date is not the event's.
    expect(findEventDate(lead('Đến ngày 15/10/2020, toàn tỉnh có 500 mô hình.'), '2020-12-01', null)).toBeNull();
  });
});
