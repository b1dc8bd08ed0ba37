import { isExecutive, ladderRank } from './post-kinds.js';
import { stableId } from './ids.js';
import type { MentionRecord } from './mention-record.js';

/**
 * Person resolution (nomenklatura's shape): mentions of one folded name (a block) become people.
 * Candidate pairs come from an index of what mentions share (a post, a place, a co-official), so
 * the cost stays near-linear in the number of mentions; each pair is scored from evidence that
 * generalizes (the same post, the same province — the 2025 merger folded in —, shared
 * co-officials, a step up the same ladder) and vetoed by evidence that two people are meant
 * (different genders; different executive posts in different places at the same time; a sighting
 * elsewhere between two sightings in one place). Clusters merge greedily, best pair first, while
 * the score reaches the threshold. Analysts' judgements win: 'same' pairs start in one cluster,
 * 'different' pairs never end in one. Pure and deterministic: the same set of mentions gives the
 * same people whatever the order they arrived in.
 */

/** A score at or above this joins two clusters. */
export const MERGE_THRESHOLD = 3;
/** In the first pass, a mention is compared with this many neighbours in time per shared key. */
const NEIGHBOURS = 24;

export interface ResolveOptions {
  /** The place keys of a canonical province name on a date (graph/gazetteer.ts provinceGroup: the 2025 merger folded in). */
  placeGroup: (province: string, date: string | null) => string[];
  /** Mention-id pairs an analyst judged the same person. */
  same?: ReadonlyArray<readonly [string, string]>;
  /** Mention-id pairs an analyst judged different people. */
  different?: ReadonlyArray<readonly [string, string]>;
  /** Filled with the number of cluster pairs scored (the cost the candidate index keeps down). */
  stats?: { pairsScored: number };
}

/** Why two clusters were joined: the score and the evidence, as stored on the joining mention. */
export interface Link {
  /** The mention of the other cluster the evidence was compared against (its first member). */
  to: string;
  score: number;
  reasons: string[];
}

export interface ResolvedPerson {
  id: string;
  /** The block (folded name) the person is named after. */
  nameKey: string;
  /** Mention ids, sorted. */
  members: string[];
  /** For each member that joined an existing cluster, why (the first member has none). */
  links: Map<string, Link>;
}

/** The evidence of one pair: a score, or a veto with its reason. */
export interface PairEvidence {
  score: number;
  reasons: string[];
  veto: string | null;
}

// ---- features ---------------------------------------------------------------------------------

const DAY = 86_400_000;
/** Two sightings this close are "at the same time" (days). */
const SAME_TIME = 120;
/** A sighting elsewhere between two sightings in one place this far apart at most splits them (days). */
const INTERLEAVE_SPAN = 6 * 365;

interface Sighting {
  mention: string;
  day: number | null;
  /** Place groups of the current executive posts ('national' for national bodies). */
  places: Set<string>;
  /** Current executive post ids. */
  posts: Set<string>;
  /** A post that this report starts / ends. */
  starts: boolean;
  ends: boolean;
}

interface Cluster {
  id: string; // its first member (smallest mention id)
  members: string[];
  version: number;
  posts: Map<string, string>; // position id → 'title, body'
  orgs: Set<string>;
  places: Set<string>; // groups from posts
  reportPlaces: Set<string>; // groups of report provinces
  co: Set<string>;
  genders: Set<string>;
  sightings: Sighting[]; // by day
  /** Per place: the days of the dated sightings with an executive post there, sorted. */
  placeDays: Map<string, number[]>;
  /** Highest ladder rung reached per body, with the day it was first seen. */
  rungs: Map<string, { rank: number; day: number }[]>;
  articles: Set<string>;
}

function dayOf(iso: string | null): number | null {
  if (!iso) return null;
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(t) ? Math.floor(t / DAY) : null;
}

function clusterOf(m: MentionRecord, placeGroup: (p: string, date: string | null) => string[]): Cluster {
  const d = m.data;
  const day = dayOf(d.date);
  const c: Cluster = {
    id: m.id,
    members: [m.id],
    version: 0,
    posts: new Map(),
    orgs: new Set(),
    places: new Set(),
    reportPlaces: new Set(),
    co: new Set(d.co),
    genders: new Set(d.gender ? [d.gender] : []),
    sightings: [],
    placeDays: new Map(),
    rungs: new Map(),
    articles: new Set([d.article]),
  };
  if (d.province) for (const k of placeGroup(d.province, d.date)) c.reportPlaces.add(k);
  const s: Sighting = { mention: m.id, day, places: new Set(), posts: new Set(), starts: false, ends: false };
  for (const p of d.posts) {
    c.posts.set(p.pos, [p.title, p.body].filter(Boolean).join(' '));
    if (p.org) c.orgs.add(p.org);
    const places = p.level === 'national' ? ['national'] : p.province ? placeGroup(p.province, d.date) : [];
    for (const k of places) c.places.add(k);
    if (p.change === 'start') s.starts = true;
    if (p.change === 'end') s.ends = true;
    if (p.status === 'current' && isExecutive(p.title)) {
      s.posts.add(p.pos);
      for (const k of places) s.places.add(k);
    }
    const rank = ladderRank(p.title);
    if (p.org && rank > 0 && day !== null && p.status === 'current') {
      const list = c.rungs.get(p.org) ?? [];
      list.push({ rank, day });
      c.rungs.set(p.org, list);
    }
  }
  c.sightings.push(s);
  if (day !== null) for (const k of s.places) c.placeDays.set(k, [day]);
  return c;
}

const byDay = (a: Sighting, b: Sighting): number => (a.day ?? -1) - (b.day ?? -1) || (a.mention < b.mention ? -1 : 1);

/** Two sorted lists merged. */
function mergeSorted(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!);
  return out;
}

/** Index of the first element of a sorted list that is > x (or >= x when `inclusive`). */
function upper(xs: number[], x: number, inclusive = false): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (inclusive ? xs[mid]! < x : xs[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Two sorted lists of distinct ids merged: linear, where pushing and sorting again made a large block's merges quadratic. */
function mergeIds(a: string[], b: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i]! < b[j]!) ? a[i++]! : b[j++]!);
  return out;
}

function absorb(into: Cluster, from: Cluster): void {
  into.members = mergeIds(into.members, from.members);
  for (const [k, v] of from.posts) if (!into.posts.has(k)) into.posts.set(k, v);
  for (const x of from.orgs) into.orgs.add(x);
  for (const x of from.places) into.places.add(x);
  for (const x of from.reportPlaces) into.reportPlaces.add(x);
  for (const x of from.co) into.co.add(x);
  for (const x of from.genders) into.genders.add(x);
  for (const x of from.articles) into.articles.add(x);
  into.sightings = mergeSortedSightings(into.sightings, from.sightings);
  for (const [k, days] of from.placeDays) into.placeDays.set(k, mergeSorted(into.placeDays.get(k) ?? [], days));
  for (const [org, list] of from.rungs) {
    // A cluster's lists are its own (made by clusterOf or copied here): appended in place, not copied at every merge.
    const have = into.rungs.get(org);
    if (have) for (const x of list) have.push(x);
    else into.rungs.set(org, [...list]);
  }
  into.version++;
}

function mergeSortedSightings(a: Sighting[], b: Sighting[]): Sighting[] {
  const out: Sighting[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && byDay(a[i]!, b[j]!) <= 0) ? a[i++]! : b[j++]!);
  return out;
}

// ---- the pair score ---------------------------------------------------------------------------

function intersect<T>(a: Set<T> | Map<T, unknown>, b: Set<T> | Map<T, unknown>): T[] {
  const out: T[] = [];
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  for (const k of small.keys()) if (big.has(k)) out.push(k);
  return out;
}

/** Whether two sets share a key: intersect's question when only the answer counts, without its list (vetoes ask it of every pair). */
function overlaps<T>(a: Set<T> | Map<T, unknown>, b: Set<T> | Map<T, unknown>): boolean {
  const small = a.size <= b.size ? a : b;
  const big = small === a ? b : a;
  for (const k of small.keys()) if (big.has(k)) return true;
  return false;
}

/** Two sightings that cannot be one person: executive posts in different places at the same time. */
function clash(x: Sighting, y: Sighting): boolean {
  if (x.day === null || y.day === null || x.places.size === 0 || y.places.size === 0) return false;
  if (Math.abs(x.day - y.day) > SAME_TIME) return false;
  if (overlaps(x.posts, y.posts) || overlaps(x.places, y.places)) return false;
  // A move: the later report starts a post, or the earlier one ends one.
  const [early, late] = x.day <= y.day ? [x, y] : [y, x];
  return !(late.starts || early.ends);
}

/**
 * The sort keys of a cluster's sightings (their order: byDay), and their days for the time window
 * (null as -Infinity), kept per sightings list: a merge makes a new list. Without them every veto
 * against a large cluster rebuilt them, and large blocks cost the square of their mentions.
 */
const sightingKeys = new WeakMap<Sighting[], { order: number[]; days: number[] }>();
function keysOfSightings(list: Sighting[]): { order: number[]; days: number[] } {
  let k = sightingKeys.get(list);
  if (!k) sightingKeys.set(list, (k = { order: list.map((s) => s.day ?? -1), days: list.map((s) => s.day ?? Number.NEGATIVE_INFINITY) }));
  return k;
}

/** A sighting of `b` elsewhere, between two sightings of `a` in one place: `a`'s career did not leave. */
function interleaved(a: Cluster, b: Cluster): string | null {
  // Only a place `a` was seen in twice can be left and come back to; only a sighting strictly
  // between its first and last day there can fall between two of them.
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const days of a.placeDays.values()) {
    if (days.length < 2) continue;
    lo = Math.min(lo, days[0]!);
    hi = Math.max(hi, days[days.length - 1]!);
  }
  if (lo >= hi) return null;
  const order = keysOfSightings(b.sightings).order;
  for (let k = upper(order, lo); k < b.sightings.length && order[k]! < hi; k++) {
    const y = b.sightings[k]!;
    if (y.day === null || y.places.size === 0) continue;
    for (const [home, days] of a.placeDays) {
      if (y.places.has(home) || days.length < 2) continue;
      const i = upper(days, y.day, true); // first day >= y.day
      const before = days[i - 1];
      let j = i;
      while (j < days.length && days[j] === y.day) j++;
      const after = days[j];
      if (before !== undefined && after !== undefined && after - before <= INTERLEAVE_SPAN) return `seen in ${[...y.places].join(', ')} between two sightings in ${home}`;
    }
  }
  return null;
}

/** A pair of sightings, one of each cluster, that cannot be one person (compared within the time window only). */
function clashing(a: Cluster, b: Cluster): [Sighting, Sighting] | null {
  const [small, big] = a.sightings.length <= b.sightings.length ? [a, b] : [b, a];
  const days = keysOfSightings(big.sightings).days;
  for (const x of small.sightings) {
    if (x.day === null || x.places.size === 0) continue;
    for (let k = upper(days, x.day - SAME_TIME, true); k < days.length && days[k]! <= x.day + SAME_TIME; k++) {
      if (clash(x, big.sightings[k]!)) return small === a ? [x, big.sightings[k]!] : [big.sightings[k]!, x];
    }
  }
  return null;
}

/** Why two clusters cannot be one person, or null. */
function vetoOf(a: Cluster, b: Cluster): string | null {
  if (overlaps(a.articles, b.articles)) return 'named apart in one report';
  if (a.genders.size && b.genders.size && !overlaps(a.genders, b.genders)) return 'different genders';
  const c = clashing(a, b);
  if (c) return `different posts in ${[...c[0].places].join(', ')} and ${[...c[1].places].join(', ')} at the same time`;
  return interleaved(a, b) ?? interleaved(b, a);
}

export function pairEvidence(a: Cluster, b: Cluster): PairEvidence {
  return evidenceOf(a, b, true);
}

const NO_REASONS: string[] = [];

/**
 * The pair's evidence, its reasons written only when `explain` asks: resolution scores far more
 * pairs than it joins, and writing every pair's reasons was a fifth of a large block's time. It
 * asks for a pair's reasons when it joins it, of the clusters as they were scored.
 */
function evidenceOf(a: Cluster, b: Cluster, explain: boolean): PairEvidence {
  const veto = vetoOf(a, b);
  if (veto) return { score: 0, reasons: [], veto };

  let score = 0;
  const posts = intersect(a.posts, b.posts);
  let sameBody = false;
  if (posts.length > 0) score += 5 + Math.min(2, posts.length - 1);
  else if (overlaps(a.orgs, b.orgs)) {
    score += 1;
    sameBody = true;
  }
  const places = intersect(a.places, b.places);
  const anyPlace = places.length > 0 ? places : intersect(new Set([...a.places, ...a.reportPlaces]), new Set([...b.places, ...b.reportPlaces]));
  const shared = anyPlace.filter((p) => p !== 'national');
  const national = shared.length === 0 && anyPlace.includes('national');
  if (shared.length > 0) score += 3;
  else if (national) score += 1;
  const co = intersect(a.co, b.co);
  if (co.length > 0) score += Math.min(3, co.length);
  const ladder = ladderStep(a, b) || ladderStep(b, a);
  if (ladder) score += 1;
  if (!explain) return { score, reasons: NO_REASONS, veto: null };

  const reasons: string[] = [];
  if (posts.length > 0) reasons.push(`same post: ${posts.slice(0, 3).map((p) => a.posts.get(p)).join('; ')}`);
  else if (sameBody) reasons.push('same body');
  if (shared.length > 0) reasons.push(`same province: ${shared.join(', ')}`);
  else if (national) reasons.push('both in national bodies');
  if (co.length > 0) reasons.push(`${co.length} co-official${co.length > 1 ? 's' : ''} in common`);
  if (ladder) reasons.push('a step up the same ladder');
  return { score, reasons, veto: null };
}

/** `b` later holds a higher rung of a body `a` held a lower rung of. */
function ladderStep(a: Cluster, b: Cluster): boolean {
  for (const org of intersect(a.rungs, b.rungs)) {
    for (const x of a.rungs.get(org)!) for (const y of b.rungs.get(org)!) if (y.day > x.day && y.rank > x.rank) return true;
  }
  return false;
}

// ---- clustering -------------------------------------------------------------------------------

class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p !== x) {
      p = this.find(p);
      this.parent.set(x, p);
    }
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}

interface Candidate {
  score: number;
  a: string;
  b: string;
  va: number;
  vb: number;
}

/** Max-heap by score, then by the pair's ids (deterministic ties). */
class Heap {
  private xs: Candidate[] = [];
  get size(): number {
    return this.xs.length;
  }
  private better(i: number, j: number): boolean {
    const x = this.xs[i]!;
    const y = this.xs[j]!;
    return x.score !== y.score ? x.score > y.score : x.a !== y.a ? x.a < y.a : x.b < y.b;
  }
  push(c: Candidate): void {
    this.xs.push(c);
    for (let i = this.xs.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (!this.better(i, p)) break;
      [this.xs[i], this.xs[p]] = [this.xs[p]!, this.xs[i]!];
      i = p;
    }
  }
  pop(): Candidate | undefined {
    const top = this.xs[0];
    const last = this.xs.pop();
    if (this.xs.length > 0 && last) {
      this.xs[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.xs.length && this.better(l, m)) m = l;
        if (r < this.xs.length && this.better(r, m)) m = r;
        if (m === i) break;
        [this.xs[i], this.xs[m]] = [this.xs[m]!, this.xs[i]!];
        i = m;
      }
    }
    return top;
  }
}

/** Index keys of a cluster: only clusters that share one are compared. */
function keysOf(c: Cluster): string[] {
  return [...[...c.posts.keys()].map((k) => `p:${k}`), ...[...c.places, ...c.reportPlaces].map((k) => `l:${k}`), ...[...c.co].map((k) => `c:${k}`)];
}

/** Clusters the mentions of one block (or of blocks an analyst joined). Mentions are deduplicated by id. */
export function resolveMentions(input: MentionRecord[], opts: ResolveOptions): ResolvedPerson[] {
  const mentions = [...new Map(input.map((m) => [m.id, m])).values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (mentions.length === 0) return [];
  const byId = new Map(mentions.map((m) => [m.id, m]));
  const links = new Map<string, Link>();

  // Analysts' 'same' judgements first: those mentions start as one cluster.
  const uf = new UnionFind();
  for (const [a, b] of opts.same ?? []) if (byId.has(a) && byId.has(b)) uf.union(a, b);
  const clusters = new Map<string, Cluster>();
  for (const m of mentions) {
    const root = uf.find(m.id);
    const c = clusterOf(m, opts.placeGroup);
    const have = clusters.get(root);
    if (!have) clusters.set(root, { ...c, id: root });
    else {
      absorb(have, c);
      links.set(m.id, { to: root, score: Infinity, reasons: ['judged the same by an analyst'] });
    }
  }
  const apart = new Map<string, Set<string>>();
  for (const [a, b] of opts.different ?? []) {
    if (!byId.has(a) || !byId.has(b)) continue;
    (apart.get(a) ?? apart.set(a, new Set()).get(a)!).add(b);
    (apart.get(b) ?? apart.set(b, new Set()).get(b)!).add(a);
  }
  const keptApart = (x: Cluster, y: Cluster): boolean => {
    if (apart.size === 0) return false;
    const [small, big] = x.members.length <= y.members.length ? [x, y] : [y, x];
    const inBig = new Set(big.members);
    return small.members.some((m) => [...(apart.get(m) ?? [])].some((o) => inBig.has(o)));
  };

  // Phase 1: pairs of the first clusters, each with its nearest neighbours in time in every index
  // bucket, strongest first; a pair joins its two clusters unless a veto (checked on the clusters
  // as they are then) forbids it. Cheap, and it does most of the joining.
  {
    // Clusters by their place in id order: a pair is two numbers, its key one (a string key per
    // pair looked up was most of this phase's time on large blocks), and ties sort as the ids do.
    const all = [...clusters.values()].sort((x, y) => (x.id < y.id ? -1 : 1));
    const n = all.length;
    const firstDay = all.map((c) => c.sightings[0]?.day ?? Number.NEGATIVE_INFINITY);
    const buckets = new Map<string, number[]>();
    for (let i = 0; i < n; i++) for (const k of keysOf(all[i]!)) (buckets.get(k) ?? buckets.set(k, []).get(k)!).push(i);
    const scored = new Set<number>();
    // Few candidates join two clusters (most find theirs joined already): their reasons are
    // written when they do, from the clusters as they were scored (built again from their members).
    const candidates: { score: number; ia: number; ib: number }[] = [];
    const startMembers = all.map((c) => c.members);
    const asScored = (i: number): Cluster => clusterOfMentions(startMembers[i]!.map((m) => byId.get(m)!), opts.placeGroup);
    for (const list of buckets.values()) {
      list.sort((x, y) => firstDay[x]! - firstDay[y]! || x - y);
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < Math.min(list.length, i + 1 + NEIGHBOURS); j++) {
          const ia = Math.min(list[i]!, list[j]!);
          const ib = Math.max(list[i]!, list[j]!);
          const key = ia * n + ib;
          if (scored.has(key)) continue;
          scored.add(key);
          if (opts.stats) opts.stats.pairsScored++;
          const x = all[ia]!;
          const y = all[ib]!;
          const ev = evidenceOf(x, y, false);
          if (!ev.veto && ev.score >= MERGE_THRESHOLD) candidates.push({ score: ev.score, ia, ib });
        }
      }
    }
    candidates.sort((x, y) => y.score - x.score || x.ia - y.ia || x.ib - y.ib);
    // Which cluster each first one is now in: the one of the smallest index (id) joined with it.
    const owner = new Int32Array(n).map((_, i) => i);
    const root = (i: number): number => {
      while (owner[i] !== i) i = owner[i] = owner[owner[i]!]!;
      return i;
    };
    for (const cand of candidates) {
      const ra = root(cand.ia);
      const rb = root(cand.ib);
      const a = all[ra]!;
      const b = all[rb]!;
      if (ra === rb || keptApart(a, b) || vetoOf(a, b)) continue;
      const [into, from] = ra < rb ? [a, b] : [b, a];
      const reasons = evidenceOf(asScored(cand.ia), asScored(cand.ib), true).reasons;
      absorb(into, from);
      clusters.delete(from.id);
      owner[Math.max(ra, rb)] = Math.min(ra, rb);
      links.set(from.id, { to: into.id, score: cand.score, reasons });
    }
  }

  // Phase 2: the clusters, compared as wholes (their evidence adds up), best pair first.
  const index = new Map<string, Set<string>>();
  const indexCluster = (c: Cluster): void => {
    for (const k of keysOf(c)) (index.get(k) ?? index.set(k, new Set()).get(k)!).add(c.id);
  };
  for (const c of clusters.values()) indexCluster(c);
  const heap = new Heap();
  const consider = (x: Cluster, y: Cluster): void => {
    if (x.id === y.id || keptApart(x, y)) return;
    if (opts.stats) opts.stats.pairsScored++;
    const ev = evidenceOf(x, y, false);
    if (ev.veto || ev.score < MERGE_THRESHOLD) return;
    const [a, b] = x.id < y.id ? [x, y] : [y, x];
    // Its reasons are written if it is taken: its clusters then are as scored (their versions say so).
    heap.push({ score: ev.score, a: a.id, b: b.id, va: a.version, vb: b.version });
  };
  const partners = (c: Cluster): Cluster[] => {
    const ids = new Set<string>();
    for (const k of keysOf(c)) for (const id of index.get(k) ?? []) if (id !== c.id) ids.add(id);
    return [...ids].sort().map((id) => clusters.get(id)!).filter(Boolean);
  };
  for (const c of [...clusters.values()].sort((x, y) => (x.id < y.id ? -1 : 1))) for (const o of partners(c)) if (o.id > c.id) consider(c, o);

  while (heap.size > 0) {
    const best = heap.pop()!;
    const a = clusters.get(best.a);
    const b = clusters.get(best.b);
    if (!a || !b || a.version !== best.va || b.version !== best.vb) continue;
    const reasons = evidenceOf(a, b, true).reasons;
    absorb(a, b);
    clusters.delete(b.id);
    links.set(b.id, { to: a.id, score: best.score, reasons });
    for (const k of keysOf(b)) index.get(k)?.delete(b.id);
    indexCluster(a);
    for (const o of partners(a)) consider(a, o);
  }

  // Ids: the largest cluster of a name is the name's person; the others are told apart by their first mention.
  const blockOf = (c: Cluster): string => {
    const counts = new Map<string, number>();
    for (const m of c.members) counts.set(byId.get(m)!.nameKey, (counts.get(byId.get(m)!.nameKey) ?? 0) + 1);
    return [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]![0];
  };
  const ordered = [...clusters.values()].sort((x, y) => y.members.length - x.members.length || (x.id < y.id ? -1 : 1));
  const usedBase = new Set<string>();
  return ordered.map((c) => {
    const nameKey = blockOf(c);
    const base = !usedBase.has(nameKey);
    usedBase.add(nameKey);
    const memberLinks = new Map<string, Link>();
    for (const m of c.members) {
      const l = links.get(m);
      if (l) memberLinks.set(m, l);
    }
    return { id: base ? personIdOf(nameKey) : personIdOf(nameKey, c.id), nameKey, members: c.members, links: memberLinks };
  });
}

/** A person's id: its name, and for a namesake its first mention too. */
export function personIdOf(nameKey: string, firstMention?: string): string {
  return firstMention ? stableId('Person', nameKey, firstMention) : stableId('Person', nameKey);
}

/** Evidence between two sets of mentions, as resolution would weigh it (for `why-same`). */
export function explainPair(a: MentionRecord[], b: MentionRecord[], placeGroup: (p: string, date: string | null) => string[]): PairEvidence {
  const build = (ms: MentionRecord[]): Cluster => clusterOfMentions([...ms].sort((x, y) => (x.id < y.id ? -1 : 1)), placeGroup);
  return pairEvidence(build(a), build(b));
}

/** One cluster of these mentions, sorted by id, built as resolution builds it (its first mention's, the others absorbed in order). */
function clusterOfMentions(sorted: MentionRecord[], placeGroup: (p: string, date: string | null) => string[]): Cluster {
  const c = clusterOf(sorted[0]!, placeGroup);
  for (const m of sorted.slice(1)) absorb(c, clusterOf(m, placeGroup));
  return c;
}
