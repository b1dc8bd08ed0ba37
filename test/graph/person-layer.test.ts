import { describe, expect, it } from 'vitest';
import { BatchBuilder } from '../../graph/batch.js';
import { provinceGroup } from '../../graph/gazetteer.js';
import { addPersonLayer } from '../../graph/person-layer.js';
import { resolveMentions } from '../../graph/resolve.js';
import type { MentionRecord } from '../../graph/mention-record.js';
import { mention } from './mention-fixtures.js';

/** The Person layer of some mentions: persons and their spells by post title + body. */
function layer(ms: MentionRecord[]) {
  const bb = new BatchBuilder();
  addPersonLayer(bb, resolveMentions(ms, { placeGroup: provinceGroup }), new Map(ms.map((m) => [m.id, m])));
  const b = bb.build();
  const title = new Map(ms.flatMap((m) => m.data.posts.map((p) => [p.pos, `${p.title} ${p.body}`] as const)));
  return { persons: b.nodes.Person, spells: new Map(b.edges.HELD.map((h) => [title.get(h.target)!, h])), batch: b };
}

const UB = 'Ủy ban nhân dân tỉnh Phú Yên';

describe('addPersonLayer: spells', () => {
  it('dates a spell from the reports that show it and from the events that start and end it', () => {
    const { spells } = layer([
      mention({ article: 's1.txt', name: 'Hà Thị Ngân', date: '2016-06-01', province: 'Phú Yên', posts: [{ title: 'Chủ tịch', body: UB, province: 'Phú Yên', change: 'start', event: 'elected' }] }),
      mention({ article: 's2.txt', name: 'Hà Thị Ngân', date: '2018-03-01', province: 'Phú Yên', posts: [{ title: 'Chủ tịch', body: UB, province: 'Phú Yên' }] }),
      mention({ article: 's3.txt', name: 'Hà Thị Ngân', date: '2020-09-09', province: 'Phú Yên', posts: [{ title: 'Chủ tịch', body: UB, province: 'Phú Yên', change: 'end', event: 'retired' }] }),
    ]);
    expect(spells.get(`Chủ tịch ${UB}`)).toMatchObject({
      firstSeen: '2016-06-01',
      lastSeen: '2020-09-09',
      startDate: '2016-06-01',
      startEvent: 'elected',
      endDate: '2020-09-09',
      endEvent: 'retired',
      endInferred: false,
      status: 'former',
    });
  });

  it("never makes a 'nguyên' post current: it ends the spell by that report's date at the latest", () => {
    const { spells } = layer([
      mention({ article: 'n1.txt', name: 'Lục Văn Bảo', date: '2017-01-01', province: 'Phú Yên', posts: [{ title: 'Giám đốc', body: 'Sở Tài chính tỉnh Phú Yên', province: 'Phú Yên' }] }),
      mention({ article: 'n2.txt', name: 'Lục Văn Bảo', date: '2022-05-05', province: 'Phú Yên', posts: [{ title: 'Giám đốc', body: 'Sở Tài chính tỉnh Phú Yên', province: 'Phú Yên', status: 'former' }] }),
    ]);
    expect(spells.get('Giám đốc Sở Tài chính tỉnh Phú Yên')).toMatchObject({ firstSeen: '2017-01-01', lastSeen: '2017-01-01', endDate: '2022-05-05', endInferred: true, status: 'former' });
  });

  it("keeps a 'nguyên' post known only as former out of firstSeen/lastSeen", () => {
    const { spells } = layer([mention({ article: 'n3.txt', name: 'Lục Văn Bảo', date: '2022-05-05', province: 'Phú Yên', posts: [{ title: 'Bí thư', body: 'Tỉnh ủy Phú Yên', province: 'Phú Yên', status: 'former' }] })]);
    expect(spells.get('Bí thư Tỉnh ủy Phú Yên')).toMatchObject({ firstSeen: null, lastSeen: null, endDate: '2022-05-05', status: 'former' });
  });

  it("marks a post held as 'quyền' acting", () => {
    const { spells } = layer([mention({ article: 'q1.txt', name: 'Kiều Văn Toàn', date: '2024-10-20', province: 'Phú Yên', posts: [{ title: 'Chủ tịch', body: UB, province: 'Phú Yên', acting: true, change: 'start', event: 'assigned' }] })]);
    expect(spells.get(`Chủ tịch ${UB}`)).toMatchObject({ acting: true, status: 'acting', startDate: '2024-10-20' });
  });

  it("ends a spell the person's own later post took over: a higher rung of the same body, or a post in another province", () => {
    const { spells } = layer([
      mention({ article: 'l1.txt', name: 'Trương Minh Khoa', date: '2016-01-01', province: 'Phú Yên', posts: [{ title: 'Phó Chủ tịch', body: UB, province: 'Phú Yên' }] }),
      mention({ article: 'l2.txt', name: 'Trương Minh Khoa', date: '2019-07-01', province: 'Phú Yên', posts: [{ title: 'Chủ tịch', body: UB, province: 'Phú Yên', change: 'start', event: 'elected' }] }),
      mention({ article: 'l3.txt', name: 'Trương Minh Khoa', date: '2022-02-01', province: 'Phú Yên', posts: [{ title: 'Chủ tịch', body: UB, province: 'Phú Yên' }] }),
      mention({ article: 'l4.txt', name: 'Trương Minh Khoa', date: '2023-04-01', province: null, posts: [{ title: 'Thứ trưởng', body: 'Bộ Nội vụ', change: 'start', event: 'appointed' }, { title: 'Chủ tịch', body: UB, province: 'Phú Yên', status: 'former' }] }),
    ]);
    expect(spells.get(`Phó Chủ tịch ${UB}`)).toMatchObject({ endDate: '2019-07-01', endInferred: true, status: 'former' });
    expect(spells.get(`Chủ tịch ${UB}`)).toMatchObject({ firstSeen: '2019-07-01', lastSeen: '2022-02-01', endDate: '2023-04-01', status: 'former' });
    expect(spells.get('Thứ trưởng Bộ Nội vụ')).toMatchObject({ startDate: '2023-04-01', status: 'current', endDate: null });
  });

  it('ends the post a report elects someone from (the apposition), and keeps a post the new one is added to', () => {
    const { spells } = layer([
      mention({
        article: 'e1.txt',
        name: 'Kiều Văn Toàn',
        date: '2020-10-10',
        province: 'Phú Yên',
        posts: [
          { title: 'Phó Bí thư Thường trực', body: 'Tỉnh ủy Phú Yên', province: 'Phú Yên' },
          { title: 'Bí thư', body: 'Tỉnh ủy Phú Yên', province: 'Phú Yên', change: 'start', event: 'elected' },
        ],
      }),
      mention({
        article: 'e2.txt',
        name: 'Kiều Văn Toàn',
        date: '2021-06-25',
        province: 'Phú Yên',
        posts: [
          { title: 'Bí thư', body: 'Tỉnh ủy Phú Yên', province: 'Phú Yên' },
          { title: 'Chủ tịch', body: 'Hội đồng nhân dân tỉnh Phú Yên', province: 'Phú Yên', change: 'start', event: 'elected' },
        ],
      }),
    ]);
    expect(spells.get('Phó Bí thư Thường trực Tỉnh ủy Phú Yên')).toMatchObject({ endDate: '2020-10-10', endInferred: true, status: 'former' });
    expect(spells.get('Bí thư Tỉnh ủy Phú Yên')).toMatchObject({ status: 'current', endDate: null });
    expect(spells.get('Chủ tịch Hội đồng nhân dân tỉnh Phú Yên')).toMatchObject({ status: 'current', startDate: '2021-06-25' });
  });

  it('stores a person\'s spells most recent first, as a CV lists them', () => {
    const { batch } = layer([
      mention({ article: 'o1.txt', name: 'Hà Thị Ngân', date: '2016-01-01', province: 'Phú Yên', posts: [{ title: 'Phó Chủ tịch', body: UB, province: 'Phú Yên' }] }),
      mention({ article: 'o2.txt', name: 'Hà Thị Ngân', date: '2021-01-01', province: 'Phú Yên', posts: [{ title: 'Chủ tịch', body: UB, province: 'Phú Yên', change: 'start', event: 'elected' }] }),
    ]);
    expect(batch.edges.HELD.map((h) => h.firstSeen)).toEqual(['2021-01-01', '2016-01-01']);
  });

  it('describes the person: the name written most, provinces, years seen, the latest post', () => {
    const { persons } = layer([
      mention({ article: 'p1.txt', name: 'Quách Thị Diệu', date: '2019-01-01', province: 'Hà Giang', gender: 'female', posts: [{ title: 'Phó Chủ tịch', body: 'Ủy ban nhân dân tỉnh Hà Giang', province: 'Hà Giang' }] }),
      mention({ article: 'p2.txt', name: 'Quách Thị Diệu', date: '2025-09-01', province: 'Tuyên Quang', posts: [{ title: 'Phó Chủ tịch', body: 'Ủy ban nhân dân tỉnh Tuyên Quang', province: 'Tuyên Quang' }] }),
    ]);
    expect(persons).toHaveLength(1);
    expect(persons[0]).toMatchObject({
      name: 'Quách Thị Diệu',
      plainName: 'quach thi dieu',
      provinces: ['Hà Giang', 'Tuyên Quang'],
      firstSeen: '2019-01-01',
      lastSeen: '2025-09-01',
      latestPost: 'Phó Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang',
      gender: 'female',
      mentions: 2,
    });
  });
});
