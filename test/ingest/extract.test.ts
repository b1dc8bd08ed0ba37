import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../ingest/extract.js';
import { Extraction } from '../../ingest/extraction-schema.js';
import { toSourceText } from '../../ingest/normalize.js';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/articles', name), 'utf8');
const brief = (x: Extraction) => x.people.map((p) => [p.name, p.positions, p.roles]);

describe('extractArticle on a council session report', () => {
  const text = fixture('hdnd-session.txt');
  const x = extractArticle('hdnd-session.txt', text);

  it('is a valid extraction with a content hash of the source', () => {
    expect(Extraction.safeParse(x).success).toBe(true);
    expect(x.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads the dates, the headline, the publisher and the province', () => {
    expect([x.eventDate, x.publishedDate, x.province, x.publisher]).toEqual(['2025-12-08', '2025-12-08', 'Quảng Trị', 'QTO']);
    expect(x.headline).toBe('Khai mạc kỳ họp thứ 15 HĐND tỉnh khóa VIII');
  });

  it("finds the session, its organizer and place", () => {
    expect(x.conference).toMatchObject({ title: 'Kỳ họp thứ 15', locality: 'Quảng Trị' });
    // The organizer keeps its term as written; its organization is the council itself.
    expect(x.conference.organizers).toEqual(['Hội đồng nhân dân tỉnh Quảng Trị khóa VIII']);
    expect(x.conference.organizerOrgs[0]?.name).toBe('Hội đồng nhân dân tỉnh Quảng Trị');
    expect(x.conference.organizerOrgs[0]).toMatchObject({ kind: 'peoples_council' });
  });

  it('lists the people with completed positions and their roles, captions included, teasers and bylines not', () => {
    expect(brief(x)).toEqual([
      ['Nguyễn Đăng Khoa', ['Phó Bí thư Tỉnh ủy Quảng Trị', 'Chủ tịch Hội đồng nhân dân tỉnh Quảng Trị'], ['chaired', 'spoke']],
      ['Lê Quang Thạch', ['Ủy viên Trung ương Đảng', 'Bí thư Tỉnh ủy Quảng Trị'], ['attended']],
      ['Võ Văn Hòa', ['Phó Bí thư Tỉnh ủy Quảng Trị', 'Chủ tịch Ủy ban nhân dân tỉnh Quảng Trị'], ['attended', 'spoke']],
      ['Trịnh Công Bằng', ['nguyên Giám đốc Sở Giao thông vận tải'], ['awarded']],
      ['Hoàng Minh Tuấn', ['Giám đốc Sở Tài chính'], ['reported']],
    ]);
    expect(x.people.find((p) => p.name === 'Võ Văn Hòa')?.aliases).toEqual(['Võ Văn Hoà']);
    expect(x.awards).toEqual([{ recipient: 'Trịnh Công Bằng', award: 'Huân chương Lao động hạng Ba', giver: null, recipientLocality: null }]);
  });

  it('backs every role, position and award with its sentence at the right offsets of the source', () => {
    const source = toSourceText(text);
    expect(x.evidence.length).toBeGreaterThan(10);
    for (const e of x.evidence) {
      const s = x.sentences[e.sentence]!;
      expect(source.slice(s.start, s.end)).toBe(s.text);
    }
    for (const p of x.people) for (const r of p.roles) expect(x.evidence.some((e) => e.kind === 'role' && e.person === p.name && e.value === r)).toBe(true);
    const caption = x.evidence.find((e) => e.person === 'Võ Văn Hòa' && e.value === 'spoke');
    expect(x.sentences[caption!.sentence]!.text).toBe('Ảnh: Đồng chí Võ Văn Hòa, Chủ tịch UBND tỉnh phát biểu tại kỳ họp');
  });
});

describe('extractArticle on a district front report', () => {
  const x = extractArticle('front-awards.txt', fixture('front-awards.txt'));

  it('completes the year from the date header and bodies from the organizer district', () => {
    expect(x.eventDate).toBe('2024-03-28');
    expect(x.conference.organizers).toEqual(['Ủy ban Mặt trận Tổ quốc Việt Nam huyện Tam Dương', 'Ban Dân vận Huyện ủy Tam Dương']);
    expect(brief(x).slice(0, 4)).toEqual([
      ['Đỗ Thị Lan Hương', ['Ủy viên Ban Thường vụ Huyện ủy Tam Dương', 'Chủ tịch Ủy ban Mặt trận Tổ quốc huyện Tam Dương'], ['chaired']],
      ['Kiều Văn Nam', ['Trưởng Ban Dân vận Huyện ủy Tam Dương'], ['chaired']],
      ['Phùng Quang Hải', ['Bí thư Huyện ủy Tam Dương'], ['attended']],
      ['Lưu Thị Mến', ['Phó Chủ tịch Ủy ban Mặt trận Tổ quốc huyện Tam Dương'], ['reported']],
    ]);
  });

  it('records awards to named people with their commune, not to counted collectives', () => {
    expect(x.awards.map((a) => [a.recipient, a.award, a.recipientLocality])).toEqual([
      ['Nguyễn Văn Sáu', 'Bằng khen', 'xã Hoàng Đan'],
      ['Trần Đức Mạnh', 'Bằng khen', 'thị trấn Hợp Hòa'],
    ]);
    expect(x.people.map((p) => p.name)).not.toContain('Thu Hiền');
  });
});

describe('extractArticle on odd input', () => {
  it('returns an empty but valid extraction for text with no conference', () => {
    const x = extractArticle('note.txt', 'Giá lúa tăng nhẹ trong tuần qua.');
    expect(Extraction.safeParse(x).success).toBe(true);
    expect([x.people, x.eventDate, x.conference.organizers]).toEqual([[], null, []]);
  });
});

describe('extractArticle on a commune party congress report', () => {
  const x = extractArticle('party-congress.txt', fixture('party-congress.txt'));

  it('reads the lead, not the headline, for the event and its organizer', () => {
    expect(x.eventDate).toBe('2025-05-24');
    expect(x.publishedDate).toBe('2025-05-26');
    expect(x.conference.title).toBe('Đại hội đại biểu Đảng bộ xã lần thứ XXI, nhiệm kỳ 2025 - 2030');
    expect(x.conference.organizers).toEqual(['Đảng bộ xã Quỳnh Hoa']);
  });

  it('leaves out names in passing and completes a commune committee from the organizer', () => {
    expect(x.people.map((p) => p.name)).toEqual(['Hồ Văn Lực', 'Chu Thị Hằng', 'Tăng Văn Dũng', 'Đậu Văn Hiền', 'Nguyễn Thị Tâm']);
    expect(x.people.find((p) => p.name === 'Tăng Văn Dũng')).toMatchObject({
      positions: ['Bí thư Đảng ủy xã Quỳnh Hoa', 'Chủ tịch Hội đồng nhân dân xã Quỳnh Hoa'],
      roles: ['reported'],
    });
    expect(x.people.find((p) => p.name === 'Hồ Văn Lực')?.roles).toEqual(['attended', 'directed', 'spoke']);
  });

  it('takes the place from a bracket with an age in it', () => {
    expect(x.awards.map((a) => [a.recipient, a.award, a.recipientLocality])).toEqual([
      ['Đậu Văn Hiền', 'Huy hiệu 50 năm tuổi Đảng', 'xóm 5'],
      ['Nguyễn Thị Tâm', 'Huy hiệu 50 năm tuổi Đảng', 'thôn Đông'],
    ]);
  });
});

describe('extractArticle on an online provincial conference without a publication line', () => {
  const x = extractArticle('online-provincial.txt', fixture('online-provincial.txt'));

  it("takes the year from the year it reviews and the tasks it sets ('tổng kết … năm 2025, triển khai nhiệm vụ năm 2026')", () => {
    expect(x.eventDate).toBe('2025-12-19');
  });

  it('sees the conference is online and names its bridge point', () => {
    expect(x.conference).toMatchObject({ online: true, bridgePoints: ['Tỉnh ủy'], organizers: ['Ban Thường vụ Tỉnh ủy Gia Lai'] });
  });

  it("reads 'X - A, B - chủ trì' and a title written before a name inside a sentence", () => {
    expect(brief(x)).toEqual([
      ['Hồ Văn Niên', ['Ủy viên Trung ương Đảng', 'Bí thư Tỉnh ủy Gia Lai'], ['chaired', 'spoke']],
      ['Rah Lan Chung', ['Phó Bí thư Thường trực Tỉnh ủy Gia Lai', 'Chủ tịch Hội đồng nhân dân tỉnh Gia Lai'], ['attended']],
      ['Phạm Anh Tuấn', ['Phó Bí thư Tỉnh ủy Gia Lai', 'Chủ tịch Ủy ban nhân dân tỉnh Gia Lai'], ['attended']],
      ['Siu Hương', ['Ủy viên Ban Thường vụ Tỉnh ủy Gia Lai', 'Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy Gia Lai'], ['reported']],
      ['Nguyễn Thị Thanh Lịch', ['Bí thư Đảng ủy phường Pleiku'], ['spoke']],
    ]);
    expect(x.awards).toEqual([]);
  });
});

describe('extractArticle on a national report with bulleted lists', () => {
  const x = extractArticle('national-list.txt', fixture('national-list.txt'));

  it('reads a bare publication date and a "Ngày d/m" lead', () => {
    expect([x.eventDate, x.publishedDate]).toEqual(['2024-01-12', '2024-01-12']);
    expect(x.conference.organizers).toEqual(['Ban Tuyên giáo Trung ương']);
  });

  it('gives bulleted lines the cue of the line that opened the list, ranks and degrees read as honorifics', () => {
    expect(brief(x)).toEqual([
      ['Nguyễn Trọng Nghĩa', ['Bí thư Trung ương Đảng', 'Trưởng Ban Tuyên giáo Trung ương'], ['chaired', 'spoke']],
      ['Phan Xuân Thủy', ['Phó Trưởng Ban Tuyên giáo Trung ương'], ['attended', 'chaired']],
      ['Lại Văn Môn', ['Cục trưởng Cục Tuyên huấn'], ['attended']],
      ['Đinh Thị Huệ', ['Giám đốc Học viện Báo chí và Tuyên truyền'], ['attended', 'chaired']],
      ['Trần Quang Bình', ['Vụ trưởng Vụ Lý luận chính trị'], ['spoke']],
      ['Hà Minh Đức', [], ['awarded']],
      ['Kiều Thị Thu', [], ['awarded']],
    ]);
  });

  it("reads 'được tặng Bằng khen của X gồm: A, B' with its giver", () => {
    expect(x.awards.map((a) => [a.recipient, a.award, a.giver])).toEqual([
      ['Hà Minh Đức', 'Bằng khen', 'Ban Tuyên giáo Trung ương'],
      ['Kiều Thị Thu', 'Bằng khen', 'Ban Tuyên giáo Trung ương'],
    ]);
  });
});
