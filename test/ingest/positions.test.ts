import { describe, expect, it } from 'vitest';
import { completePositions, splitTerm, toPost, type ReportContext } from '../../ingest/positions.js';
import { toneKey } from '../../ingest/normalize.js';
import { expandAbbreviations } from '../../ingest/lexicon.js';

const province: ReportContext = { province: 'Nghệ An', home: null, homeCommittee: 'Tỉnh ủy Nghệ An' };
const district: ReportContext = { province: null, home: { kind: 'huyện', name: 'Yên Thành' }, homeCommittee: 'Huyện ủy Yên Thành' };

describe('positions', () => {
  it('expands the abbreviations of official titles', () => {
    expect(expandAbbreviations('PBTTU - Chủ tịch UBND tỉnh')).toBe('Phó Bí thư Tỉnh ủy - Chủ tịch Ủy ban nhân dân tỉnh');
    expect(expandAbbreviations('Ủy viên BTV, Chủ tịch UB MTTQ, Phó Trưởng ban TT BCĐ QCDC')).toBe(
      'Ủy viên Ban Thường vụ, Chủ tịch Ủy ban Mặt trận Tổ quốc, Phó Trưởng ban Thường trực Ban Chỉ đạo Quy chế dân chủ',
    );
    expect(expandAbbreviations('Ủy viên BCH TW Đảng, Trưởng đoàn ĐBQH, Chủ tịch HĐND')).toBe(
      'Ủy viên Ban Chấp hành Trung ương Đảng, Trưởng đoàn Đại biểu Quốc hội, Chủ tịch Hội đồng nhân dân',
    );
  });

  it("completes a body elided in a list from the next position ('Ủy viên BTV, Trưởng Ban Tuyên giáo Huyện ủy')", () => {
    expect(completePositions(['Ủy viên BTV', 'Trưởng Ban Tuyên giáo Huyện ủy'], { province: null, home: null, homeCommittee: null })).toEqual([
      'Ủy viên Ban Thường vụ Huyện ủy',
      'Trưởng Ban Tuyên giáo Huyện ủy',
    ]);
  });

  it("completes 'Tỉnh ủy' and 'UBND tỉnh' with the report's province", () => {
    expect(completePositions(['Phó BTTU', 'Chủ tịch UBND tỉnh'], province)).toEqual([
      'Phó Bí thư Tỉnh ủy Nghệ An',
      'Chủ tịch Ủy ban nhân dân tỉnh Nghệ An',
    ]);
    expect(completePositions(['Trưởng ban Dân vận tỉnh'], province)).toEqual(['Trưởng Ban Dân vận Tỉnh ủy Nghệ An']);
  });

  it("splits 'A kiêm B' into two posts", () => {
    expect(completePositions(['Phó Chủ tịch UBND tỉnh kiêm Giám đốc Sở Tài chính'], province)).toEqual([
      'Phó Chủ tịch Ủy ban nhân dân tỉnh Nghệ An',
      'Giám đốc Sở Tài chính',
    ]);
  });

  it("leaves 'Tỉnh ủy' as is when the report never names its province", () => {
    expect(completePositions(['Bí thư Tỉnh ủy'], { province: null, home: null, homeCommittee: null })).toEqual(['Bí thư Tỉnh ủy']);
  });

  it("gives a bare 'Ủy viên BTV' the report's own committee and a commune's name to the positions before it", () => {
    expect(completePositions(['Ủy viên BTV', 'Chủ tịch Ủy ban MTTQ huyện'], district)).toEqual([
      'Ủy viên Ban Thường vụ Huyện ủy Yên Thành',
      'Chủ tịch Ủy ban Mặt trận Tổ quốc huyện Yên Thành',
    ]);
    expect(completePositions(['Bí thư Đảng ủy', 'Chủ tịch HĐND xã Hùng Thành'], district)).toEqual([
      'Bí thư Đảng ủy xã Hùng Thành',
      'Chủ tịch Hội đồng nhân dân xã Hùng Thành',
    ]);
  });

  it('splits a post into its title and its body, with the body kind and place', () => {
    expect(toPost('Trưởng Ban Dân vận Tỉnh ủy Nghệ An', province)).toEqual({
      text: 'Trưởng Ban Dân vận Tỉnh ủy Nghệ An',
      title: 'Trưởng Ban Dân vận',
      org: { name: 'Tỉnh ủy Nghệ An', kind: 'party_committee', locality: { name: 'Nghệ An', level: 'province', parent: null } },
      status: 'current',
      acting: false,
      change: null,
      event: null,
      term: null,
    });
    const p = toPost('Phó Chủ tịch Ủy ban nhân dân xã Hùng Thành', district);
    expect([p.title, p.org?.kind, p.org?.locality]).toEqual(['Phó Chủ tịch', 'peoples_committee', { name: 'xã Hùng Thành', level: 'commune', parent: 'Yên Thành' }]);
    expect(toPost('Ủy viên Bộ Chính trị', province).org).toMatchObject({ name: 'Bộ Chính trị', kind: 'party_board', locality: { level: 'country' } });
  });
});

describe('less common abbreviations', () => {
  it("expands 'TUV', 'HUV', 'UBKT', 'BDV' and reads 'Tỉnh ủy viên' as a title", () => {
    expect(expandAbbreviations('TUV, Chủ nhiệm UBKT Huyện ủy, Trưởng BDV Huyện ủy')).toBe(
      'Tỉnh ủy viên, Chủ nhiệm Ủy ban Kiểm tra Huyện ủy, Trưởng Ban Dân vận Huyện ủy',
    );
    expect(completePositions(['TUV', 'Bí thư Huyện ủy'], { province: 'Cà Mau', home: null, homeCommittee: null })).toEqual([
      'Tỉnh ủy viên',
      'Bí thư Huyện ủy',
    ]);
  });
});

describe('one real post, one (title, body)', () => {
  const key = (text: string, ctx = province) => {
    const p = toPost(completePositions([text], ctx)[0]!, ctx);
    return [toneKey(p.title), toneKey(p.org?.name ?? '')];
  };

  it("reads 'UBND'/'Ủy ban nhân dân', 'Tỉnh uỷ'/'Tỉnh ủy', 'TT'/'Thường trực', with or without a term, as one post", () => {
    expect(key('Chủ tịch UBND tỉnh')).toEqual(key('Chủ tịch Ủy ban nhân dân tỉnh Nghệ An nhiệm kỳ 2021-2026'));
    expect(key('Phó Bí thư Tỉnh uỷ')).toEqual(key('Phó Bí thư Tỉnh ủy Nghệ An khóa XIX'));
    expect(key('Phó Chủ tịch TT UBND tỉnh')).toEqual(key('Phó Chủ tịch Thường trực Ủy ban nhân dân tỉnh Nghệ An'));
    expect(key('Chủ tịch UBND Nghệ An')).toEqual(key('Chủ tịch UBND tỉnh Nghệ An'));
    // 'Chủ tịch tỉnh' is said for the chair of the province's people's committee.
    expect(key('Chủ tịch tỉnh')).toEqual(key('Chủ tịch UBND tỉnh'));
  });

  it("keeps a term out of the post, and 'quyền' / 'nguyên' out of its title", () => {
    expect(splitTerm('Chủ tịch HĐND tỉnh khóa XVIII, nhiệm kỳ 2016-2021')).toEqual({ core: 'Chủ tịch HĐND tỉnh', sep: ' ', term: 'khóa XVIII, nhiệm kỳ 2016-2021' });
    const acting = toPost(completePositions(['quyền Chủ tịch UBND tỉnh'], province)[0]!, province);
    expect([acting.text, acting.title, acting.acting, acting.status]).toEqual(['quyền Chủ tịch Ủy ban nhân dân tỉnh Nghệ An', 'Chủ tịch', true, 'current']);
    const former = toPost('nguyên Bí thư Tỉnh ủy Nghệ An', province);
    expect([former.title, former.org?.name, former.status]).toEqual(['Bí thư', 'Tỉnh ủy Nghệ An', 'former']);
  });

  it("reads 'Thường vụ Tỉnh ủy' as a member of the standing board", () => {
    expect(key('Thường vụ Tỉnh ủy')).toEqual(key('Ủy viên Ban Thường vụ Tỉnh ủy'));
  });

  it("one body for the Central Committee and for a province's committee however it is named", () => {
    expect(key('Ủy viên Trung ương Đảng')).toEqual(key('Ủy viên Ban Chấp hành Trung ương Đảng'));
    expect(key('Tỉnh ủy viên')).toEqual(key('Ủy viên Ban Chấp hành Đảng bộ tỉnh'));
    expect(key('Tỉnh ủy viên')).toEqual(['ủy viên', 'tỉnh ủy nghệ an']);
  });

  it('gives every post a locality: province for provincial bodies (a department included), country for central ones', () => {
    expect(toPost('Giám đốc Sở Y tế', province).org).toMatchObject({ name: 'Sở Y tế tỉnh Nghệ An', locality: { name: 'Nghệ An', level: 'province' } });
    expect(toPost('Phó Chủ tịch Hội đồng nhân dân', province).org).toMatchObject({ name: 'Hội đồng nhân dân tỉnh Nghệ An', locality: { level: 'province' } });
    expect(toPost('Thứ trưởng Bộ Quốc phòng', province).org?.locality).toEqual({ name: 'Việt Nam', level: 'country', parent: null });
    expect(toPost('Chỉ huy trưởng Bộ đội Biên phòng Quảng Bình', province).org?.locality).toMatchObject({ name: 'Quảng Bình', level: 'province' });
  });

  it("completes a deputy's bare title with the body of the post beside it", () => {
    expect(completePositions(['Phó Chủ tịch thường trực', 'quyền Chủ tịch UBND tỉnh'], province)).toEqual([
      'Phó Chủ tịch thường trực Ủy ban nhân dân tỉnh Nghệ An',
      'quyền Chủ tịch Ủy ban nhân dân tỉnh Nghệ An',
    ]);
  });
});
