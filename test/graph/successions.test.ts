import { describe, expect, it } from 'vitest';
import { successionsOf, type Holder } from '../../graph/successions.js';

const holder = (person: string, firstSeen: string | null, lastSeen: string | null, extra: Partial<Holder> = {}): Holder => ({
  person,
  firstSeen,
  lastSeen,
  startDate: null,
  endDate: null,
  acting: false,
  after: [],
  sources: [`art_${person}`],
  ...extra,
});

describe('successionsOf', () => {
  it('infers who followed whom in a post one person fills at a time, with the dates behind it', () => {
    const s = successionsOf('Chủ tịch', [holder('b', '2019-11-01', '2021-03-01', { startDate: '2019-11-01' }), holder('a', '2015-12-01', '2019-06-01'), holder('c', '2021-06-20', '2024-01-01')], () => null);
    expect(s.successions.map((r) => [r.predecessor, r.successor, r.date, r.inferred])).toEqual([
      ['a', 'b', '2019-11-01', true],
      ['b', 'c', '2021-06-20', true],
    ]);
    expect(s.successions[0]!.basis).toMatch(/last seen in the post 2019-06-01, successor started 2019-11-01/);
    expect(s.succeededOn.get('a')).toBe('2019-11-01');
    expect(s.status.get('a')).toBe('former');
    expect(s.status.get('c')).toBe('current');
  });

  it('infers nothing among deputies or members, who hold a post several at a time', () => {
    expect(successionsOf('Phó Chủ tịch', [holder('a', '2016-01-01', '2017-01-01'), holder('b', '2018-01-01', '2019-01-01')], () => null).successions).toEqual([]);
    expect(successionsOf('Ủy viên Ban Thường vụ', [holder('a', '2016-01-01', '2017-01-01'), holder('b', '2018-01-01', '2019-01-01')], () => null).successions).toEqual([]);
  });

  it('keeps the standing deputy, one at a time, in the succession', () => {
    expect(successionsOf('Phó Bí thư Thường trực', [holder('a', '2016-01-01', '2017-01-01'), holder('b', '2018-01-01', '2019-01-01')], () => null).successions).toHaveLength(1);
  });

  it('leaves overlapping spells alone: they do not say who came first', () => {
    expect(successionsOf('Bí thư', [holder('a', '2016-01-01', '2019-01-01'), holder('b', '2018-01-01', '2020-01-01')], () => null).successions).toEqual([]);
  });

  it('takes a stated succession from the successor\'s spell, resolving the predecessor\'s mention, and does not infer it again', () => {
    const after = [JSON.stringify({ predecessor: 'men_x', evidence: ['{"article":"art_1","sentence":"… thay ông …","start":0,"end":10}'] })];
    const s = successionsOf('Chủ tịch', [holder('a', '2015-12-01', '2019-06-01'), holder('b', '2019-11-01', '2021-03-01', { after })], (m) => (m === 'men_x' ? 'a' : null));
    expect(s.successions).toHaveLength(1);
    expect(s.successions[0]).toMatchObject({ predecessor: 'a', successor: 'b', inferred: false, basis: 'stated in the report' });
    expect(s.successions[0]!.evidence).toHaveLength(1);
  });
});

describe('successionsOf on one day', () => {
  it('puts the holder a session relieves before the one it elects, and never infers against a stated succession', () => {
    const after = [JSON.stringify({ predecessor: 'men_old', evidence: [] })];
    const s = successionsOf(
      'Chủ tịch',
      [
        holder('new', '2020-05-05', '2020-05-05', { startDate: '2020-05-05', after }),
        holder('old', '2020-05-05', '2020-05-05', { endDate: '2020-05-05' }),
        holder('later', '2024-02-02', '2024-02-02'),
      ],
      (m) => (m === 'men_old' ? 'old' : null),
    );
    expect(s.successions.map((r) => [r.predecessor, r.successor, r.inferred])).toEqual([
      ['old', 'new', false],
      ['new', 'later', true],
    ]);
  });
});
