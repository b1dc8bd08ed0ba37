import { describe, expect, it } from 'vitest';
import { findEventDate, parseHeaderMonth, parsePublicationDate } from '../../ingest/dates.js';
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

  it('leaves the date unknown rather than guessing', () => {
    expect(findEventDate(lead('Sáng 14/8, Ban Tổ chức Tỉnh ủy tổ chức hội nghị.'), null, null)).toBeNull();
    // A statistic's date is not the event's.
    expect(findEventDate(lead('Đến ngày 15/10/2020, toàn tỉnh có 500 mô hình.'), '2020-12-01', null)).toBeNull();
  });
});
