import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../ingest/extract.js';
import { sentenceTime } from '../../ingest/careers.js';
import { toneKey } from '../../ingest/normalize.js';
import type { Extraction } from '../../ingest/extraction-schema.js';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/articles', name), 'utf8');
const person = (x: Extraction, name: string) => {
  const p = x.people.find((q) => q.name === name);
  if (!p) throw new Error(`no ${name} in ${x.people.map((q) => q.name).join(', ')}`);
  return p;
};
/** A person's posts as [title, body, status, acting, change, event]. */
const spells = (x: Extraction, name: string) =>
  person(x, name).posts.map((p) => [p.title, p.org?.name ?? null, p.status, p.acting, p.change, p.event]);

describe('a council session that relieves, elects and replaces (personnel-session.txt)', () => {
  const x = extractArticle('personnel-session.txt', fixture('personnel-session.txt'));

  it('dates the report by its event, the year from the archive stamp, and says so', () => {
    expect([x.eventDate, x.reportDate, x.reportDateBasis]).toEqual(['2023-11-14', '2023-11-14', 'event']);
  });

  it('gives the relieved chair an ending post and keeps his other post as seen', () => {
    expect(spells(x, 'Đoàn Văn Mạnh')).toEqual([
      ['Phó Bí thư', 'Tỉnh ủy Quảng Bình', 'current', false, null, null],
      ['Chủ tịch', 'Ủy ban nhân dân tỉnh Quảng Bình', 'current', false, 'end', 'relieved'],
    ]);
  });

  it("gives the elected chair his old posts as seen and the new one starting; 'UBND' and 'Ủy ban nhân dân' are one body, 'TT' is 'Thường trực'", () => {
    expect(spells(x, 'Cao Minh Khải')).toEqual([
      ['Phó Bí thư', 'Tỉnh ủy Quảng Bình', 'current', false, null, null],
      ['Phó Chủ tịch Thường trực', 'Ủy ban nhân dân tỉnh Quảng Bình', 'current', false, null, null],
      ['Chủ tịch', 'Ủy ban nhân dân tỉnh Quảng Bình', 'current', false, 'start', 'elected'],
    ]);
    const post = person(x, 'Cao Minh Khải').posts[2]!;
    expect(post.term).toBe('nhiệm kỳ 2021-2026');
    // One real post, one (title, body), whichever way the report writes it.
    const relieved = person(x, 'Đoàn Văn Mạnh').posts[1]!;
    expect([toneKey(post.title), toneKey(post.org!.name)]).toEqual([toneKey(relieved.title), toneKey(relieved.org!.name)]);
  });

  it('states the successions: relieved and elected to one post, and "thay ông X"', () => {
    expect(x.successions.map((s) => [s.predecessor, s.successor, s.post]).sort()).toEqual([
      ['Bế Văn Thuận', 'Đinh Văn Hải', 'Phó Chủ tịch Hội đồng nhân dân tỉnh Quảng Bình'],
      ['Đoàn Văn Mạnh', 'Cao Minh Khải', 'Chủ tịch Ủy ban nhân dân tỉnh Quảng Bình nhiệm kỳ 2021-2026'],
    ]);
    for (const s of x.successions) {
      expect(x.people.find((p) => p.name === s.successor)?.positions).toContain(s.post);
      expect(x.sentences[s.sentence]!.text).toContain(s.successor);
    }
    // The one replaced is named, but 'thay' gives him no post.
    expect(person(x, 'Bế Văn Thuận').positions).toEqual([]);
  });

  it("resolves 'Ông Khải' to the full name (his role counts), is no alias; two 'ông Hải' in one report are not guessed", () => {
    expect(person(x, 'Cao Minh Khải').aliases).toEqual([]);
    expect(person(x, 'Cao Minh Khải').roles).toEqual(['spoke']);
    expect(x.people.some((p) => p.name === 'Hải')).toBe(false);
    expect(person(x, 'Tăng Quốc Hải').roles).toEqual([]);
    expect(person(x, 'Đinh Văn Hải').roles).toEqual([]);
  });

  it("reads 'nguyên' as a former post, 'Trước đó' as former posts, and leaves a dated biography line's start out", () => {
    expect(spells(x, 'Lã Thị Nhàn')).toEqual([['Chủ tịch', 'Hội đồng nhân dân tỉnh Quảng Bình', 'former', false, null, null]]);
    expect(spells(x, 'Ninh Văn Hợp')).toEqual([
      ['Phó Chủ tịch', 'Ủy ban nhân dân tỉnh Quảng Bình', 'former', false, null, null],
      ['Tổng Giám đốc', 'Tổng công ty Xây dựng', 'current', false, 'start', 'assigned'],
    ]);
    expect(person(x, 'Cao Minh Khải').positions.some((p) => /Kế hoạch/u.test(p))).toBe(false);
  });

  it('reads the gender from the honorific, or from a middle name Thị', () => {
    expect(['Đoàn Văn Mạnh', 'Hoàng Thị Lý', 'Lã Thị Nhàn'].map((n) => person(x, n).gender)).toEqual(['male', 'female', 'female']);
  });

  it('gives provincial bodies their province and a district committee its district', () => {
    expect(person(x, 'Hoàng Thị Lý').posts[0]).toMatchObject({ title: 'Giám đốc', org: { name: 'Sở Tài chính tỉnh Quảng Bình', locality: { name: 'Quảng Bình', level: 'province' } } });
    expect(person(x, 'Tăng Quốc Hải').posts[0]?.org?.locality).toEqual({ name: 'Lệ Thủy', level: 'district', parent: 'Quảng Bình' });
  });

  it('keeps the session organizer with its term', () => {
    expect(x.conference.organizers).toEqual(['Hội đồng nhân dân tỉnh Quảng Bình khóa XVIII, nhiệm kỳ 2021-2026']);
    expect(x.conference.organizerOrgs.map((o) => o.name)).toEqual(['Hội đồng nhân dân tỉnh Quảng Bình']);
  });
});

describe('career facts in short reports', () => {
  it("a stamp dates a report without an event or publication date (a month alone gives its first day)", () => {
    const x = extractArticle('a.txt', ' date 2022-03 Ông Vũ Đình Lực được bổ nhiệm giữ chức Giám đốc Sở Nội vụ tỉnh Yên Bái.');
    expect([x.eventDate, x.reportDate, x.reportDateBasis]).toEqual([null, '2022-03-01', 'stamp']);
    expect(spells(x, 'Vũ Đình Lực')).toEqual([['Giám đốc', 'Sở Nội vụ tỉnh Yên Bái', 'current', false, 'start', 'appointed']]);
  });

  it("an acting post: title without 'quyền', acting, written as it is in positions", () => {
    const x = extractArticle('a.txt', 'Ông Lê Bá Khiêm, Phó Chủ tịch Thường trực UBND tỉnh Kon Tum, được Thủ tướng giao quyền Chủ tịch UBND tỉnh.');
    const p = person(x, 'Lê Bá Khiêm');
    expect(p.positions).toContain('quyền Chủ tịch Ủy ban nhân dân tỉnh Kon Tum');
    expect(p.posts.find((q) => q.acting)).toMatchObject({ title: 'Chủ tịch', org: { name: 'Ủy ban nhân dân tỉnh Kon Tum' }, change: 'start', event: 'assigned' });
  });

  it("a newly taken post ('tân Chủ tịch X'), and 'Chủ tịch tỉnh' said for the chair of the people's committee", () => {
    const x = extractArticle('a.txt', 'Tân Chủ tịch UBND tỉnh Sóc Trăng Đỗ Xuân Tùng phát biểu nhận nhiệm vụ. Ông Quách Văn Định thôi giữ chức Chủ tịch tỉnh Sóc Trăng.');
    expect(spells(x, 'Đỗ Xuân Tùng')).toEqual([['Chủ tịch', 'Ủy ban nhân dân tỉnh Sóc Trăng', 'current', false, 'start', 'newly']]);
    expect(spells(x, 'Quách Văn Định')).toEqual([['Chủ tịch', 'Ủy ban nhân dân tỉnh Sóc Trăng', 'current', false, 'end', 'relieved']]);
    expect(x.successions.map((s) => [s.predecessor, s.successor])).toEqual([['Quách Văn Định', 'Đỗ Xuân Tùng']]);
  });

  it('one appointed to a one-holder post that another is written holding: that one is replaced', () => {
    const x = extractArticle(
      'a.txt',
      'Sáng 3/4/2023, Ban Thường vụ Tỉnh ủy Yên Bái tổ chức hội nghị công bố quyết định. Ông Mông Thị Sen, Bí thư Huyện ủy Lục Yên chủ trì hội nghị. Ông Hầu A Lử được chỉ định giữ chức Bí thư Huyện ủy Lục Yên.',
    );
    expect(spells(x, 'Mông Thị Sen')).toEqual([['Bí thư', 'Huyện ủy Lục Yên', 'current', false, 'end', 'replaced']]);
    expect(x.successions.map((s) => [s.predecessor, s.successor])).toEqual([['Mông Thị Sen', 'Hầu A Lử']]);
  });

  it('no succession between deputies: many hold a Phó post at once', () => {
    const x = extractArticle('a.txt', 'HĐND tỉnh miễn nhiệm chức danh Phó Chủ tịch UBND tỉnh đối với ông Lăng Văn Tám và bầu bà Trương Thị Huệ giữ chức Phó Chủ tịch UBND tỉnh.');
    expect(spells(x, 'Lăng Văn Tám')[0]?.slice(4)).toEqual(['end', 'relieved']);
    expect(spells(x, 'Trương Thị Huệ')[0]?.slice(4)).toEqual(['start', 'elected']);
    expect(x.successions).toEqual([]);
  });

  it("reads 'Ông là P, Q' opening a sentence as the posts of the one person named just before; two named there, no guess", () => {
    const x = extractArticle('a.txt', 'Sáng 3/4/2023, Ban Tổ chức Trung ương tổ chức hội nghị. Ông Vi Văn Kiên có trình độ tiến sĩ. Ông là Ủy viên Trung ương Đảng, Trưởng Ban Kinh tế Trung ương.');
    expect(person(x, 'Vi Văn Kiên').positions).toEqual(['Ủy viên Trung ương Đảng', 'Trưởng Ban Kinh tế Trung ương']);
    const two = extractArticle('a.txt', 'Sáng 3/4/2023, Ban Tổ chức Trung ương tổ chức hội nghị. Ông Vi Văn Kiên và ông Lò Văn Phấn dự. Ông là Ủy viên Trung ương Đảng.');
    expect(two.people.map((p) => [p.name, p.positions])).toEqual([
      ['Vi Văn Kiên', []],
      ['Lò Văn Phấn', []],
    ]);
  });

  it('tells biography lines and former-time lines from the report news', () => {
    expect(sentenceTime('Tháng 5/2019, ông được bổ nhiệm giữ chức Giám đốc.', '2023-11-14')).toBe('past');
    expect(sentenceTime('Ngày 14/11/2023, HĐND tỉnh bầu ông A.', '2023-11-14')).toBe('now');
    expect(sentenceTime('Năm 2020, ông A là Bí thư Huyện ủy.', '2023-11-14')).toBe('past');
    expect(sentenceTime('Trước đó, ông A là Phó Chủ tịch.', null)).toBe('before');
    expect(sentenceTime('Tháng 5/2019, ông A làm Giám đốc.', null)).toBe('now');
  });
});
