import { describe, expect, it } from 'vitest';
import { mentionsIn } from '../../ingest/mentions.js';
import { findNames } from '../../ingest/names.js';
import { cleanText } from '../../ingest/normalize.js';

/** Mentions of one sentence as [name, positions, roles]. */
function parse(text: string) {
  const t = cleanText(text);
  return mentionsIn({ start: 0, end: t.length, text: t, line: 0 }).map((m) => ({
    name: m.name.text,
    positions: [...m.shared, ...m.positions].map((p) => p.text),
    roles: [...m.roles].sort(),
    locality: m.locality,
    award: m.award?.name ?? null,
    giver: m.award?.giver ?? null,
  }));
}

describe('names', () => {
  it('finds names of two to five syllables that start with a surname', () => {
    expect(findNames('Tham dự có ông Hà Văn Tư và bà Âu Dương Thị Lan Anh cùng Lý Vĩnh').map((n) => n.text)).toEqual([
      'Hà Văn Tư',
      'Âu Dương Thị Lan Anh',
      'Lý Vĩnh',
    ]);
  });

  it('tells places from people: provinces, and units after xã / phường / huyện', () => {
    expect(findNames('Đoàn công tác đến Hà Giang, Lâm Đồng và phường Lê Lợi, xã Trần Phú').map((n) => n.text)).toEqual([]);
    // After 'tỉnh', a known province is a place but a person's name is not ('Chủ tịch UBND tỉnh Lê Văn A').
    expect(findNames('Chủ tịch UBND tỉnh Lê Quốc Toản và UBND tỉnh Cà Mau').map((n) => n.text)).toEqual(['Lê Quốc Toản']);
  });

  it('reads names of streets, schools and funds as places, not people', () => {
    expect(findNames('Trường THPT Lê Quý Đôn và Quỹ Trần Văn Ơn đặt trên đường Nguyễn Huệ').map((n) => n.text)).toEqual([]);
  });

  it('stops a name before a title or a body', () => {
    expect(findNames('Ông Võ Thành Nhân Phó Chủ tịch HĐND xã').map((n) => n.text)).toEqual(['Võ Thành Nhân']);
    expect(findNames('bà Đinh Thị Hồng Thành ủy viên').map((n) => n.text)).toEqual(['Đinh Thị Hồng']);
  });

  it('reads a name whose family name the surname list lacks after an honorific, and as the next item of a list of names', () => {
    expect(findNames('Dự có ông Khâu Văn Tịnh và bà Lỗ Thị Hường.').map((n) => n.text)).toEqual(['Khâu Văn Tịnh', 'Lỗ Thị Hường']);
    expect(findNames('Các ông: Tống Đức Thịnh, Phó Giám đốc Sở Nội vụ; Khâu Văn Tịnh, Trưởng phòng Tổ chức.').map((n) => n.text)).toEqual(['Tống Đức Thịnh', 'Khâu Văn Tịnh']);
    // Not any capitalized run after a comma: a body or a title is no name.
    expect(findNames('Ông Tống Đức Thịnh, Trung tâm Y tế huyện, Hội Nông dân tỉnh.').map((n) => n.text)).toEqual(['Tống Đức Thịnh']);
  });

  it("keeps a given name that is also a word: 'Nguyên' and 'Quyền' before a comma or a dash, 'Sáng' at the end of a name", () => {
    expect(findNames('Ông Giáp Văn Nguyên - Chánh Văn phòng và ông Cù Minh Quyền, Phó Giám đốc.').map((n) => n.text)).toEqual(['Giáp Văn Nguyên', 'Cù Minh Quyền']);
    expect(findNames('bà Ma Thị Hoa Nguyên Giám đốc Sở Y tế').map((n) => n.text)).toEqual(['Ma Thị Hoa']);
    expect(findNames('Đồng chí Lục Văn Sáng, Giám đốc Sở Xây dựng.').map((n) => n.text)).toEqual(['Lục Văn Sáng']);
  });

  it("keeps a given name that begins a compound word ('Quyết định', 'Nghị quyết') unless the compound follows", () => {
    expect(findNames('Ông Lê Kim Quyết, Giám đốc Sở Nội vụ, và ông Tạ Văn Nghị dự.').map((n) => n.text)).toEqual(['Lê Kim Quyết', 'Tạ Văn Nghị']);
    expect(findNames('Ông Lê Kim Quyết định thành lập tổ công tác.').map((n) => n.text)).toEqual(['Lê Kim']);
  });

  it("reads a name that begins like a province after a personal honorific ('ông Hà Nam Khánh'), not after 'tỉnh'; 'Bà Rịa' is no honorific", () => {
    expect(findNames('Kỳ họp bầu ông Hà Nam Khánh giữ chức Phó Chủ tịch UBND tỉnh Hà Nam.').map((n) => n.text)).toEqual(['Hà Nam Khánh']);
    expect(findNames('Giám đốc Sở Y tế tỉnh Bà Rịa - Vũng Tàu Lê Kim Quyết phát biểu.').map((n) => n.text)).toEqual(['Lê Kim Quyết']);
    expect(parse('Dự có ông Lê Kim Quyết - Phó Chủ tịch UBND tỉnh Bà Rịa - Vũng Tàu; bà Ma Thị Hoa - Giám đốc Sở Y tế.').map((m) => [m.name, m.positions])).toEqual([
      ['Lê Kim Quyết', ['Phó Chủ tịch UBND tỉnh Bà Rịa - Vũng Tàu']],
      ['Ma Thị Hoa', ['Giám đốc Sở Y tế']],
    ]);
  });

  it("does not read the end of a place written before a name as a family name ('tỉnh Sóc Trăng Lâm …', 'Huyện ủy Triệu …')", () => {
    expect(findNames('Phó Chủ tịch UBND tỉnh Kon Tum Lâm Văn Đạt phát biểu.').map((n) => n.text)).toEqual(['Lâm Văn Đạt']);
    expect(findNames('Ông Vi Văn Kiên, Bí thư Huyện ủy Triệu Phong, dự họp.').map((n) => n.text)).toEqual(['Vi Văn Kiên']);
  });

  it("marks a short reference after an honorific ('ông Khải', 'bà Ngọc Lan') as short", () => {
    expect(findNames('Ông Phùng Văn Khải cho biết, ông Khải sẽ cùng bà Ngọc Lan về cơ sở.').map((n) => [n.text, !!n.short])).toEqual([
      ['Phùng Văn Khải', false],
      ['Khải', true],
      ['Ngọc Lan', true],
    ]);
  });

  it('reads mis-cased names and ignores all-capital abbreviations', () => {
    expect(findNames('đồng chí Trịnh Thị Thu HIền, Phó Chủ tịch UBND').map((n) => n.text)).toEqual(['Trịnh Thị Thu HIền']);
  });
});

describe('mentions and their positions', () => {
  it("reads 'đồng chí X - A, B'", () => {
    expect(parse('Tham dự có đồng chí Lò Văn Mạnh - Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tổ chức Tỉnh ủy.')).toEqual([
      { name: 'Lò Văn Mạnh', positions: ['Ủy viên Ban Thường vụ Tỉnh ủy', 'Trưởng Ban Tổ chức Tỉnh ủy'], roles: ['attended'], locality: null, award: null, giver: null },
    ]);
  });

  it("reads 'ông X - A - B; bà Y, C, D' as two people", () => {
    const got = parse('Chủ trì hội nghị có ông Đào Ngọc Sơn - Phó Bí thư Huyện ủy - Chủ tịch UBND huyện; bà Vi Thị Hạnh, Ủy viên BTV, Trưởng Ban Dân vận Huyện ủy.');
    expect(got.map((m) => [m.name, m.positions, m.roles])).toEqual([
      ['Đào Ngọc Sơn', ['Phó Bí thư Huyện ủy', 'Chủ tịch UBND huyện'], ['chaired']],
      ['Vi Thị Hạnh', ['Ủy viên BTV', 'Trưởng Ban Dân vận Huyện ủy'], ['chaired']],
    ]);
  });

  it("shares one position among 'các đồng chí X và Y - A'", () => {
    const got = parse('Hội nghị do các đồng chí Tạ Văn Long và Ninh Thị Xuân - Phó Chủ tịch UBND tỉnh chủ trì.');
    expect(got.map((m) => [m.name, m.positions, m.roles])).toEqual([
      ['Tạ Văn Long', ['Phó Chủ tịch UBND tỉnh'], ['chaired']],
      ['Ninh Thị Xuân', ['Phó Chủ tịch UBND tỉnh'], ['chaired']],
    ]);
  });

  it("gives a title written before a list to everyone in it: 'các đồng chí Ủy viên Ban TVTU: X, A; Y, B'", () => {
    const got = parse('Cùng dự có các đồng chí Ủy viên Ban TVTU: Mai Xuân Trường, Chánh Văn phòng Tỉnh ủy; Hứa Thị Nga, Trưởng Ban Tuyên giáo Tỉnh ủy.');
    expect(got.map((m) => [m.name, m.positions, m.roles])).toEqual([
      ['Mai Xuân Trường', ['Ủy viên Ban TVTU', 'Chánh Văn phòng Tỉnh ủy'], ['attended']],
      ['Hứa Thị Nga', ['Ủy viên Ban TVTU', 'Trưởng Ban Tuyên giáo Tỉnh ủy'], ['attended']],
    ]);
  });

  it("reads titles written before the name: 'Phó BTTU - Chủ tịch UBND tỉnh X'", () => {
    const got = parse('Kết luận hội nghị, Phó BTTU - Chủ tịch UBND tỉnh Châu Văn Lâm đề nghị các ngành tiếp tục cố gắng.');
    expect(got.map((m) => [m.name, m.positions, m.roles])).toEqual([['Châu Văn Lâm', ['Phó BTTU', 'Chủ tịch UBND tỉnh'], ['spoke']]]);
  });

  it("reads a place in brackets after a name: 'X (xã Y)'", () => {
    const got = parse('Các ông Lương Văn Thuận (xã Tân Phú), Cầm Thị Loan (thị trấn Mường Lát) được tặng Giấy khen của UBND huyện.');
    expect(got.map((m) => [m.name, m.locality, m.roles, m.award])).toEqual([
      ['Lương Văn Thuận', 'xã Tân Phú', ['awarded'], 'Giấy khen'],
      ['Cầm Thị Loan', 'thị trấn Mường Lát', ['awarded'], 'Giấy khen'],
    ]);
  });

  it("reads several comma-separated titles before a name: 'Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy X'", () => {
    const got = parse('Tới dự có Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Nông Thanh Tùng.');
    expect(got.map((m) => [m.name, m.positions, m.roles])).toEqual([['Nông Thanh Tùng', ['Ủy viên Trung ương Đảng', 'Bí thư Tỉnh ủy'], ['attended']]]);
  });

  it("does not give one person the next one's title: 'X, Bí thư Tỉnh ủy; Chủ tịch UBND tỉnh Y'", () => {
    const got = parse('Dự hội nghị có đồng chí Hà Quốc Trị, Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Khổng Minh Tuấn.');
    expect(got.map((m) => [m.name, m.positions])).toEqual([
      ['Hà Quốc Trị', ['Bí thư Tỉnh ủy']],
      ['Khổng Minh Tuấn', ['Chủ tịch UBND tỉnh']],
    ]);
  });

  it("reads titles written in lower case, after 'nguyên' or 'hiện là', and a term after the post", () => {
    expect(parse('Tham dự có ông Hà Đức Toàn, phó chủ tịch UBND huyện.')[0]?.positions).toEqual(['phó chủ tịch UBND huyện']);
    expect(parse('Ông Mai Văn Tường (sinh năm 1968), hiện là Phó Trưởng Ban Kinh tế Trung ương, nguyên Bí thư Tỉnh ủy Kon Tum.')[0]?.positions).toEqual([
      'Phó Trưởng Ban Kinh tế Trung ương',
      'nguyên Bí thư Tỉnh ủy Kon Tum',
    ]);
    expect(parse('Ông Quan Văn Đạt, Chủ tịch UBND tỉnh khóa XVI, nhiệm kỳ 2016 - 2021 phát biểu.')[0]?.positions).toEqual(['Chủ tịch UBND tỉnh khóa XVI, nhiệm kỳ 2016 - 2021']);
  });

  it("skips an age or a home town before the posts: 'X, 52 tuổi, …', 'X quê Y, …'", () => {
    expect(parse('Ông Lương Văn Khởi, 52 tuổi, Giám đốc Sở Tài chính, phát biểu.')[0]?.positions).toEqual(['Giám đốc Sở Tài chính']);
    expect(parse('Ông Lương Văn Khởi quê Quảng Bình, Ủy viên Trung ương Đảng.')[0]?.positions).toEqual(['Ủy viên Trung ương Đảng']);
  });

  it("gives a list title with its brackets: 'Các Phó Bí thư Tỉnh ủy X gồm bà A (Phó Bí thư Thường trực), ông B (Chủ tịch UBND tỉnh)'", () => {
    const got = parse('Các Phó Bí thư Tỉnh ủy Quảng Bình gồm bà Khúc Thị Xoan (Phó Bí thư Thường trực), ông Vi Văn Kiên (Chủ tịch UBND tỉnh).');
    expect(got.map((m) => [m.name, m.positions])).toEqual([
      ['Khúc Thị Xoan', ['Phó Bí thư Thường trực Tỉnh ủy Quảng Bình']],
      ['Vi Văn Kiên', ['Phó Bí thư Tỉnh ủy Quảng Bình', 'Chủ tịch UBND tỉnh']],
    ]);
    // A title with no body takes the committee the sentence is about; a lower-case bracket qualifies the title.
    const three = parse('Tỉnh ủy Sóc Trăng hiện có hai Phó Bí thư, gồm các ông Tạ Quang Vĩnh (thường trực) và Lục Văn Sáng (Chủ tịch UBND tỉnh).');
    expect(three.map((m) => [m.name, m.positions])).toEqual([
      ['Tạ Quang Vĩnh', ['Phó Bí thư thường trực Tỉnh ủy Sóc Trăng']],
      ['Lục Văn Sáng', ['Phó Bí thư Tỉnh ủy Sóc Trăng', 'Chủ tịch UBND tỉnh']],
    ]);
  });

  it("reads a chain of titles before a name whose body has commas, after 'Tham dự có … ;' items that keep the cue", () => {
    const got = parse('Tham dự có Phó Chủ tịch UBND tỉnh Đàm Quốc Toản; Thứ trưởng Bộ Văn hóa, Thể thao và Du lịch Hứa Minh Châu.');
    expect(got.map((m) => [m.name, m.positions, m.roles])).toEqual([
      ['Đàm Quốc Toản', ['Phó Chủ tịch UBND tỉnh'], ['attended']],
      ['Hứa Minh Châu', ['Thứ trưởng Bộ Văn hóa, Thể thao và Du lịch'], ['attended']],
    ]);
  });

  it("does not run a title into the words before a name: 'Chủ tịch UBND tỉnh và 2 ông X', 'Ban Bí thư cho đồng chí X'", () => {
    const got = parse('Ông Phùng Văn Khải được bầu giữ chức Chủ tịch UBND tỉnh và 2 ông Lò Văn Phấn, Mạc Văn Tiến được bầu giữ chức Phó Chủ tịch UBND tỉnh.');
    expect(got.map((m) => [m.name, m.positions])).toEqual([
      ['Phùng Văn Khải', ['Chủ tịch UBND tỉnh']],
      ['Lò Văn Phấn', ['Phó Chủ tịch UBND tỉnh']],
      ['Mạc Văn Tiến', ['Phó Chủ tịch UBND tỉnh']],
    ]);
    expect(parse('Ông Tôn Thất Hùng trao quyết định của Ban Bí thư cho đồng chí Phí Thị Lụa.').map((m) => [m.name, m.positions])).toEqual([
      ['Tôn Thất Hùng', []],
      ['Phí Thị Lụa', []],
    ]);
  });

  it("ends an apposition before 'và' and a rank that starts the next person", () => {
    const got = parse('Đồng chí Mạc Văn Tiến, Giám đốc Công an tỉnh và Đại tá Lò Văn Phấn, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh dự.');
    expect(got.map((m) => [m.name, m.positions])).toEqual([
      ['Mạc Văn Tiến', ['Giám đốc Công an tỉnh']],
      ['Lò Văn Phấn', ['Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh']],
    ]);
  });

  it('keeps a body name with commas and "và" whole', () => {
    const got = parse('Đồng chí Phí Văn Thắng, Giám đốc Sở Lao động - Thương binh và Xã hội báo cáo kết quả.');
    expect(got[0]?.positions).toEqual(['Giám đốc Sở Lao động - Thương binh và Xã hội']);
    expect(got[0]?.roles).toEqual(['reported']);
  });
});

describe('roles from cues', () => {
  const roleOf = (s: string) => parse(s).map((m) => [m.name, m.roles]);

  it('chủ trì → chaired; dự, tham dự → attended; chỉ đạo → directed', () => {
    expect(roleOf('Đồng chí Lê Thanh Hải, Bí thư Đảng ủy xã chủ trì buổi làm việc.')).toEqual([['Lê Thanh Hải', ['chaired']]]);
    expect(roleOf('Đến dự và chỉ đạo hội nghị có đồng chí Bùi Văn Khánh, Phó Bí thư Tỉnh ủy.')).toEqual([['Bùi Văn Khánh', ['attended', 'directed']]]);
  });

  it('phát biểu, tham luận, kết luận → spoke; báo cáo, trình bày → reported', () => {
    expect(roleOf('Đồng chí Hồ Thị Liên, Chủ tịch Hội LHPN huyện tham luận tại hội nghị.')).toEqual([['Hồ Thị Liên', ['spoke']]]);
    expect(roleOf('Phát biểu chỉ đạo, đồng chí Ngô Đức Lợi, Phó Chủ tịch UBND tỉnh đề nghị ...')).toEqual([['Ngô Đức Lợi', ['directed', 'spoke']]]);
    expect(roleOf('Đồng chí Tô Văn Bình, Phó Giám đốc Sở Nội vụ trình bày dự thảo kế hoạch.')).toEqual([['Tô Văn Bình', ['reported']]]);
  });

  it('được tặng / trao ... cho → awarded, naming the award', () => {
    const got = parse('Nhân dịp này, Chủ tịch UBND tỉnh trao Bằng khen cho ông Trần Quang Vinh, Trưởng thôn Đông Hà.');
    expect(got.map((m) => [m.name, m.roles, m.award])).toEqual([['Trần Quang Vinh', ['awarded'], 'Bằng khen']]);
  });

  it("reads a congress presidium ('Đoàn Chủ tịch ... gồm các đồng chí:') as chairing, and opening a session as speaking", () => {
    expect(roleOf('Đoàn Chủ tịch đại hội gồm các đồng chí: Lê Đình Sơn, Bí thư Đảng ủy xã; Vi Văn Thắm, Chủ tịch UBND xã.')).toEqual([
      ['Lê Đình Sơn', ['chaired']],
      ['Vi Văn Thắm', ['chaired']],
    ]);
    expect(roleOf('Đồng chí Lâm Thị Bé, Chủ tịch HĐND huyện khai mạc kỳ họp.')).toEqual([['Lâm Thị Bé', ['spoke']]]);
  });

  it("reads a second verb of the same clause ('chủ trì, kết luận') and both sides of a working session ('làm việc với')", () => {
    expect(roleOf('Đồng chí Vi Văn Kiên, Bí thư Huyện ủy chủ trì, kết luận hội nghị.')).toEqual([['Vi Văn Kiên', ['chaired', 'spoke']]]);
    expect(roleOf('Đoàn công tác do ông Tạ Quang Vĩnh, Thứ trưởng Bộ Nội vụ dẫn đầu đã làm việc với ông Lục Văn Sáng, Chủ tịch UBND tỉnh.')).toEqual([
      ['Tạ Quang Vĩnh', ['attended']],
      ['Lục Văn Sáng', ['attended']],
    ]);
  });

  it("reads the head of a list whose family name is rare, and a standing-committee title written short ('Thường vụ Tỉnh ủy', 'TVTU')", () => {
    const got = parse('Tham dự có các đồng chí: Khâu Văn Tịnh, Phó Chủ tịch UBND tỉnh; Ma Thị Hoa, TVTU, Giám đốc Sở Nội vụ; Vi Văn Kiên, Thường vụ Thành ủy.');
    expect(got.map((m) => [m.name, m.positions, m.roles])).toEqual([
      ['Khâu Văn Tịnh', ['Phó Chủ tịch UBND tỉnh'], ['attended']],
      ['Ma Thị Hoa', ['TVTU', 'Giám đốc Sở Nội vụ'], ['attended']],
      ['Vi Văn Kiên', ['Thường vụ Thành ủy'], ['attended']],
    ]);
  });

  it("does not read running a body's work while a post is vacant as chairing ('tạm thời điều hành hoạt động của UBND tỉnh')", () => {
    expect(roleOf('Phó Chủ tịch UBND tỉnh Lục Văn Sáng tạm thời điều hành hoạt động của UBND tỉnh.')).toEqual([['Lục Văn Sáng', []]]);
    expect(roleOf('Ông Lục Văn Sáng điều hành phiên họp.')).toEqual([['Lục Văn Sáng', ['chaired']]]);
  });

  it("reads 'Về phía tỉnh có ...' and 'với sự tham gia của ...' as attending", () => {
    expect(roleOf('Về phía tỉnh có đồng chí Quàng Văn Hương, Phó Chủ tịch UBND tỉnh.')).toEqual([['Quàng Văn Hương', ['attended']]]);
    expect(roleOf('Hội thảo diễn ra với sự tham gia của ông Thân Đức Hưởng, Giám đốc Sở Nông nghiệp.')).toEqual([['Thân Đức Hưởng', ['attended']]]);
  });

  it("does not carry one person's cue to the next: 'A chủ trì, B dự'", () => {
    expect(roleOf('Hội nghị do đồng chí Lâm Văn Mẫn chủ trì, đồng chí Thạch Phước Bình dự.')).toEqual([
      ['Lâm Văn Mẫn', ['chaired']],
      ['Thạch Phước Bình', ['attended']],
    ]);
  });

  it("does not take 'sự chỉ đạo của X' as X directing", () => {
    expect(roleOf('Dưới sự chỉ đạo của Bí thư Tỉnh ủy Giang Văn Bình, các cấp đã hoàn thành kế hoạch.')).toEqual([['Giang Văn Bình', []]]);
  });

  it('does not take prose verbs far from a person as roles', () => {
    expect(roleOf('Năm qua, các cấp đã tăng cường lãnh đạo, chỉ đạo; bà Đặng Thị Hoa về thăm quê.')).toEqual([['Đặng Thị Hoa', []]]);
  });

  it('takes a verb of saying right after a person as spoke, unless a stronger cue says what they did', () => {
    expect(roleOf('Đồng chí Mai Văn Chính, Bí thư Huyện ủy đề nghị các xã tập trung thu hoạch lúa.')).toEqual([['Mai Văn Chính', ['spoke']]]);
    expect(roleOf('Trình bày báo cáo, đồng chí Lã Thị Hương, Phó Chủ tịch UBND huyện cho biết, năm qua thu ngân sách tăng.')).toEqual([
      ['Lã Thị Hương', ['reported']],
    ]);
  });
});

describe('awards', () => {
  it('names the giver when the sentence does', () => {
    const active = parse('Dịp này, UBND huyện trao Giấy khen cho các ông Vừ Seo Chứ (xã Pả Vi), Lò Văn Pấng (xã Mường Phăng).');
    expect(active.map((m) => [m.name, m.award, m.giver, m.locality])).toEqual([
      ['Vừ Seo Chứ', 'Giấy khen', 'Ủy ban nhân dân huyện', 'xã Pả Vi'],
      ['Lò Văn Pấng', 'Giấy khen', 'Ủy ban nhân dân huyện', 'xã Mường Phăng'],
    ]);
    const passive = parse('Bà Triệu Thị Mai, Chủ tịch Hội Phụ nữ xã vinh dự được Chủ tịch nước tặng Huân chương Lao động hạng Ba.');
    expect(passive.map((m) => [m.name, m.award, m.giver, m.roles])).toEqual([['Triệu Thị Mai', 'Huân chương Lao động hạng Ba', 'Chủ tịch nước', ['awarded']]]);
  });
});

describe('documents are not deeds', () => {
  it("does not read 'Kết luận số ...' or 'Báo cáo số ...' as someone speaking or reporting", () => {
    const got = parse('Thực hiện Kết luận số 21 của Bộ Chính trị, đồng chí Khổng Văn Tài, Giám đốc Sở Nội vụ đã hướng dẫn các địa phương.');
    expect(got.map((m) => [m.name, m.roles])).toEqual([['Khổng Văn Tài', []]]);
  });
});
