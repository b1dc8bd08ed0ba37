import { describe, expect, it } from 'vitest';
import { provinceGroup } from '../../graph/gazetteer.js';
import { explainPair, resolveMentions } from '../../graph/resolve.js';
import type { MentionRecord } from '../../graph/mention-record.js';
import { fileOfArticle, mention } from './mention-fixtures.js';

const resolve = (ms: MentionRecord[], extra: { same?: [string, string][]; different?: [string, string][] } = {}) =>
  resolveMentions(ms, { placeGroup: provinceGroup, ...extra });
/** The clusters as sorted lists of article files. */
const groups = (ms: MentionRecord[], extra = {}): string[][] => {
  const file = new Map(ms.map((m) => [m.id, fileOfArticle.get(m.data.article)!]));
  return resolve(ms, extra)
    .map((p) => p.members.map((id) => file.get(id)!).sort())
    .sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
};

describe('resolveMentions', () => {
  it('joins one official seen along a ladder in one province (Phó Chủ tịch → Chủ tịch)', () => {
    const ms = [
      mention({ article: 'a1.txt', name: 'Trương Minh Khoa', date: '2016-05-10', province: 'Nghệ An', posts: [{ title: 'Phó Chủ tịch', body: 'Ủy ban nhân dân tỉnh Nghệ An', province: 'Nghệ An' }] }),
      mention({ article: 'a2.txt', name: 'Trương Minh Khoa', date: '2021-06-20', province: 'Nghệ An', posts: [{ title: 'Chủ tịch', body: 'Ủy ban nhân dân tỉnh Nghệ An', province: 'Nghệ An', change: 'start', event: 'elected' }] }),
    ];
    const people = resolve(ms);
    expect(people).toHaveLength(1);
    const link = [...people[0]!.links.values()][0]!;
    expect(link.reasons.join('; ')).toMatch(/same province: nghệ an/);
    expect(link.reasons.join('; ')).toMatch(/step up the same ladder/);
    expect(link.score).toBeGreaterThanOrEqual(3);
  });

  it('follows a career from a province to the centre when a later report names the province post as former', () => {
    const ms = [
      mention({ article: 'b1.txt', name: 'Lục Văn Bảo', date: '2019-03-01', province: 'Yên Bái', posts: [{ title: 'Bí thư', body: 'Tỉnh ủy Yên Bái', province: 'Yên Bái' }] }),
      mention({
        article: 'b2.txt',
        name: 'Lục Văn Bảo',
        date: '2023-08-15',
        province: null,
        posts: [
          { title: 'Phó Trưởng Ban', body: 'Ban Kinh tế Trung ương', change: 'start', event: 'appointed' },
          { title: 'Bí thư', body: 'Tỉnh ủy Yên Bái', province: 'Yên Bái', status: 'former' },
        ],
      }),
    ];
    expect(groups(ms)).toEqual([['b1.txt', 'b2.txt']]);
  });

  it('continues a career across the 2025 merger: a post in an absorbed province and one in the merged province', () => {
    const ms = [
      mention({ article: 'c1.txt', name: 'Quách Thị Diệu', date: '2024-11-02', province: 'Hà Giang', posts: [{ title: 'Phó Chủ tịch', body: 'Ủy ban nhân dân tỉnh Hà Giang', province: 'Hà Giang' }] }),
      mention({ article: 'c2.txt', name: 'Quách Thị Diệu', date: '2025-08-20', province: 'Tuyên Quang', posts: [{ title: 'Phó Chủ tịch', body: 'Ủy ban nhân dân tỉnh Tuyên Quang', province: 'Tuyên Quang' }] }),
    ];
    const people = resolve(ms);
    expect(people).toHaveLength(1);
    expect([...people[0]!.links.values()][0]!.reasons.join('; ')).toMatch(/same province: hà giang/);
  });

  it('keeps namesakes apart: different executive posts in two provinces at the same time', () => {
    const ms = [
      mention({ article: 'd1.txt', name: 'Kiều Văn Toàn', date: '2022-04-01', province: 'Bình Định', posts: [{ title: 'Giám đốc', body: 'Sở Tài chính tỉnh Bình Định', province: 'Bình Định' }], co: ['Hà Thị Ngân'] }),
      mention({ article: 'd2.txt', name: 'Kiều Văn Toàn', date: '2022-05-12', province: 'Sơn La', posts: [{ title: 'Phó Chủ tịch', body: 'Ủy ban nhân dân tỉnh Sơn La', province: 'Sơn La' }], co: ['Hà Thị Ngân'] }),
    ];
    expect(groups(ms)).toEqual([['d1.txt'], ['d2.txt']]);
    const why = explainPair([ms[0]!], [ms[1]!], provinceGroup);
    expect(why.veto).toMatch(/at the same time/);
  });

  it('keeps namesakes apart: a national post seen between two sightings of a provincial official', () => {
    const ms = [
      mention({ article: 'e1.txt', name: 'Vi Thị Hằng', date: '2020-10-01', province: 'Lạng Sơn', posts: [{ title: 'Chủ nhiệm', body: 'Ủy ban Kiểm tra Tỉnh ủy Lạng Sơn', province: 'Lạng Sơn' }] }),
      mention({ article: 'e2.txt', name: 'Vi Thị Hằng', date: '2023-06-30', province: null, posts: [{ title: 'Vụ trưởng', body: 'Bộ Tài chính' }] }),
      mention({ article: 'e3.txt', name: 'Vi Thị Hằng', date: '2025-01-15', province: 'Lạng Sơn', posts: [{ title: 'Phó Bí thư', body: 'Tỉnh ủy Lạng Sơn', province: 'Lạng Sơn' }] }),
    ];
    expect(groups(ms)).toEqual([['e1.txt', 'e3.txt'], ['e2.txt']]);
  });

  it('never joins two genders, nor two people one report names apart', () => {
    const a = mention({ article: 'f1.txt', name: 'Mạc Đình Phú', date: '2021-01-01', province: 'Hải Dương', gender: 'male', posts: [{ title: 'Phó Chủ tịch', body: 'Hội đồng nhân dân tỉnh Hải Dương', province: 'Hải Dương' }] });
    const b = mention({ article: 'f2.txt', name: 'Mạc Đình Phú', date: '2021-03-01', province: 'Hải Dương', gender: 'female', posts: [{ title: 'Phó Chủ tịch', body: 'Hội đồng nhân dân tỉnh Hải Dương', province: 'Hải Dương' }] });
    expect(groups([a, b])).toHaveLength(2);
  });

  it('leaves two mentions with nothing in common apart (a name alone is not enough)', () => {
    const ms = [
      mention({ article: 'g1.txt', name: 'Tôn Thất Vỹ', date: '2018-02-02', province: 'Đắk Lắk', posts: [{ title: 'Phó Giám đốc', body: 'Sở Y tế tỉnh Đắk Lắk', province: 'Đắk Lắk' }] }),
      mention({ article: 'g2.txt', name: 'Tôn Thất Vỹ', date: '2024-02-02', province: null, posts: [{ title: 'Thứ trưởng', body: 'Bộ Công Thương' }] }),
    ];
    expect(groups(ms)).toEqual([['g1.txt'], ['g2.txt']]);
  });

  it('gives the same people whatever order the mentions arrive in', () => {
    const ms = [
      mention({ article: 'h1.txt', name: 'Hà Thị Ngân', date: '2015-12-01', province: 'Nghệ An', posts: [{ title: 'Phó Chủ tịch', body: 'Ủy ban nhân dân tỉnh Nghệ An', province: 'Nghệ An' }] }),
      mention({ article: 'h2.txt', name: 'Hà Thị Ngân', date: '2020-10-10', province: 'Nghệ An', posts: [{ title: 'Phó Bí thư', body: 'Tỉnh ủy Nghệ An', province: 'Nghệ An' }] }),
      mention({ article: 'h3.txt', name: 'Hà Thị Ngân', date: '2020-11-01', province: 'Cà Mau', posts: [{ title: 'Giám đốc', body: 'Sở Nội vụ tỉnh Cà Mau', province: 'Cà Mau' }] }),
      mention({ article: 'h4.txt', name: 'Hà Thị Ngân', date: '2022-03-03', province: 'Cà Mau', posts: [{ title: 'Giám đốc', body: 'Sở Nội vụ tỉnh Cà Mau', province: 'Cà Mau' }] }),
    ];
    const forward = resolve(ms);
    const backward = resolve([...ms].reverse());
    const shuffled = resolve([ms[2]!, ms[0]!, ms[3]!, ms[1]!]);
    expect(backward).toEqual(forward);
    expect(shuffled).toEqual(forward);
    expect(forward).toHaveLength(2);
    // The larger cluster is the name's person; the namesake's id is told apart by its first mention.
    expect(forward[0]!.id).not.toBe(forward[1]!.id);
  });

  it("applies analysts' judgements: 'same' joins what evidence left apart, 'different' splits what it joined", () => {
    const ms = [
      mention({ article: 'i1.txt', name: 'Tôn Thất Vỹ', date: '2018-02-02', province: 'Đắk Lắk', posts: [{ title: 'Phó Giám đốc', body: 'Sở Y tế tỉnh Đắk Lắk', province: 'Đắk Lắk' }] }),
      mention({ article: 'i2.txt', name: 'Tôn Thất Vỹ', date: '2024-02-02', province: null, posts: [{ title: 'Thứ trưởng', body: 'Bộ Công Thương' }] }),
      mention({ article: 'i3.txt', name: 'Tôn Thất Vỹ', date: '2019-02-02', province: 'Đắk Lắk', posts: [{ title: 'Phó Giám đốc', body: 'Sở Y tế tỉnh Đắk Lắk', province: 'Đắk Lắk' }] }),
    ];
    expect(groups(ms)).toEqual([['i1.txt', 'i3.txt'], ['i2.txt']]);
    expect(groups(ms, { same: [[ms[0]!.id, ms[1]!.id]] })).toEqual([['i1.txt', 'i2.txt', 'i3.txt']]);
    expect(groups(ms, { different: [[ms[0]!.id, ms[2]!.id]] })).toEqual([['i1.txt'], ['i2.txt'], ['i3.txt']]);
  });

  it('joins through a shared post even across provinces and levels, and explains the merge', () => {
    const ms = [
      mention({ article: 'j1.txt', name: 'Trương Minh Khoa', date: '2024-03-01', province: null, posts: [{ title: 'Tổng Biên tập', body: 'Báo Nhân Dân', change: 'start', event: 'appointed' }] }),
      mention({ article: 'j2.txt', name: 'Trương Minh Khoa', date: '2025-06-01', province: null, posts: [{ title: 'Tổng Biên tập', body: 'Báo Nhân Dân' }, { title: 'Phó Trưởng Ban', body: 'Ban Tuyên giáo Trung ương', change: 'start' }] }),
    ];
    const [p] = resolve(ms);
    expect(p!.members).toHaveLength(2);
    expect([...p!.links.values()][0]!.reasons[0]).toMatch(/^same post: Tổng Biên tập Báo Nhân Dân/);
  });

  it('compares only mentions that share something: 3,000 mentions of one name in 30 provinces score a small share of all pairs', () => {
    const provinces = ['Nghệ An', 'Thanh Hóa', 'Hà Tĩnh', 'Quảng Bình', 'Quảng Trị', 'Yên Bái', 'Lào Cai', 'Sơn La', 'Điện Biên', 'Lai Châu', 'Hòa Bình', 'Phú Thọ', 'Thái Nguyên', 'Bắc Kạn', 'Cao Bằng', 'Lạng Sơn', 'Quảng Ninh', 'Hải Dương', 'Hưng Yên', 'Thái Bình', 'Nam Định', 'Ninh Bình', 'Hà Nam', 'Vĩnh Phúc', 'Bắc Ninh', 'Bình Định', 'Phú Yên', 'Khánh Hòa', 'Gia Lai', 'Kon Tum'];
    const ms = Array.from({ length: 3000 }, (_, i) => {
      const prov = provinces[i % 30]!;
      const year = 2015 + (i % 10);
      return mention({ article: `k${i}.txt`, name: 'Nguyễn Văn Khánh', date: `${year}-0${1 + (i % 9)}-1${i % 10}`, province: prov, posts: [{ title: 'Phó Giám đốc', body: `Sở Nội vụ tỉnh ${prov}`, province: prov }] });
    });
    const stats = { pairsScored: 0 };
    const people = resolveMentions(ms, { placeGroup: provinceGroup, stats });
    expect(people).toHaveLength(30);
    // All pairs would be 4.5 million; the index keeps comparisons within each province's bucket.
    expect(stats.pairsScored).toBeLessThan((3000 * 2999) / 2 / 20);
  });
});
