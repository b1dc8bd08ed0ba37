import { fold, nameKey, properCase } from './normalize.js';
import type { Role } from './extraction-schema.js';
import { splitTerm, splitTitle, type PositionMark } from './positions.js';

/**
 * One person per distinct individual in a report: spellings of one name (mis-cased 'Mai ANh',
 * 'Ð' for 'Đ', a typo, a truncated 'Vũ Thị Mai' for 'Vũ Thị Mai Anh') merge when their positions
 * agree; two people who only share part of a name stay two.
 */

export interface PersonDraft {
  /** Spellings as written in the source, in order of appearance (with repeats: they vote). */
  spellings: string[];
  positions: string[];
  roles: Set<Role>;
  locality: string | null;
  /** Introduced by 'đồng chí', 'ông', 'bà' ... somewhere. */
  honorific: boolean;
  /** Indexes of the mentions merged here. */
  mentions: number[];
  /** What the report's events do to positions, by folded position. */
  marks?: Map<string, PositionMark>;
  gender?: 'male' | 'female' | null;
}

const sylCache = new Map<string, string[]>();
const syllables = (s: string): string[] => {
  let v = sylCache.get(s);
  if (!v) {
    if (sylCache.size > 20000) sylCache.clear();
    v = nameKey(s).split(' ');
    sylCache.set(s, v);
  }
  return v;
};

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      dp[i]![j] = Math.min(dp[i - 1]![j]! + 1, dp[i]![j - 1]! + 1, dp[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return dp[a.length]![b.length]!;
}

/** Positions agree when one folded position equals, or is a prefix of, the other's. */
function positionsAgree(a: string[], b: string[]): boolean {
  const fa = a.map(fold);
  const fb = b.map(fold);
  return fa.some((x) => fb.some((y) => x === y || x.startsWith(y + ' ') || y.startsWith(x + ' ')));
}

/** Could `short` be the same person as `long` written differently? */
function sameName(short: string, long: string): boolean {
  const s = syllables(short);
  const l = syllables(long);
  if (s[0] !== l[0]) return false; // the surname must agree
  // Truncated: 'Vũ Thị Mai' of 'Vũ Thị Mai Anh' (three syllables at least, so 'Vũ Thị' alone never merges).
  if (s.length >= 3 && s.length < l.length && s.every((x, i) => x === l[i])) return true;
  // A typo in one syllable: 'Nguyễn Văn Hùng' / 'Nguyễn Văn Hừng'.
  if (s.length === l.length && s.length >= 3) {
    const diff = s.map((x, i) => [x, l[i]!] as const).filter(([x, y]) => x !== y);
    return diff.length === 1 && Math.abs(diff[0]![0].length - diff[0]![1].length) <= 1 && editDistance(diff[0]![0], diff[0]![1]) <= 1;
  }
  return false;
}

export function mergePeople(drafts: PersonDraft[]): PersonDraft[] {
  // Same key (case, Ð/Đ, tone placement folded) first.
  const byKey = new Map<string, PersonDraft>();
  for (const d of drafts) {
    const k = nameKey(d.spellings[0]!);
    const have = byKey.get(k);
    if (!have) byKey.set(k, { ...d, spellings: [...d.spellings], positions: [...d.positions], roles: new Set(d.roles), mentions: [...d.mentions], marks: new Map(d.marks ?? []) });
    else absorb(have, d);
  }
  const people = [...byKey.values()];
  if (people.length < 2) return people;
  // Then variants whose positions agree: the shorter or rarer spelling joins the other. Candidates come
  // from two indexes (a longer name starting with these syllables; the same name with one syllable
  // different), so a report naming thousands of people costs near-linear time, not a comparison of every pair.
  const sylOf = new Map(people.map((p) => [p, syllables(p.spellings[0]!)]));
  const byPrefix = new Map<string, PersonDraft[]>();
  const byWild = new Map<string, PersonDraft[]>();
  const add = (m: Map<string, PersonDraft[]>, k: string, p: PersonDraft) => {
    const l = m.get(k);
    if (l) l.push(p);
    else m.set(k, [p]);
  };
  // A report's usual few dozen people: every pair is cheaper than building the indexes.
  const small = people.length <= 64;
  if (!small) {
    for (const p of people) {
      const syl = sylOf.get(p)!;
      for (let n = 3; n < syl.length; n++) add(byPrefix, syl.slice(0, n).join(' '), p);
      if (syl.length >= 3) for (let k = 1; k < syl.length; k++) add(byWild, wild(syl, k), p);
    }
  }
  const alive = new Set(people);
  // Shorter names first, then rarer spellings: each joins a longer or more frequent one, which comes later.
  const order = [...people].sort((a, b) => sylOf.get(a)!.length - sylOf.get(b)!.length || a.spellings.length - b.spellings.length);
  for (const b of order) {
    const bs = sylOf.get(b)!;
    const bn = b.spellings[0]!;
    const cands = small ? people : [...(byPrefix.get(bs.join(' ')) ?? [])];
    if (!small && bs.length >= 3) for (let k = 1; k < bs.length; k++) cands.push(...(byWild.get(wild(bs, k)) ?? []));
    const possible = [...new Set(cands)].filter((a) => a !== b && alive.has(a) && sameName(bn, a.spellings[0]!));
    const longer = possible.filter((a) => {
      const as = sylOf.get(a)!;
      return (as.length > bs.length || (as.length === bs.length && a.spellings.length > b.spellings.length));
    });
    // Without a position to compare, a variant joins only the one person it can be.
    const into = longer.find((a) => positionsAgree(a.positions, b.positions)) ?? (!b.positions.length && possible.length === 1 ? longer[0] : undefined);
    if (into) {
      absorb(into, b);
      alive.delete(b);
    }
  }
  return people.filter((p) => alive.has(p));
}

/** A name with syllable k left out, for finding one-syllable typos. */
const wild = (syl: string[], k: number) => {
  let key = `${k}`;
  for (let i = 0; i < syl.length; i++) if (i !== k) key += ` ${syl[i]}`;
  return key;
};

function absorb(into: PersonDraft, from: PersonDraft) {
  into.spellings.push(...from.spellings);
  into.positions.push(...from.positions);
  from.roles.forEach((r) => into.roles.add(r));
  into.locality ??= from.locality;
  into.honorific ||= from.honorific;
  into.mentions.push(...from.mentions);
  into.gender ??= from.gender;
  into.marks ??= new Map();
  for (const [k, m] of from.marks ?? []) mergeMark(into.marks, k, m);
}

/** An event on a position wins over a plain sighting; the first event wins over a later one. */
export function mergeMark(marks: Map<string, PositionMark>, key: string, m: PositionMark): void {
  const have = marks.get(key);
  if (!have || (!have.change && m.change)) marks.set(key, { ...m, status: have?.status === 'former' ? 'former' : m.status });
  else if (m.status === 'former' && !have.change) have.status = 'former';
}

/** The name to show: the longest spelling, written most often among the longest, properly cased. */
export function canonicalName(spellings: string[]): string {
  const maxLen = Math.max(...spellings.map((s) => syllables(s).length));
  const counts = new Map<string, number>();
  for (const s of spellings) if (syllables(s).length === maxLen) counts.set(properCase(s), (counts.get(properCase(s)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

/** Other spellings as written in the source (Ð, mis-casing, truncation), without repeats. */
export function aliasesOf(canonical: string, spellings: string[]): string[] {
  const seen = new Set<string>([canonical]);
  const out: string[] = [];
  for (const s of spellings) if (!seen.has(s)) (seen.add(s), out.push(s));
  return out;
}

const seats = new Map<string, { title: string; body: string; term: string | null }>();
/** A position's folded title, body and term (memoized: the same positions recur). */
function seatOf(p: string) {
  let v = seats.get(p);
  if (!v) {
    if (seats.size > 20000) seats.clear();
    const { core, term } = splitTerm(p);
    const { title, body } = splitTitle(core);
    seats.set(p, (v = { title: fold(title), body: fold(body), term: term ? fold(term) : null }));
  }
  return v;
}

/**
 * Positions without repeats; a position that only begins another one ('Trưởng Ban Dân vận' of
 * '... Tỉnh ủy', 'Chủ tịch UBND tỉnh X' of '… nhiệm kỳ 2021-2026') gives way, and hands its event, if
 * any, to the longer one.
 */
export function dedupePositions(list: string[], marks?: Map<string, PositionMark>): string[] {
  const uniq: string[] = [];
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const p of list) {
    const k = fold(p);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    uniq.push(p);
    keys.push(k);
  }
  if (uniq.length < 2) return uniq;
  // 'Phó Chủ tịch UBND tỉnh X' beside 'Phó Chủ tịch Thường trực UBND tỉnh X': one seat, named fully once.
  const seat = uniq.map(seatOf);
  const fuller = (i: number) =>
    seat.findIndex((o, j) => j !== i && o.body === seat[i]!.body && o.body !== '' && o.term === seat[i]!.term && o.title === `${seat[i]!.title} thuong truc`);
  return uniq.filter((_, i) => {
    let longer = keys.findIndex((o, j) => j !== i && o.startsWith(keys[i]! + ' '));
    if (longer < 0) longer = fuller(i);
    if (longer < 0) return true;
    const m = marks?.get(keys[i]!);
    if (m && marks) mergeMark(marks, keys[longer]!, m);
    return false;
  });
}

/** The position of `list` that `pos` gives way to in dedupePositions (itself when it is in the list), or null. */
export function absorbedBy(pos: string, list: string[]): string | null {
  const f = fold(pos);
  const same = list.find((q) => fold(q) === f);
  if (same) return same;
  const longer = list.find((q) => fold(q).startsWith(f + ' '));
  if (longer) return longer;
  const s = seatOf(pos);
  return list.find((q) => {
    const o = seatOf(q);
    return o.body === s.body && o.body !== '' && o.term === s.term && o.title === `${s.title} thuong truc`;
  }) ?? null;
}
