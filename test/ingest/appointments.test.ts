import { describe, expect, it } from 'vitest';
import { mentionsIn, type PositionSpan } from '../../ingest/mentions.js';
import { eventOf, readPost } from '../../ingest/appointments.js';
import { cleanText } from '../../ingest/normalize.js';

/** Each mention of one sentence as [name, [position, change, event]...]; a position with no event has nulls. */
function posts(text: string) {
  const t = cleanText(text);
  return mentionsIn({ start: 0, end: t.length, text: t, line: 0 }).map((m) => [
    m.name.text,
    [...m.shared, ...m.positions].map((p) => {
      const mark = (p as PositionSpan).mark;
      return [p.text, mark?.change ?? null, mark?.event ?? null];
    }),
  ]);
}

const own = (text: string) => {
  const t = cleanText(text);
  return mentionsIn({ start: 0, end: t.length, text: t, line: 0 }).map((m) => [m.name.text, m.own?.change ?? null, m.own?.event ?? null]);
};

describe('the post an election or appointment gives', () => {
  it("passive: 'X, <old post>, được bầu giữ chức <new post>' keeps both, the new one starting", () => {
    expect(posts('Ông Phùng Văn Khải, Phó Bí thư Tỉnh ủy, được bầu giữ chức Chủ tịch UBND tỉnh Yên Bái nhiệm kỳ 2021-2026.')).toEqual([
      ['Phùng Văn Khải', [['Phó Bí thư Tỉnh ủy', null, null], ['Chủ tịch UBND tỉnh Yên Bái nhiệm kỳ 2021-2026', 'start', 'elected']]],
    ]);
  });

  it("passive with an agent between 'được' and the verb: 'được Bộ Chính trị chuẩn y', 'được Thủ tướng bổ nhiệm làm …'", () => {
    expect(posts('Bà Trịnh Thị Ngọc Lan được Ban Bí thư chuẩn y giữ chức Phó Bí thư Tỉnh ủy Sóc Trăng.')).toEqual([
      ['Trịnh Thị Ngọc Lan', [['Phó Bí thư Tỉnh ủy Sóc Trăng', 'start', 'approved']]],
    ]);
    expect(posts('Ông Tạ Quang Vĩnh được Bộ trưởng bổ nhiệm làm Cục trưởng Cục Quản lý thị trường.')).toEqual([
      ['Tạ Quang Vĩnh', [['Cục trưởng Cục Quản lý thị trường', 'start', 'appointed']]],
    ]);
  });

  it("active: 'HĐND tỉnh bầu ông X, <old post>, làm <new post>' and 'điều động, phân công ông X … giữ chức …'", () => {
    expect(posts('Sáng nay, HĐND tỉnh đã bầu ông Lục Văn Sáng, Giám đốc Sở Xây dựng, làm Phó Chủ tịch UBND tỉnh.')).toEqual([
      ['Lục Văn Sáng', [['Giám đốc Sở Xây dựng', null, null], ['Phó Chủ tịch UBND tỉnh', 'start', 'elected']]],
    ]);
    expect(posts('Bộ Chính trị điều động, phân công ông Đàm Quốc Toản, Thứ trưởng Bộ Tài chính tham gia Ban Chấp hành, Ban Thường vụ và giữ chức Bí thư Tỉnh ủy Kon Tum.')).toEqual([
      ['Đàm Quốc Toản', [['Thứ trưởng Bộ Tài chính', null, null], ['Bí thư Tỉnh ủy Kon Tum', 'start', 'assigned']]],
    ]);
  });

  it("a re-election keeps the old term's post and the new term's: 'tái đắc cử chức …', 'tiếp tục giữ chức …'", () => {
    expect(posts('Đồng chí Hứa Minh Châu, Chủ tịch HĐND tỉnh khóa XV, nhiệm kỳ 2016 - 2021 tái đắc cử chức Chủ tịch HĐND tỉnh khóa XVI, nhiệm kỳ 2021-2026.')).toEqual([
      ['Hứa Minh Châu', [['Chủ tịch HĐND tỉnh khóa XV, nhiệm kỳ 2016 - 2021', null, null], ['Chủ tịch HĐND tỉnh khóa XVI, nhiệm kỳ 2021-2026', 'start', 'elected']]],
    ]);
  });

  it("one predicate after a list gives every name the post: 'A, B và C tiếp tục được bầu giữ chức …'", () => {
    const got = posts('Các ông Lò Văn Phấn, Tống Đức Thịnh và Mạc Văn Tiến tiếp tục được bầu giữ chức Phó Chủ tịch UBND tỉnh.');
    expect(got.map((m) => m[0])).toEqual(['Lò Văn Phấn', 'Tống Đức Thịnh', 'Mạc Văn Tiến']);
    for (const m of got) expect(m[1]).toEqual([['Phó Chủ tịch UBND tỉnh', 'start', 'elected']]);
  });

  it("an apposition shared by the names before it: 'A, B, Ủy viên BTV, Phó Chủ tịch UBND tỉnh; C, …'", () => {
    const got = posts('Các đồng chí: Thân Đức Lộc, Vi Văn Kiên, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh; Nông Thị Thoa, Tỉnh ủy viên, Giám đốc Sở Y tế được bầu giữ chức Ủy viên UBND tỉnh.');
    expect(got).toEqual([
      ['Thân Đức Lộc', [['Ủy viên Ban Thường vụ Tỉnh ủy', null, null], ['Phó Chủ tịch UBND tỉnh', null, null], ['Ủy viên UBND tỉnh', 'start', 'elected']]],
      ['Vi Văn Kiên', [['Ủy viên Ban Thường vụ Tỉnh ủy', null, null], ['Phó Chủ tịch UBND tỉnh', null, null], ['Ủy viên UBND tỉnh', 'start', 'elected']]],
      ['Nông Thị Thoa', [['Tỉnh ủy viên', null, null], ['Giám đốc Sở Y tế', null, null], ['Ủy viên UBND tỉnh', 'start', 'elected']]],
    ]);
  });

  it("the post written before the group: 'bầu 2 chức danh P, đó là bà A và ông B', 'bầu bổ sung các P gồm …'", () => {
    expect(posts('HĐND tỉnh đã bầu 2 chức danh Phó Chủ tịch HĐND tỉnh, nhiệm kỳ 2021-2026, đó là bà Kiều Thị Mận - Trưởng Ban Dân tộc và ông Giáp Văn Nguyên - Chánh Văn phòng.')).toEqual([
      ['Kiều Thị Mận', [['Trưởng Ban Dân tộc', null, null], ['Phó Chủ tịch HĐND tỉnh, nhiệm kỳ 2021-2026', 'start', 'elected']]],
      ['Giáp Văn Nguyên', [['Chánh Văn phòng', null, null], ['Phó Chủ tịch HĐND tỉnh, nhiệm kỳ 2021-2026', 'start', 'elected']]],
    ]);
    expect(posts('Kỳ họp cũng bầu bổ sung các Ủy viên UBND tỉnh gồm Giám đốc Sở Nội vụ Triệu Thị Thắm, Giám đốc Công an tỉnh Âu Văn Hiển.')).toEqual([
      ['Triệu Thị Thắm', [['Giám đốc Sở Nội vụ', null, null], ['Ủy viên UBND tỉnh', 'start', 'elected']]],
      ['Âu Văn Hiển', [['Giám đốc Công an tỉnh', null, null], ['Ủy viên UBND tỉnh', 'start', 'elected']]],
    ]);
  });

  it("a nomination is not yet a post: 'giới thiệu để HĐND bầu giữ chức …'", () => {
    expect(posts('Ông Quan Văn Đạt được điều động, chỉ định giữ chức Phó Bí thư Tỉnh ủy và giới thiệu để bầu giữ chức Chủ tịch UBND tỉnh.')).toEqual([
      ['Quan Văn Đạt', [['Phó Bí thư Tỉnh ủy', 'start', 'appointed']]],
    ]);
  });

  it("joining a body without a title is a member's seat: 'tham gia Quân ủy Trung ương' → 'Ủy viên Quân ủy Trung ương'", () => {
    expect(posts('Bộ Chính trị quyết định điều động, phân công ông Sầm Thị Yến tham gia Ban Chỉ đạo Trung ương.')[0]?.[1]).toEqual([
      ['Ủy viên Ban Chỉ đạo Trung ương', 'start', 'assigned'],
    ]);
  });

  it("acting: 'được giao quyền Chủ tịch UBND tỉnh' gives the post written 'quyền Chủ tịch UBND tỉnh'", () => {
    expect(posts('Ông Hà Đức Toàn, Phó Chủ tịch Thường trực UBND tỉnh, được Thủ tướng giao quyền Chủ tịch UBND tỉnh.')).toEqual([
      ['Hà Đức Toàn', [['Phó Chủ tịch Thường trực UBND tỉnh', null, null], ['quyền Chủ tịch UBND tỉnh', 'start', 'assigned']]],
    ]);
  });
});

describe('the post an event ends', () => {
  it("'miễn nhiệm chức danh P đối với ông X, <other post>' ends P and keeps the other", () => {
    expect(posts('HĐND tỉnh đã miễn nhiệm chức danh Chủ tịch UBND tỉnh đối với ông Lương Văn Khởi, Phó Bí thư Tỉnh ủy.')).toEqual([
      ['Lương Văn Khởi', [['Phó Bí thư Tỉnh ủy', null, null], ['Chủ tịch UBND tỉnh', 'end', 'relieved']]],
    ]);
  });

  it("a second post after 'và' takes the first one's verb: 'miễn nhiệm P với ông A và Q với ông B'", () => {
    expect(posts('Hội đồng miễn nhiệm chức danh Phó Chủ tịch HĐND với ông Phí Thị Lụa và Trưởng Ban Kinh tế - Ngân sách với ông Nghiêm Văn Bảo do nghỉ hưu.')).toEqual([
      ['Phí Thị Lụa', [['Phó Chủ tịch HĐND', 'end', 'relieved']]],
      ['Nghiêm Văn Bảo', [['Trưởng Ban Kinh tế - Ngân sách', 'end', 'relieved']]],
    ]);
  });

  it("a verb after the post does not take it away: 'miễn nhiệm chức danh P và cho thôi làm nhiệm vụ đại biểu … đối với ông X'", () => {
    expect(posts('Các đại biểu biểu quyết miễn nhiệm chức danh Giám đốc Sở Tài chính và cho thôi làm nhiệm vụ đại biểu HĐND tỉnh đối với ông Khổng Thị Hằng.')).toEqual([
      ['Khổng Thị Hằng', [['Giám đốc Sở Tài chính', 'end', 'relieved']]],
    ]);
  });

  it("'thôi giữ chức P; điều động, bổ nhiệm giữ chức Q': one ends, the other starts", () => {
    expect(posts('Bộ Chính trị quyết định ông Đinh Công Thắm, Bí thư Tỉnh ủy, thôi tham gia Ban Chấp hành Đảng bộ tỉnh, thôi giữ chức Bí thư Tỉnh ủy; điều động, bổ nhiệm giữ chức Phó Trưởng Ban Kinh tế Trung ương.')).toEqual([
      ['Đinh Công Thắm', [['Bí thư Tỉnh ủy', null, null], ['Bí thư Tỉnh ủy', 'end', 'relieved'], ['Phó Trưởng Ban Kinh tế Trung ương', 'start', 'appointed']]],
    ]);
  });

  it("retirement with no post named ends the posts written with the name: 'cho nghỉ hưu trước tuổi đối với ông X - P, Q'", () => {
    expect(own('Trung ương quyết định cho nghỉ hưu trước tuổi đối với ông Lưu Đức Hạnh - Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh.')).toEqual([['Lưu Đức Hạnh', 'end', 'retired']]);
    expect(own('Ông Mai Văn Tường, Giám đốc Sở Công thương, bị cách chức.')).toEqual([['Mai Văn Tường', 'end', 'dismissed']]);
  });

  it("'… giữ chức P thay ông Y' names the one replaced, who is given no post by it", () => {
    const t = cleanText('Bà Chu Thị Mai được bầu giữ chức Chủ tịch UBND tỉnh thay ông Tôn Thất Hùng đã nghỉ hưu.');
    const ms = mentionsIn({ start: 0, end: t.length, text: t, line: 0 });
    expect(ms.map((m) => [m.name.text, m.replaces.map((r) => r.name.text)])).toEqual([
      ['Chu Thị Mai', ['Tôn Thất Hùng']],
      ['Tôn Thất Hùng', []],
    ]);
    expect(ms[1]!.positions).toEqual([]);
  });
});

describe('personnel wording parts', () => {
  it('names the event of a chain of verbs by its most specific verb', () => {
    expect(eventOf('điều động, phân công')).toMatchObject({ event: 'assigned', change: 'start' });
    expect(eventOf('điều động, phân công, bổ nhiệm')).toMatchObject({ event: 'appointed' });
    expect(eventOf('chuẩn y')).toMatchObject({ event: 'approved' });
    expect(eventOf('cho thôi')).toMatchObject({ event: 'relieved', change: 'end' });
    expect(eventOf('bãi nhiệm')).toMatchObject({ event: 'dismissed' });
    expect(eventOf('giao quyền')).toMatchObject({ acting: true });
    expect(eventOf('giới thiệu')).toBeNull();
  });

  it('reads a post up to where the clause goes on, keeping its term and a body with "và"', () => {
    const end = (s: string) => s.slice(0, readPost(s, 0));
    expect(end('Chủ tịch UBND tỉnh nhiệm kỳ 2021 - 2026 với 100% số phiếu')).toBe('Chủ tịch UBND tỉnh nhiệm kỳ 2021 - 2026');
    expect(end('Giám đốc Sở Tài nguyên và Môi trường thay ông A')).toBe('Giám đốc Sở Tài nguyên và Môi trường');
    expect(end('Bí thư Đảng ủy Khối cơ quan và doanh nghiệp tỉnh, nhiệm kỳ 2020-2025.')).toBe('Bí thư Đảng ủy Khối cơ quan và doanh nghiệp tỉnh, nhiệm kỳ 2020-2025');
    expect(end('Chủ tịch UBND tỉnh và ông B')).toBe('Chủ tịch UBND tỉnh');
    expect(readPost('nhiệm vụ mới', 0)).toBe(-1);
  });
});
