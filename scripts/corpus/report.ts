import { asks, field, paragraph } from './filler.js';
import { byline, credit, publicationLine, publisher, section, widgets } from './furniture.js';
import { personName, randomPlace } from './names.js';
import { chance, int, pick, rngFor, shuffle, weighted, type Rng } from './random.js';
import { bareTitle, canonicalPost, drawStyle, position, postTitle, type Style } from './render.js';
import {
  COUNCIL_KINDS, CONGRESS_YEARS, DAY_MS, FIRST_DAY, LAST_DAY, MERGER_DAY, holderOn, holdersOn, unitIsCityOn, unitNameOn,
  type Spell, type Unit, type World,
} from './world.js';

/**
 * One generated report: its text and the truth about the people in it. Four genres: conference
 * reports, council sessions (elections, dismissals), party congresses, personnel news. The text
 * depends only on (world seed, index).
 */

export type Genre = 'conference' | 'council' | 'congress' | 'personnel';

export interface TruthPerson {
  /** 'p123' for an official of the world (the same person in every report), 'x<report>.<k>' for someone named once. */
  id: string;
  name: string;
  /** The post held on the report's day, expanded and with its place; null for people without one. */
  post: string | null;
  /** What the report says they did: chaired, attended, directed, spoke, reported, awarded, elected, relieved, appointed, mentioned … */
  roles: string[];
  /** 'body': in the report proper; 'teaser': in a related-news teaser after it (not a participant). */
  where: 'body' | 'teaser';
}

export interface GeneratedReport {
  index: number;
  genre: Genre;
  /** The event's day, ISO. */
  date: string;
  province: string;
  text: string;
  persons: TruthPerson[];
}

const GENRE = weighted<Genre>([['conference', 0.45], ['personnel', 0.3], ['council', 0.15], ['congress', 0.1]]);

// Day → text, memoized: a corpus has a few thousand distinct days and a million reports.
const isoMemo: string[] = [];
const dmMemo: string[] = [];
export function iso(day: number): string {
  if (day < 0) return new Date(day * DAY_MS).toISOString().slice(0, 10);
  return (isoMemo[day] ??= new Date(day * DAY_MS).toISOString().slice(0, 10));
}
function dm(day: number): string {
  if (dmMemo[day] === undefined) {
    const d = new Date(day * DAY_MS);
    dmMemo[day] = `${d.getUTCDate()}/${d.getUTCMonth() + 1}`;
  }
  return dmMemo[day]!;
}
const yearOf = (day: number): number => Number(iso(day).slice(0, 4));
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The holders of a unit's posts of several kinds on a day. Hot code in this module uses loops,
 * not callbacks: under tsx every function created at run time is renamed (esbuild keepNames),
 * which costs more than the work here.
 */
function holders(unit: Unit, kinds: readonly string[], day: number, except?: ReadonlySet<Spell>, memo?: Map<string, Spell[]>): Spell[] {
  const out: Spell[] = [];
  for (const k of kinds) {
    let hs = memo?.get(k);
    if (!hs) {
      hs = holdersOn(unit, k, day);
      memo?.set(k, hs);
    }
    for (const s of hs) if (!except || !except.has(s)) out.push(s);
  }
  return out;
}
const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX', 'XXI', 'XXII', 'XXIII'];

/** Collects the lines and the truth of one report. */
class Writer {
  readonly style: Style;
  readonly body: string[] = [];
  private readonly people = new Map<string, TruthPerson>();
  /** Holders of the report's unit on its day, by post kind, looked up once each. */
  private readonly roster = new Map<string, Spell[]>();
  private oneOff = 0;
  constructor(
    readonly r: Rng,
    readonly index: number,
    readonly day: number,
    readonly unit: Unit,
    /** 'hội nghị', 'kỳ họp', 'Đại hội': what captions say the person spoke at. */
    readonly venue = 'hội nghị',
  ) {
    this.style = drawStyle(r);
  }

  /** Holders of posts of these kinds in the report's province on its day. */
  holders(kinds: readonly string[], except?: ReadonlySet<Spell>): Spell[] {
    return holders(this.unit, kinds, this.day, except, this.roster);
  }

  get province(): string {
    return unitNameOn(this.unit, this.day);
  }

  /** Records a world person; returns their name. */
  name(sp: Spell, role: string, where: TruthPerson['where'] = 'body'): string {
    const id = `p${sp.person.id}`;
    const t = this.people.get(id);
    if (t) {
      if (!t.roles.includes(role)) t.roles.push(role);
      if (where === 'body') t.where = 'body';
      // Named through an old post and a new one: the truth keeps the post held on the day.
      if (sp.from <= this.day && (sp.to === null || sp.to > this.day)) t.post = canonicalPost(sp.post, this.day);
    } else this.people.set(id, { id, name: sp.person.name, post: canonicalPost(sp.post, this.day), roles: [role], where });
    return sp.person.name;
  }

  /** 'Nguyễn Văn A, Phó Chủ tịch UBND tỉnh' or 'Nguyễn Văn A - Phó Chủ tịch UBND tỉnh'. */
  who(sp: Spell, role: string): string {
    return `${this.name(sp, role)}${this.style.dash ? ' - ' : ', '}${position(sp, this.day, this.style, this.r, this.unit)}`;
  }

  /** Someone named once (an award recipient from a commune), with 'ông'/'bà'. */
  stranger(role: string): { name: string; honorific: string } {
    const female = chance(this.r, 0.4);
    const name = personName(this.r, female);
    const id = `x${this.index}.${this.oneOff++}`;
    this.people.set(id, { id, name, post: null, roles: [role], where: 'body' });
    return { name, honorific: female ? 'bà' : 'ông' };
  }

  honorific(sp: Spell): string {
    return sp.person.female ? 'bà' : 'ông';
  }

  para(s: string): void {
    this.body.push(s);
  }

  /** Filler paragraphs until the body is about `bytes` long (UTF-8 of Vietnamese is ~1.3 bytes a character). */
  fillTo(bytes: number, year: number, captions: Spell[] = []): void {
    let len = 0;
    for (const l of this.body) len += l.length;
    const target = bytes / 1.3;
    const caps = [...captions];
    while (len < target) {
      const p = paragraph(this.r, year);
      len += p.length;
      this.body.splice(int(this.r, Math.min(2, this.body.length), this.body.length), 0, p);
      if (caps.length && chance(this.r, 0.4)) {
        const c = this.caption(caps.shift()!);
        len += c.length;
        this.body.splice(int(this.r, 2, this.body.length), 0, c);
      }
    }
  }

  caption(sp: Spell): string {
    const what = pick(this.r, [`phát biểu tại ${this.venue}`, 'phát biểu chỉ đạo', 'trao đổi với đại biểu']);
    const cap = `Đồng chí ${this.who(sp, what.startsWith('trao') ? 'mentioned' : 'spoke')} ${what}.`;
    return chance(this.r, 0.5) ? `Ảnh: ${cap}` : `${cap}${credit(this.r)}`;
  }

  truth(): TruthPerson[] {
    return [...this.people.values()];
  }
}

/** Report `index` of the corpus of `world`. */
export function generateReport(world: World, index: number): GeneratedReport {
  const r = rngFor(world.seed, 100, index);
  const genre = GENRE(r);
  const made = (genre === 'personnel' ? personnel(world, r, index) : genre === 'council' ? council(world, r, index) : genre === 'congress' ? congress(world, r, index) : null) ?? conference(world, r, index);
  return made;
}

function compose(w: Writer, genre: Genre, headline: string, lead: string, pubDay: number, teasers: string[]): GeneratedReport {
  const r = w.r;
  const lines = [section(r), '', headline, '', publicationLine(r, pubDay), ''];
  lines.push(`(${publisher(r, w.province)}) - ${lead}`, '');
  for (const p of w.body) lines.push(p, '');
  lines.push(byline(r), '');
  for (const l of widgets(r)) lines.push(l, '');
  for (const t of teasers) lines.push(t, '');
  return { index: w.index, genre, date: iso(w.day), province: w.province, text: lines.join('\n'), persons: w.truth() };
}

const TEASER_KINDS = ['bt', 'ctub', 'cthd', 'pctub'];
const TEASER_VERBS = ['làm việc với', 'kiểm tra tiến độ tại', 'thăm, tặng quà tại'];
const TEASER_UNITS = ['huyện', 'xã', 'phường'];
const TEASER_HEADS = ['Triển khai', 'Đẩy mạnh', 'Nâng cao hiệu quả'];

/** Related-news headlines after the report; some name officials (who are not the report's participants). */
function teasers(w: Writer): string[] {
  const r = w.r;
  const out: string[] = [];
  const n = int(r, 1, 3);
  for (let i = 0; i < n; i++) {
    // A teaser does not date its story: its official is one serving on the report's day.
    const d = Math.max(FIRST_DAY, w.day - int(r, 1, 40));
    const hs = chance(r, 0.6) ? w.holders(TEASER_KINDS) : [];
    if (hs.length) {
      const sp = pick(r, hs);
      out.push(`Đồng chí ${w.name(sp, 'mentioned', 'teaser')} ${pick(r, TEASER_VERBS)} ${pick(r, TEASER_UNITS)} ${randomPlace(r)}`);
    } else out.push(`${pick(r, TEASER_HEADS)} ${field(r)} năm ${yearOf(d)}`);
  }
  // Now and then the teaser carries its own lead with the publisher's mark, as pages paste them.
  if (chance(r, 0.2)) out.push(`(${publisher(r, w.province)}) - ${when(r, Math.max(FIRST_DAY, w.day - int(r, 1, 20)))}, ${lowerFirst(paragraph(r, yearOf(w.day)))}`);
  return out;
}

const MORNING = ['Sáng', 'Chiều', 'Sáng nay', 'Chiều nay'];
const when = (r: Rng, day: number): string => {
  const m = pick(r, MORNING);
  return m.endsWith('nay') ? `${m} (${dm(day)})` : `${m} ${dm(day)}`;
};

// ---------------------------------------------------------------------------------------------
// Conference reports.

interface ConferenceType {
  title: (y: number) => string;
  organizer: (w: Writer) => string;
  chair: string[];
  report: string[];
  centre: string[];
}

const committeeOf = (w: Writer): string => `${unitIsCityOn(w.unit, w.day) ? 'Thành ủy' : 'Tỉnh ủy'} ${w.province}`;
const unitOf = (w: Writer): string => `${unitIsCityOn(w.unit, w.day) ? 'thành phố' : 'tỉnh'} ${w.province}`;
const CONFERENCES: ConferenceType[] = [
  { title: (y) => `hội nghị tổng kết công tác dân vận năm ${y - 1}, triển khai nhiệm vụ năm ${y}`, organizer: (w) => `Ban Dân vận ${committeeOf(w)}`, chair: ['tbdv'], report: ['ptbdv'], centre: ['ptbtw'] },
  { title: (y) => `hội nghị tổng kết công tác xây dựng Đảng năm ${y - 1}`, organizer: committeeOf, chair: ['bt', 'pbttt'], report: ['tbtc', 'ptbtc'], centre: ['ptbtw', 'btw'] },
  { title: (y) => `hội nghị triển khai nhiệm vụ phát triển kinh tế - xã hội năm ${y}`, organizer: (w) => `${w.style.abbr ? 'UBND' : 'Ủy ban nhân dân'} ${unitOf(w)}`, chair: ['ctub'], report: ['gd', 'pctub'], centre: ['tt', 'bo'] },
  { title: (y) => `hội nghị sơ kết công tác tuyên giáo 6 tháng đầu năm ${y}`, organizer: (w) => `Ban Tuyên giáo ${committeeOf(w)}`, chair: ['tbtg'], report: ['ptbtg'], centre: ['ptbtw'] },
  { title: (y) => `hội nghị biểu dương điển hình tiên tiến trong phong trào thi đua yêu nước giai đoạn ${y - 5}-${y}`, organizer: (w) => `Ủy ban ${w.style.abbr ? 'MTTQ' : 'Mặt trận Tổ quốc'} Việt Nam ${unitOf(w)}`, chair: ['ctmt'], report: ['ptbdv'], centre: [] },
  { title: (y) => `hội nghị tổng kết công tác cải cách hành chính năm ${y - 1}`, organizer: (w) => `${w.style.abbr ? 'UBND' : 'Ủy ban nhân dân'} ${unitOf(w)}`, chair: ['ctub', 'pctub'], report: ['gd'], centre: ['tt'] },
  { title: (y) => `hội nghị giao ban công tác kiểm tra, giám sát năm ${y}`, organizer: (w) => `Ủy ban Kiểm tra ${committeeOf(w)}`, chair: ['cnubkt'], report: ['ptbtc'], centre: [] },
  { title: (y) => `hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân năm ${y}`, organizer: committeeOf, chair: ['bt', 'ctub'], report: ['ptbdv'], centre: [] },
];
const ATTEND = ['bt', 'pbttt', 'pbt', 'ctub', 'cthd', 'pctub', 'pcthd', 'tbdv', 'tbtc', 'tbtg', 'ctmt', 'gd', 'mass'];
const ATTEND_CUES = ['Dự hội nghị có', 'Tham dự hội nghị có', 'Về phía tỉnh có'];
const PRAISE = ['ghi nhận, biểu dương', 'đánh giá cao'];
const AWARDS = ['Bằng khen của Chủ tịch UBND tỉnh', 'Kỷ niệm chương "Vì sự nghiệp Dân vận"', 'Bằng khen của Ban Thường vụ Tỉnh ủy', 'Giấy khen'];

function conference(world: World, r: Rng, index: number): GeneratedReport {
  const day = int(r, FIRST_DAY, LAST_DAY);
  const unit = pick(r, world.unitsAt(day));
  const w = new Writer(r, index, day, unit);
  const y = yearOf(day);
  const t = pick(r, CONFERENCES);
  const organizer = t.organizer(w);
  const title = t.title(y);
  const chair = w.holders(t.chair)[0];
  const centres = chance(r, 0.4) ? holders(world.centre, t.centre, day) : [];
  const centre = centres.length ? pick(r, centres) : undefined;
  const used = new Set<Spell>();
  if (chair) used.add(chair);
  if (centre) used.add(centre);
  const attendees = shuffle(r, w.holders(ATTEND, used)).slice(0, int(r, 1, 4));
  for (const a of attendees) used.add(a);
  const reporter = w.holders(t.report, used)[0];
  const lead = chance(r, 0.5)
    ? `${when(r, day)}, ${organizer} tổ chức ${title}.`
    : `Ngày ${dm(day)}/${y}, ${organizer} tổ chức ${title}.`;
  if (chair) {
    w.para(chance(r, 0.5) ? `Hội nghị do đồng chí ${w.who(chair, 'chaired')} chủ trì.` : `Đồng chí ${w.who(chair, 'chaired')} chủ trì hội nghị.`);
  }
  const parts: string[] = [];
  if (centre) parts.push(`Dự và chỉ đạo hội nghị có đồng chí ${w.who(centre, 'directed')}.`);
  if (attendees.length) {
    let list = '';
    for (const a of attendees) list += `${list ? '; ' : ''}${w.who(a, 'attended')}`;
    parts.push(`${pick(r, ATTEND_CUES)} ${attendees.length > 1 ? 'các đồng chí' : 'đồng chí'} ${list}; cùng lãnh đạo các sở, ban, ngành, đoàn thể và địa phương.`);
  }
  w.para(parts.join(' ') || paragraph(r, y));
  if (reporter) w.para(`Trình bày báo cáo tại hội nghị, đồng chí ${w.who(reporter, 'reported')} cho biết, ${lowerFirst(paragraph(r, y - 1))}`);
  w.fillTo(int(r, 2600, 5200), y, attendees.slice(0, 2));
  const speaker = centre ?? chair;
  if (speaker) {
    w.para(`Phát biểu ${speaker === centre ? 'chỉ đạo' : 'kết luận'} hội nghị, đồng chí ${w.name(speaker, 'spoke')} ${pick(r, PRAISE)} những kết quả đạt được; đề nghị các cấp, các ngành ${asks(r)}.`);
  }
  if (chance(r, 0.6)) {
    const n = int(r, 1, 3);
    let names = '';
    let single = '';
    for (let i = 0; i < n; i++) {
      const x = w.stranger('awarded');
      single = x.honorific;
      names += `${i ? ', ' : ''}${x.name} (${chance(r, 0.5) ? 'xã' : 'phường'} ${randomPlace(r)})`;
    }
    const who = n > 1 ? pick(r, ['các ông, bà', 'các đồng chí']) : single;
    const award = pick(r, AWARDS);
    // Two ways reports list recipients: named before 'được tặng', or after 'trong đó có'.
    w.para(chance(r, 0.6)
      ? `Dịp này, ${who} ${names} được tặng ${award}.`
      : `Dịp này, ${int(r, 2, 30)} tập thể, ${int(r, 3, 40)} cá nhân được tặng ${award}; trong đó có ${who} ${names}.`);
  }
  return compose(w, 'conference', `${w.province}: ${upperFirst(title)}`, lead, day + int(r, 0, 1), teasers(w));
}

// ---------------------------------------------------------------------------------------------
// Council sessions: the people's council elects and relieves.

const councilChanges = new WeakMap<World, Spell[]>();
const COUNCIL_SET = new Set(COUNCIL_KINDS);
const isCouncilElection = (s: Spell): boolean => COUNCIL_SET.has(s.post.kind.key) && s.start === 'elected';
const termOf = (day: number): [string, string] => (day < dayOfYear(2021, 6) ? ['IX', '2016-2021'] : day < dayOfYear(2026, 6) ? ['X', '2021-2026'] : ['XI', '2026-2031']);
function dayOfYear(y: number, m: number): number {
  return Date.UTC(y, m - 1, 1) / DAY_MS;
}

function council(world: World, r: Rng, index: number): GeneratedReport | null {
  let list = councilChanges.get(world);
  if (!list) councilChanges.set(world, (list = world.changes.filter(isCouncilElection)));
  if (!list.length) return null;
  const main = pick(r, list);
  const unit = main.post.unit;
  const day = main.from;
  const w = new Writer(r, index, day, unit, 'kỳ họp');
  const y = yearOf(day);
  const [khoa, term] = termOf(day);
  const hd = `${w.style.abbr ? 'HĐND' : 'Hội đồng nhân dân'} ${unitOf(w)}`;
  const first = world.electionDay(unit, y) === day;
  const session = first ? 'thứ nhất' : `thứ ${int(r, 2, 30)}`;
  const chair = holdersOn(unit, 'cthd', day)[0];
  const lead = `${when(r, day)}, ${hd} khóa ${khoa}, nhiệm kỳ ${term} tổ chức kỳ họp ${session}${first ? '' : ' (kỳ họp chuyên đề)'} để xem xét, quyết định công tác cán bộ thuộc thẩm quyền.`;
  if (chair && chair !== main) w.para(`Đồng chí ${w.who(chair, 'chaired')} chủ trì kỳ họp.`);
  const bt = holdersOn(unit, 'bt', day)[0];
  if (bt) w.para(`Dự kỳ họp có đồng chí ${w.who(bt, 'attended')}.`);
  const elections = [main];
  for (const s of world.changesOn(unit, day)) if (s !== main && elections.length < 4 && isCouncilElection(s)) elections.push(s);
  for (const s of elections) {
    const pred = s.replaced;
    if (pred && pred.to === day && pred.end !== 'merged') {
      const why = pred.end === 'retired' ? 'để nghỉ hưu theo chế độ' : pred.end === 'relieved' ? 'do chuyển công tác khác' : 'để nhận nhiệm vụ mới';
      w.para(`Tại kỳ họp, các đại biểu đã biểu quyết thông qua nghị quyết miễn nhiệm chức vụ ${bareTitle(s.post, day, w.style)} nhiệm kỳ ${term} đối với ${w.honorific(pred)} ${w.name(pred, 'relieved')} ${why}.`);
    }
    const prev = s.previous;
    const who = prev ? `${w.honorific(s)} ${w.name(s, 'elected')}, ${position(prev, day - 1, w.style, r, unit)}` : `${w.honorific(s)} ${w.name(s, 'elected')}`;
    const votes = int(r, 40, 90);
    w.para(`Với ${votes - int(r, 0, 3)}/${votes} đại biểu có mặt tán thành, kỳ họp đã bầu ${who}, giữ chức ${bareTitle(s.post, day, w.style)} nhiệm kỳ ${term}.`);
  }
  w.fillTo(int(r, 2400, 4800), y);
  w.para(`Phát biểu nhận nhiệm vụ, tân ${bareTitle(main.post, day, w.style)} ${w.name(main, 'spoke')} cảm ơn sự tín nhiệm của các đại biểu; hứa sẽ cùng tập thể ${asks(r)}.`);
  return compose(w, 'council', `${upperFirst(hd)} bầu ${bareTitle(main.post, day, w.style)}`, lead, day + int(r, 0, 1), teasers(w));
}

// ---------------------------------------------------------------------------------------------
// Party congresses: the new executive committee elects the secretary and deputies.

const DEPUTY_KINDS = ['pbttt', 'pbt', 'ctub', 'cthd'];
const CONGRESS_GUESTS = ['btw', 'bo'];

function congress(world: World, r: Rng, index: number): GeneratedReport | null {
  const y = pick(r, CONGRESS_YEARS);
  const unit = pick(r, world.unitsAt(Date.UTC(y, 10, 30) / DAY_MS));
  const day = world.congressDay(unit, y);
  if (day === null || day > LAST_DAY) return null;
  const w = new Writer(r, index, day, unit, 'Đại hội');
  const cm = committeeOf(w);
  const bo = `Đảng bộ ${unitOf(w)}`;
  const n = ROMAN[Math.min(ROMAN.length - 1, 14 + (unit.id % 6) + CONGRESS_YEARS.indexOf(y))]!;
  const term = `${y}-${y + 5}`;
  const lead = `${when(r, day)}, tại phiên họp thứ nhất, Ban Chấp hành ${bo} khóa ${n}, nhiệm kỳ ${term} đã bầu Ban Thường vụ, Bí thư, Phó Bí thư ${cm}.`;
  const centre = holdersOn(world.centre, pick(r, CONGRESS_GUESTS), day);
  if (centre.length && chance(r, 0.7)) w.para(`Dự và chỉ đạo Đại hội có đồng chí ${w.who(pick(r, centre), 'directed')}.`);
  w.para(`Đại hội đại biểu ${bo} lần thứ ${n}, nhiệm kỳ ${term} diễn ra từ ngày ${dm(day - 2)} đến ${dm(day)}/${y} với sự tham gia của ${int(r, 250, 450)} đại biểu đại diện cho hơn ${int(r, 40, 180)}.000 đảng viên.`);
  const btPost = unit.posts.get('bt')?.[0];
  const bt = btPost ? holderOn(btPost, day) : null;
  if (bt) {
    if (bt.from === day) {
      const prev = bt.previous ? `, ${position(bt.previous, day - 1, w.style, r, unit)}` : '';
      w.para(`Ban Chấp hành ${bo} khóa ${n} đã bầu đồng chí ${w.name(bt, 'elected')}${prev}, giữ chức Bí thư ${cm} nhiệm kỳ ${term}.`);
      const old = bt.replaced;
      if (old && old.to === day) w.para(`Đồng chí ${w.name(old, 'mentioned')}, nguyên Bí thư ${cm} khóa trước, phát biểu cảm ơn sự ủng hộ của các đại biểu.`);
    } else {
      w.para(`Đồng chí ${w.name(bt, 'elected')} tái đắc cử Bí thư ${cm} nhiệm kỳ ${term}.`);
    }
  }
  const deputies = w.holders(DEPUTY_KINDS).slice(0, 3);
  if (deputies.length) {
    let list = '';
    for (const d of deputies) list += `${list ? '; ' : ''}${w.who(d, 'elected')}`;
    w.para(`${deputies.length > 1 ? 'Các đồng chí' : 'Đồng chí'} ${list} được bầu giữ chức Phó Bí thư ${cm}.`);
  }
  w.para(`Ban Thường vụ ${cm} khóa ${n} gồm ${int(r, 13, 19)} đồng chí; Ban Chấp hành gồm ${int(r, 48, 62)} đồng chí.`);
  w.fillTo(int(r, 2400, 4800), y);
  if (bt) w.para(`Phát biểu tại phiên bế mạc, đồng chí ${w.name(bt, 'spoke')} đề nghị các cấp ủy, tổ chức đảng ${asks(r)}.`);
  const headline = bt && bt.from === day ? `Đồng chí ${bt.person.name} được bầu giữ chức Bí thư ${cm}` : bt ? `Đồng chí ${bt.person.name} tái đắc cử Bí thư ${cm} nhiệm kỳ ${term}` : `Bế mạc Đại hội đại biểu ${bo} lần thứ ${n}`;
  return compose(w, 'congress', headline, lead, day + int(r, 0, 1), teasers(w));
}

// ---------------------------------------------------------------------------------------------
// Personnel news: approvals, assignments, appointments, retirements, the merger.

const personnelChanges = new WeakMap<World, (r: Rng) => Spell>();
const newsWeight = (s: Spell): readonly [Spell, number] => [s, s.post.kind.rank ** 1.5];
const byRankDown = (a: Spell, b: Spell): number => b.post.kind.rank - a.post.kind.rank || a.post.id - b.post.id;
const ALSO = ['Cũng tại hội nghị', 'Đồng thời'];

/** Who decides a post: the Politburo, the Secretariat, the province's standing committee or chairman, the Prime Minister. */
function giver(world: World, w: Writer, s: Spell): string {
  const k = s.post.kind.key;
  if (s.post.unit === world.centre) return k === 'tt' ? 'Thủ tướng Chính phủ' : 'Bộ Chính trị';
  if (k === 'bt') return 'Bộ Chính trị';
  if (k === 'pbttt' || k === 'pbt') return 'Ban Bí thư';
  if (k === 'gd' || k === 'pgd' || k === 'ptbtc' || k === 'ptbdv' || k === 'ptbtg') return `Chủ tịch ${w.style.abbr ? 'UBND' : 'Ủy ban nhân dân'} ${unitOf(w)}`;
  return `Ban Thường vụ ${committeeOf(w)}`;
}

function decision(s: Spell, merger: boolean): string {
  if (merger) return 'chỉ định';
  return s.start === 'approved' ? 'chuẩn y' : s.start === 'appointed' ? 'bổ nhiệm' : s.start === 'elected' ? 'giới thiệu để bầu' : 'điều động, phân công';
}

function personnel(world: World, r: Rng, index: number): GeneratedReport | null {
  let draw = personnelChanges.get(world);
  if (!draw) {
    // Higher posts make the news more often.
    draw = weighted(world.changes.map(newsWeight));
    personnelChanges.set(world, draw);
  }
  if (!world.changes.length) return null;
  const main = draw(r);
  // A provincial official called to the centre: the news comes from the province that sees them off.
  const from = main.previous?.post.unit;
  const unit = main.post.unit !== world.centre ? main.post.unit : from && from !== world.centre && from.to > main.from ? from : pick(r, world.unitsAt(main.from));
  const day = main.from;
  const w = new Writer(r, index, day, unit);
  const y = yearOf(day);
  const cm = committeeOf(w);
  const merger = day === MERGER_DAY;
  const all = [main];
  for (const s of world.changesOn(main.post.unit, day)) if (s !== main && s.post.kind.rank >= 3 && all.length < (merger ? 5 : 3)) all.push(s);
  // The merger's decisions are announced from the top post down.
  if (merger) all.sort(byRankDown);
  const lead = merger
    ? `${when(r, day)}, ${cm} tổ chức hội nghị công bố các nghị quyết, quyết định của Trung ương về sắp xếp đơn vị hành chính và công tác cán bộ của ${unitOf(w)} sau hợp nhất.`
    : `${when(r, day)}, ${pick(r, [cm, `Ban Thường vụ ${cm}`])} tổ chức hội nghị công bố quyết định về công tác cán bộ.`;
  const host = w.holders(['bt'], new Set(all))[0];
  if (host) w.para(`Đồng chí ${w.who(host, 'chaired')} chủ trì hội nghị.`);
  const centre: Spell[] = [];
  for (const s of holdersOn(world.centre, 'ptbtw', day)) if (s.post.sub % 3 === 0) centre.push(s);
  if (centre.length && main.post.kind.rank >= 5 && chance(r, 0.7)) w.para(`Dự và trao quyết định có đồng chí ${w.who(pick(r, centre), 'attended')}.`);
  for (const s of all) {
    // The merged province may keep a constituent's name: its old post is 'Tỉnh ủy X (cũ)'.
    const old = s.previous && s.previous.end === 'merged' && unitNameOn(s.previous.post.unit, day - 1) === w.province ? ' (cũ)' : '';
    const prev = s.previous ? `, ${position(s.previous, day - 1, w.style, r, unit)}${old}` : '';
    const title = postTitle(s.post, day, w.style, true);
    const pred = s.replaced && s.replaced.to === day && s.replaced.person !== s.person ? s.replaced : null;
    const instead = pred && pred.end !== 'merged' ? `, thay ${w.honorific(pred)} ${w.name(pred, 'replaced')} ${pred.end === 'retired' ? 'nghỉ hưu theo chế độ' : 'được điều động nhận nhiệm vụ khác'}` : '';
    w.para(`${s === all[0] ? 'Theo đó' : pick(r, ALSO)}, ${giver(world, w, s)} ${decision(s, merger)} ${w.honorific(s)} ${w.name(s, s.start === 'appointed' ? 'appointed' : 'assigned')}${prev}${prev ? ',' : ''} giữ chức ${title}${instead}.`);
  }
  if (!merger && chance(r, 0.5)) {
    const p = main.replaced;
    if (p && p.end === 'retired' && p.to === day) {
      w.para(`Dịp này, ${w.honorific(p)} ${w.name(p, 'retired')}, nguyên ${bareTitle(p.post, day, w.style)}, nhận quyết định nghỉ hưu theo chế độ từ ngày ${dm(day)}/${y}.`);
    }
  }
  w.fillTo(int(r, 2200, 4400), y);
  const speaker = host ?? all[0]!;
  if (speaker === host) {
    w.para(`Phát biểu giao nhiệm vụ, đồng chí ${w.name(speaker, 'spoke')} đề nghị ${merger ? 'các đồng chí được phân công' : `đồng chí ${main.person.name}`} ${asks(r)}.`);
  } else w.para(`Phát biểu nhận nhiệm vụ, đồng chí ${w.name(speaker, 'spoke')} cảm ơn sự tin tưởng của cấp trên; hứa sẽ cùng tập thể ${asks(r)}.`);
  const headline = merger
    ? `Công bố quyết định về công tác cán bộ của ${unitOf(w)} sau hợp nhất`
    : `${main.person.name} giữ chức ${postTitle(main.post, day, w.style, true)}`;
  return compose(w, 'personnel', headline, lead, day + int(r, 0, 2), teasers(w));
}
