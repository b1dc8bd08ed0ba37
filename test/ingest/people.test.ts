import { describe, expect, it } from 'vitest';
import { aliasesOf, canonicalName, dedupePositions, mergePeople, type PersonDraft } from '../../ingest/people.js';

const draft = (name: string, positions: string[], i: number): PersonDraft => ({ spellings: [name], positions, roles: new Set(), locality: null, honorific: true, mentions: [i] });

describe('people in one report', () => {
  it('merges a mis-cased and a truncated spelling of one person whose positions agree', () => {
    const merged = mergePeople([
      draft('Lê Thị Thanh Xuân', ['Phó Chủ tịch UBND huyện'], 0),
      draft('Lê Thị Thanh XUân', ['Phó Chủ tịch UBND huyện'], 1),
      draft('Lê Thị Thanh', ['Phó Chủ tịch UBND huyện'], 2),
    ]);
    expect(merged).toHaveLength(1);
    const name = canonicalName(merged[0]!.spellings);
    expect(name).toBe('Lê Thị Thanh Xuân');
    expect(aliasesOf(name, merged[0]!.spellings)).toEqual(['Lê Thị Thanh XUân', 'Lê Thị Thanh']);
  });

  it('merges the Ð (eth) spelling with the Đ one', () => {
    expect(mergePeople([draft('Đỗ Văn Hải', [], 0), draft('Ðỗ Văn Hải', [], 1)])).toHaveLength(1);
  });

  it('merges a truncated spelling without a position into the only person it can be', () => {
    const merged = mergePeople([draft('Hoàng Thị Thu Trang', ['Bí thư Huyện ủy'], 0), draft('Hoàng Thị Thu', [], 1)]);
    expect(merged).toHaveLength(1);
    const two = mergePeople([draft('Hoàng Thị Thu Trang', ['Bí thư Huyện ủy'], 0), draft('Hoàng Thị Thu Hà', ['Giám đốc Sở Y tế'], 1), draft('Hoàng Thị Thu', [], 2)]);
    expect(two).toHaveLength(3);
  });

  it('keeps apart two people who share part of a name but not a position', () => {
    const merged = mergePeople([draft('Trần Thị Lan Anh', ['Bí thư Huyện ủy'], 0), draft('Trần Thị Lan', ['Giám đốc Sở Y tế'], 1)]);
    expect(merged).toHaveLength(2);
  });

  it('never merges two-syllable prefixes or different surnames', () => {
    expect(mergePeople([draft('Vũ Hòa', ['Chủ tịch'], 0), draft('Vũ Hòa Bình', ['Chủ tịch'], 1)])).toHaveLength(2);
    expect(mergePeople([draft('Lê Văn Hùng', ['Chủ tịch'], 0), draft('Lý Văn Hùng', ['Chủ tịch'], 1)])).toHaveLength(2);
  });

  it('merges through name indexes, so thousands of distinct names cost near-linear time', () => {
    const given = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Khánh', 'Lâm', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Vinh', 'Yến', 'Hưng', 'Thảo'];
    const many = Array.from({ length: 4096 }, (_, i) => draft(`Nguyễn ${given[i % 16]} ${given[(i >> 4) % 16]} ${given[(i >> 8) % 16]}`, [`Trưởng thôn ${i}`], i));
    const t0 = performance.now();
    expect(mergePeople(many)).toHaveLength(4096);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('drops a position that only starts a longer one, keeps distinct posts', () => {
    expect(dedupePositions(['Trưởng Ban Dân vận', 'Trưởng Ban Dân vận Tỉnh ủy', 'Phó Trưởng Ban Dân vận Tỉnh ủy', 'Trưởng Ban Dân vận Tỉnh ủy'])).toEqual([
      'Trưởng Ban Dân vận Tỉnh ủy',
      'Phó Trưởng Ban Dân vận Tỉnh ủy',
    ]);
  });

  it("reads 'Phó Chủ tịch' beside 'Phó Chủ tịch Thường trực' of the same body and term as one seat, and hands the event on", () => {
    const marks = new Map([['pho chu tich uy ban nhan dan tinh nghe an', { change: 'end' as const, event: 'relieved' as const, acting: false }]]);
    expect(dedupePositions(['Phó Chủ tịch Thường trực Ủy ban nhân dân tỉnh Nghệ An', 'Phó Chủ tịch Ủy ban nhân dân tỉnh Nghệ An'], marks)).toEqual([
      'Phó Chủ tịch Thường trực Ủy ban nhân dân tỉnh Nghệ An',
    ]);
    expect(marks.get('pho chu tich thuong truc uy ban nhan dan tinh nghe an')).toMatchObject({ change: 'end', event: 'relieved' });
    // Different terms are two steps of a career, not one seat.
    expect(dedupePositions(['Phó Bí thư Thường trực Tỉnh ủy khóa XVIII', 'Phó Bí thư Tỉnh ủy khóa XIX'])).toHaveLength(2);
  });
});
