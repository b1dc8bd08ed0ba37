import { expandAbbreviations } from './lexicon.js';
import { orgKind } from './lexicon.js';
import { CENTRAL_CITIES_AFTER, localityFor, provinceNamed, cityNamed } from './gazetteer.js';
import { canonicalTones, fold, memo, squash } from './normalize.js';
import type { Locality, Organization, Post, PostEvent } from './extraction-schema.js';

/**
 * Positions as written ('Ủy viên BTV', 'Trưởng Ban Dân vận', 'Chủ tịch UB MTTQ thành phố') →
 * complete posts: abbreviations expanded, the body elided in a list taken from the next position
 * that names it, the report's own province or city added to 'Tỉnh ủy' / 'UBND tỉnh' / 'Thành ủy'.
 */

export type HomeKind = 'thành phố' | 'huyện' | 'quận' | 'thị xã' | 'xã' | 'phường' | 'thị trấn';
export interface HomeUnit {
  kind: HomeKind;
  name: string;
}
/** The party committee of each kind of district-level unit. */
export const COMMITTEE_OF: Record<HomeKind, string> = {
  'thành phố': 'Thành ủy',
  huyện: 'Huyện ủy',
  quận: 'Quận ủy',
  'thị xã': 'Thị ủy',
  xã: 'Đảng ủy xã',
  phường: 'Đảng ủy phường',
  'thị trấn': 'Đảng ủy thị trấn',
};
const KIND_OF_COMMITTEE: Record<string, HomeKind> = { 'Thành ủy': 'thành phố', 'Huyện ủy': 'huyện', 'Quận ủy': 'quận', 'Thị ủy': 'thị xã' };

/** 'Thành ủy Hạ Long', 'Ủy ban MTTQ huyện Tam Dương', 'UBND thành phố Vinh' → the unit. */
export function homeUnitIn(body: string): HomeUnit | null {
  const m = /(?<!\p{L})(Thành ủy|Huyện ủy|Quận ủy|Thị ủy|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)\s+(\p{Lu}[\p{L}]*(?:\s+\p{Lu}[\p{L}]*){0,3})/u.exec(body);
  if (!m) return null;
  const kind = (KIND_OF_COMMITTEE[m[1]!] ?? m[1]!) as HomeKind;
  return { kind, name: m[2]! };
}

export interface ReportContext {
  /** The report's province (pre- or post-2025 name, as the report uses it). */
  province: string | null;
  /** The district-level unit the report is about ('thành phố Hạ Long', 'huyện Tam Dương'), when its home body is one. */
  home: HomeUnit | null;
  /** The party committee a bare 'Ủy viên BTV' or 'Trưởng Ban Dân vận' belongs to. */
  homeCommittee: string | null;
}

const BOARD_WORDS = '(?:dân vận|tuyên giáo|tổ chức|kiểm tra|nội chính|kinh tế|chỉ đạo|thường vụ|chấp hành|bí thư|cán sự|đối ngoại|tuyên giáo và dân vận)';

// Compiled once, not on every body tidied (replace() starts a global regex from 0).
const BOARD_RE = new RegExp(`(?<!\\p{L})(?<!Ủy |ủy |Uỷ )[Bb]an (${BOARD_WORDS})(?!\\p{L})`, 'giu');

/** Canonical capitals for body words ('Ban dân vận tỉnh ủy' → 'Ban Dân vận Tỉnh ủy'). */
export const tidyBody = memo((s: string): string =>
  squash(expandAbbreviations(canonicalTones(s)))
    .replace(BOARD_RE, (_m, w: string) => `Ban ${w[0]!.toUpperCase()}${w.slice(1).toLowerCase()}`)
    .replace(/(?<!\p{L})(Ủy ban|Hội đồng) Nhân dân(?!\p{L})/gu, '$1 nhân dân')
    .replace(/(?<!\p{L})(tỉnh|thành|huyện|quận|thị|đảng) ủy(?!\p{L})/giu, (_m, w: string) => `${w[0]!.toUpperCase()}${w.slice(1).toLowerCase()} ủy`)
    .replace(/(?<!\p{L})Ban trưởng(?!\p{L})/gu, 'Trưởng ban')
    .replace(/\s+([,)])/g, '$1'),
);

const COMMITTEE_RE = /(?:Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy)(?:\s+(?:xã|phường|thị trấn|khối|các|cơ quan|doanh nghiệp)?\s*[\p{Lu}][\p{L}]*(?:\s+[\p{Lu}][\p{L}]*)*)?/u;
const ENDS_WITH_BOARD_RE = new RegExp(`(?:Ban (?:Thường vụ|Chấp hành|Dân vận|Tuyên giáo|Tổ chức|Kiểm tra|Nội chính|Kinh tế|Đối ngoại)|Ủy ban Kiểm tra)$`, 'u');
const BARE_BODY_RE = /(?:Đảng ủy|Ủy ban nhân dân|Hội đồng nhân dân|Mặt trận Tổ quốc|Ủy ban Mặt trận Tổ quốc)$/iu;
const UNIT_NAME_RE = /(?:xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh)\s+\p{Lu}[\p{L}]*(?:\s+\p{Lu}[\p{L}]*){0,3}$/u;

/** A position's term, written at its end: 'khóa XVIII, nhiệm kỳ 2016-2021', 'nhiệm kỳ 2020 - 2025', 'khoá 19'. */
const TERM_RE = /(,?\s*)((?:khóa|khoá)\s+(?:[IVXLC]+|\d+)(?:\s*,?\s*nhiệm kỳ\s+\d{1,4}(?:\s*[-–]\s*\d{0,4})?)?|nhiệm kỳ\s+\d{1,4}(?:\s*[-–]\s*\d{0,4})?)\s*$/u;

/** 'Chủ tịch HĐND tỉnh X khóa XVIII, nhiệm kỳ 2016-2021' → core 'Chủ tịch HĐND tỉnh X', term 'khóa XVIII, nhiệm kỳ 2016-2021'. */
export function splitTerm(t: string): { core: string; sep: string; term: string | null } {
  if (!t.includes('khóa') && !t.includes('khoá') && !t.includes('nhiệm kỳ')) return { core: t, sep: '', term: null };
  const m = TERM_RE.exec(t);
  if (!m || m.index === 0) return { core: t, sep: '', term: null };
  return { core: t.slice(0, m.index).trimEnd(), sep: m[1]!.includes(',') ? ', ' : ' ', term: m[2]! };
}

const UNIT_WORDS = '(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)';
// 'Chủ tịch tỉnh' is said for the chair of the province's people's committee.
const COLLOQUIAL_CHAIR_RE = new RegExp(`^((?:(?:quyền|nguyên)\\s+)?(?:Phó\\s+)?[Cc]hủ tịch)\\s+(?=${UNIT_WORDS}(?!\\p{L}))`, 'iu');
// 'UBND Bắc Giang' (no unit word) is the province's.
const BODY_THEN_PLACE_RE = /(?<!\p{L})(Ủy ban nhân dân|Hội đồng nhân dân|Ủy ban Mặt trận Tổ quốc(?: Việt Nam)?)\s+(\p{Lu}\p{L}*(?:\s+\p{Lu}\p{L}*){0,3})$/u;

function canonicalWording(t: string): string {
  t = t.replace(COLLOQUIAL_CHAIR_RE, '$1 Ủy ban nhân dân ');
  const bp = BODY_THEN_PLACE_RE.exec(t);
  if (bp && provinceNamed(bp[2]!) && !cityNamed(bp[2]!)) {
    const p = provinceNamed(bp[2]!)!;
    t = `${t.slice(0, bp.index)}${bp[1]} ${CENTRAL_CITIES_AFTER.includes(p) ? 'thành phố' : 'tỉnh'} ${bp[2]}`;
  }
  return t;
}

/** One completed position and the index of the raw position it comes from ('A kiêm B' gives two). */
export interface CompletedPosition {
  text: string;
  from: number;
}

const completed = new Map<string, CompletedPosition[]>();
const BOARD_OF_UNIT_RE = new RegExp(`(Ban ${BOARD_WORDS}) (tỉnh|thành phố|huyện)$`, 'iu');

/**
 * Completes each position of one mention's list (they elide shared parts: 'Ủy viên BTV, Trưởng Ban
 * Dân vận Tỉnh ủy'). Memoized: the same lists recur (one person mentioned again, the same titles across reports).
 */
export function completePositionList(raw: string[], ctx: ReportContext): readonly CompletedPosition[] {
  const key = `${raw.join('\u0001')}\u0002${ctx.province}\u0002${ctx.home?.kind}\u0002${ctx.home?.name}\u0002${ctx.homeCommittee}`;
  let v = completed.get(key);
  if (!v) {
    if (completed.size > 20000) completed.clear();
    v = completePositionsUncached(raw, ctx);
    completed.set(key, v);
  }
  // Shared with later calls: callers read it and build their own objects.
  return v;
}

export function completePositions(raw: string[], ctx: ReportContext): string[] {
  return completePositionList(raw, ctx).map((p) => p.text);
}

function completePositionsUncached(raw: string[], ctx: ReportContext): CompletedPosition[] {
  // 'Phó Chủ tịch UBND tỉnh kiêm Giám đốc Sở Tài chính' holds two posts; a term at the end is set aside while the body is completed.
  const pieces = raw.flatMap((r, from) =>
    tidyBody(r)
      .split(/\s+kiêm\s+/u)
      .filter(Boolean)
      .map((t) => ({ from, ...splitTerm(canonicalWording(t)) })),
  );
  const cores = pieces.map((p) => p.core);
  const out = cores.map((t, i) => {
    const later = cores.slice(i + 1);
    // 'Ban Dân vận tỉnh' = the province's party board.
    t = t.replace(BOARD_OF_UNIT_RE, (_m, b: string, u: string) =>
      `${b} ${u === 'tỉnh' ? 'Tỉnh ủy' : u === 'huyện' ? 'Huyện ủy' : 'Thành ủy'}`,
    );
    if (ENDS_WITH_BOARD_RE.test(t)) {
      const from = later.map((l) => COMMITTEE_RE.exec(l)?.[0]).find(Boolean) ?? ctx.homeCommittee;
      if (from) t = `${t} ${from}`;
    }
    if (BARE_BODY_RE.test(t)) {
      const unit = later.map((l) => UNIT_NAME_RE.exec(l)?.[0]).find(Boolean);
      if (unit) t = `${t} ${unit}`;
    }
    return t;
  });
  // A deputy's title without its body, beside the same person's post of that body ('Phó chủ tịch thường trực, quyền Chủ tịch UBND tỉnh').
  for (let i = 0; i < out.length; i++) {
    const dep = /^Phó\s+(.+?)(?:\s+thường trực)?$/iu.exec(out[i]!);
    if (!dep || splitTitle(out[i]!).body) continue;
    const chief = fold(dep[1]!);
    const other = out.find((o, j) => j !== i && splitTitle(o).body && fold(splitTitle(o.replace(/^(?:quyền|nguyên)\s+/iu, '')).title) === chief);
    if (other) out[i] = `${out[i]} ${splitTitle(other).body}`;
  }
  return out.map((t, i) => {
    const p = pieces[i]!;
    const core = completeWithPlace(t, ctx);
    return { from: p.from, text: p.term ? `${core}${p.sep}${p.term}` : core };
  });
}

/**
 * Organizers listed together share the place written once at the end ('Huyện ủy, HĐND, UBND,
 * UBMTTQ huyện Tam Dương'), then take the report's own province or city.
 */
export function completeOrganizers(names: string[], ctx: ReportContext): string[] {
  return names.map((n, i) => {
    let t = n;
    if (/(?:Đảng ủy|Ủy ban nhân dân|Hội đồng nhân dân|Mặt trận Tổ quốc(?: Việt Nam)?|Ủy ban Mặt trận Tổ quốc(?: Việt Nam)?|Huyện ủy|Thành ủy|Tỉnh ủy|Quận ủy|Thị ủy)$/u.test(t)) {
      const unit = names.slice(i + 1).map((l) => UNIT_NAME_RE.exec(l)?.[0]).find(Boolean);
      if (unit) t = /ủy$/u.test(t) ? `${t} ${unit.replace(/^\S+(?:\s+(?:phố|xã|trấn))?\s+/u, '')}` : `${t} ${unit}`;
    }
    return completeWithPlace(t, ctx);
  });
}

const HOME_END_RE = new Map<HomeKind, RegExp>();
const homeEndRe = (kind: HomeKind) => {
  let re = HOME_END_RE.get(kind);
  if (!re) HOME_END_RE.set(kind, (re = new RegExp(`(?:${COMMITTEE_OF[kind]}|(?<!\\p{L})${kind})$`, 'u')));
  return re;
};

/** 'Tỉnh ủy' / 'UBND tỉnh' at the end of a position → of the report's province; 'Thành ủy' / 'thành phố' → of its city. */
export function completeWithPlace(t: string, ctx: ReportContext): string {
  // A centrally-run city has a 'Thành ủy', not a 'Tỉnh ủy': it is completed as the home city instead.
  if (ctx.province && !CENTRAL_CITIES_AFTER.includes(ctx.province) && /(?:Tỉnh ủy|(?<!\p{L})tỉnh)$/u.test(t)) return `${t} ${ctx.province}`;
  const home = ctx.home;
  if (!home) return t;
  if (homeEndRe(home.kind).test(t)) return `${t} ${home.name}`;
  // A commune's party committee is written 'Đảng ủy' alone.
  if (['xã', 'phường', 'thị trấn'].includes(home.kind) && /Đảng ủy$/u.test(t)) return `${t} ${home.kind} ${home.name}`;
  return t;
}

// Where the body starts in a complete position: the first committee or body word after the title.
const BODY_START_RE =
  /(?<!\p{L})(?:Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy|Đảng bộ|Chi bộ|Trung ương|Bộ Chính trị|Ủy ban|Hội đồng|Mặt trận|Quốc hội|Chính phủ|Sở|Bộ|Cục|Tổng cục|Văn phòng|Hội|Liên đoàn|Đoàn|Công an|Tòa án|Viện|Ban|Trường|Trung tâm|Báo|Đài|Kho bạc|Ngân hàng|Tập đoàn|Tổng công ty|Công ty|Bộ Chỉ huy|Quân khu|Khối|Thành đoàn|Tỉnh đoàn|Chi cục|Phòng|Thanh tra|Tạp chí|Quân ủy|Quân đội|Quân khu|Bộ Tư lệnh)(?!\p{L})/gu;
// ('Ban Chấp hành …' is the committee itself, not one of its boards.)
const BOARD_THEN_COMMITTEE_RE = /^(?:Ban(?! Chấp hành)|Ủy ban Kiểm tra)\s.*?(?=\s(?:Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy|Trung ương|Hội đồng nhân dân))/u;

/** The locality a body's name ends with: 'Tỉnh ủy Lâm Đồng', 'UBND xã Dân Chủ', 'Thành ủy Hạ Long', 'Trung ương'. */
export function bodyLocality(org: string, ctx: ReportContext): Locality | null {
  const unit = /(?:(xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh|Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy)\s+)(\p{Lu}[\p{L}]*(?:\s+\p{Lu}[\p{L}]*){0,3})$/u.exec(org);
  if (unit) {
    const kind = unit[1]!.toLowerCase();
    const name = unit[2]!;
    if (kind.startsWith('tỉnh') || provinceNamed(name) && !cityNamed(name)) return localityFor(name, 'province');
    if (kind === 'xã' || kind === 'phường' || kind === 'thị trấn')
      return { name: `${kind} ${name}`, level: 'commune', parent: ctx.home?.name ?? ctx.province };
    const loc = localityFor(name, 'district');
    return { ...loc, name: loc.name, parent: loc.parent ?? ctx.province };
  }
  // 'Bộ đội Biên phòng Hà Tĩnh': a province named without 'tỉnh'.
  const tail = /(\p{Lu}\p{L}*(?:\s+\p{Lu}\p{L}*){0,3})$/u.exec(org);
  if (tail) {
    const words = tail[1]!.split(/\s+/);
    for (let k = 0; k < words.length; k++) {
      const p = provinceNamed(words.slice(k).join(' '));
      if (p) return localityFor(p, 'province');
    }
  }
  // Central bodies: the Party's central organs, the Assembly, the Government, ministries and general departments.
  if (/(?:Trung ương|Bộ Chính trị|Quốc hội|Chính phủ|Ban Bí thư|Nhà nước)|^(?:Bộ|Tổng cục)\s+\p{Lu}|(?<!\p{L})Bộ (?!đội|Chỉ huy|Tư lệnh)\p{Lu}/u.test(org) && !/tỉnh|thành phố|huyện|xã|phường/u.test(org))
    return { name: 'Việt Nam', level: 'country', parent: null };
  return null;
}

export function organization(name: string, ctx: ReportContext): Organization {
  const n = tidyBody(name);
  return { name: n, kind: orgKind(n), locality: bodyLocality(n, ctx) };
}


/** A position → its title ('Trưởng Ban Dân vận') and its body ('Tỉnh ủy Lâm Đồng'; '' when none is written). */
export function splitTitle(text: string): { title: string; body: string } {
  BODY_START_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BODY_START_RE.exec(text))) {
    if (m.index === 0) continue;
    const rest = text.slice(m.index);
    // 'Trưởng Ban Dân vận' + 'Tỉnh ủy ...': a party board is part of the title when its committee follows.
    const board = BOARD_THEN_COMMITTEE_RE.exec(rest);
    const orgStart = board ? m.index + board[0].length + 1 : m.index;
    const title = text.slice(0, orgStart).trim();
    const body = text.slice(orgStart).trim();
    if (!title || !body) break;
    return { title, body };
  }
  return { title: text.trim(), body: '' };
}

/** What the report says happens to a post (see appointments.ts), and whether it is a former one. */
export interface PositionMark {
  change: 'start' | 'end' | null;
  event: PostEvent | null;
  acting: boolean;
  status?: 'current' | 'former';
}

/** One name for one body: 'Trung ương Đảng' = 'Ban Chấp hành Trung ương Đảng'; 'Ban Chấp hành Đảng bộ tỉnh X' = 'Tỉnh ủy X'. */
function canonicalBody(body: string, ctx: ReportContext): string {
  if (/^(?:Ban Chấp hành\s+)?Trung ương(?:\s+Đảng)?$/u.test(body)) return 'Ban Chấp hành Trung ương Đảng';
  // A council, a committee or a department named without its place is the report's own ('Sở Tài chính', 'HĐND').
  const place = ctx.home ? `${ctx.home.kind} ${ctx.home.name}` : ctx.province ? `${CENTRAL_CITIES_AFTER.includes(ctx.province) ? 'thành phố' : 'tỉnh'} ${ctx.province}` : null;
  if (place && /^(?:Ủy ban nhân dân|Hội đồng nhân dân|Ủy ban Mặt trận Tổ quốc(?: Việt Nam)?)$/u.test(body)) return `${body} ${place}`;
  if (ctx.province && !ctx.home && /^Sở\s+\p{Lu}/u.test(body) && !bodyLocality(body, ctx)) return `${body} ${place}`;
  const bch = /^Ban Chấp hành Đảng bộ (tỉnh|thành phố|huyện|quận|thị xã)(?:\s+(.+))?$/u.exec(body);
  if (bch) {
    const committee = { tỉnh: 'Tỉnh ủy', 'thành phố': 'Thành ủy', huyện: 'Huyện ủy', quận: 'Quận ủy', 'thị xã': 'Thị ủy' }[bch[1] as 'tỉnh'];
    return bch[2] ? `${committee} ${bch[2]}` : completeWithPlace(committee, ctx);
  }
  return body;
}

/**
 * A complete position → its post: the title ('Trưởng Ban Dân vận') and the body ('Tỉnh ủy Lâm Đồng'),
 * one spelling for one real post ('Chủ tịch Ủy ban nhân dân tỉnh X' whether written UBND, with 'quyền'
 * or 'nguyên' before it, or with its term after it). `text` stays the position as written.
 */
export function toPost(text: string, ctx: ReportContext, mark?: PositionMark | null): Post {
  // The post as written is the same in every sentence and report of a run: computed once per text and place.
  const key = `${text}\u0002${ctx.province}\u0002${ctx.home?.kind}\u0002${ctx.home?.name}\u0002${ctx.homeCommittee}`;
  let base = posts.get(key);
  if (!base) {
    if (posts.size > 20000) posts.clear();
    posts.set(key, (base = basePost(text, ctx)));
  }
  return {
    ...base,
    status: mark?.status === 'former' ? 'former' : base.status,
    acting: base.acting || (mark?.acting ?? false),
    change: mark?.change ?? null,
    event: mark?.event ?? null,
  };
}

const posts = new Map<string, Post>();

/** The post a position names, before any event: 'nguyên' makes it former, 'quyền' acting. */
function basePost(text: string, ctx: ReportContext): Post {
  const { core, term } = splitTerm(text);
  let t = core;
  let status: Post['status'] = 'current';
  let acting = false;
  const pre = /^(nguyên|quyền)\s+/iu.exec(t);
  if (pre) {
    t = t.slice(pre[0].length);
    if (pre[1]!.toLowerCase() === 'nguyên') status = 'former';
    else acting = true;
  }
  t = t[0]!.toUpperCase() + t.slice(1);
  let { title, body } = splitTitle(t);
  // 'Tỉnh ủy viên' is a member of the Tỉnh ủy; 'Thường vụ Tỉnh ủy' a member of its standing board.
  const member = /^(Tỉnh|Thành|Huyện|Quận|Thị|Đảng) ủy viên$/u.exec(title);
  if (member && !body) {
    title = 'Ủy viên';
    body = completeWithPlace(`${member[1]} ủy`, ctx);
  }
  if (/^Thường vụ$/iu.test(title) && /^(?:Tỉnh|Thành|Huyện|Quận|Thị|Đảng) ủy/u.test(body)) title = 'Ủy viên Ban Thường vụ';
  return { text, title, org: body ? organization(canonicalBody(body, ctx), ctx) : null, status, acting, change: null, event: null, term };
}
