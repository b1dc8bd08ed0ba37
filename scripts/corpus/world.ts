import { CENTRAL_CITIES_AFTER, CENTRAL_CITIES_BEFORE, MERGER_2025, PROVINCIAL_CITIES } from '../../ingest/gazetteer.js';
import { personName, placeName } from './names.js';
import { chance, int, pick, rngFor, shuffle, type Rng } from './random.js';

/**
 * The generated world: provinces (the 63 before 1 July 2025, the 34 after), their posts, and a
 * population of officials whose careers move along ladders (deputy → head, district → province →
 * centre) and across provinces, simulated month by month from 2015 to mid-2026: retirements open
 * posts, promotions fill them and open the posts below (vacancy chains), party congresses (2015,
 * 2020, 2025) and council elections (2016, 2021, 2026) renew the top posts, and the merger
 * re-assigns the merged provinces' officials. It depends only on the seed.
 */

export const DAY_MS = 86_400_000;
export const dayOf = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY_MS;
export const MERGER_DAY = dayOf(2025, 7, 1);
export const FIRST_DAY = dayOf(2015, 1, 1);
export const LAST_DAY = dayOf(2026, 6, 30);
export const CONGRESS_YEARS = [2015, 2020, 2025];
export const ELECTION_YEARS = [2016, 2021, 2026];

export type StartEvent = 'initial' | 'elected' | 'appointed' | 'approved' | 'assigned';
export type EndEvent = 'retired' | 'transferred' | 'relieved' | 'dismissed' | 'merged';
export type Branch = 'party' | 'gov' | 'council' | 'board' | 'front' | 'dept' | 'mass' | 'district' | 'commune' | 'centre';

export interface Unit {
  id: number;
  /** The name while the unit exists; a unit that survives the merger may be renamed ('Thừa Thiên Huế' → 'Huế'). */
  name: string;
  nameAfter: string;
  /** A centrally-run city (Thành ủy, UBND thành phố). */
  city: boolean;
  cityAfter: boolean;
  from: number;
  to: number;
  /** Districts before the merger (the first may be the provincial city), communes after. */
  districts: { name: string; city: boolean }[];
  communes: { name: string; ward: boolean }[];
  posts: Map<string, Post[]>;
}

export interface Post {
  id: number;
  unit: Unit;
  kind: Kind;
  /** Index of the department, district, commune, ministry or board. */
  sub: number;
  from: number;
  to: number;
  spells: Spell[];
  current: Spell | null;
}

export interface Person {
  id: number;
  name: string;
  female: boolean;
  born: number;
  retireDay: number;
  spells: Spell[];
  current: Spell | null;
}

export interface Spell {
  person: Person;
  post: Post;
  from: number;
  to: number | null;
  start: StartEvent;
  end: EndEvent | null;
  /** The post's previous holder's spell (whom this one replaced). */
  replaced: Spell | null;
  /** This person's previous spell, when it ended the day this one started. */
  previous: Spell | null;
  /** Per-spell draws for concurrent titles ('Ủy viên Ban Thường vụ …'). */
  flags: number;
}

interface Source {
  where: 'same' | 'other' | 'centre' | 'province';
  kinds: string[];
  w: number;
}

export interface Kind {
  key: string;
  rank: number;
  branch: Branch;
  /** How the post is usually filled. */
  start: StartEvent;
  /** Posts of this kind in a unit: before the merger, and after it for a unit made of k provinces. */
  before: number;
  after: (k: number) => number;
  sources: Source[];
  female?: boolean;
  /** Where a holder goes at the merger when the merged unit has fewer posts of this kind. */
  overflow?: string;
}

const K = (k: Kind): Kind => k;
const DEPTS = 6;
const MASS = 4;
export const KINDS: Record<string, Kind> = Object.fromEntries(
  [
    K({ key: 'bt', rank: 6, branch: 'party', start: 'approved', before: 1, after: () => 1, overflow: 'pbt', sources: [
      { where: 'same', kinds: ['pbttt', 'ctub', 'cthd', 'pbt'], w: 0.6 }, { where: 'other', kinds: ['bt', 'ctub', 'pbttt'], w: 0.25 }, { where: 'centre', kinds: ['ptbtw', 'tt'], w: 0.15 }] }),
    K({ key: 'pbttt', rank: 5, branch: 'party', start: 'approved', before: 1, after: () => 1, overflow: 'pbt', sources: [
      { where: 'same', kinds: ['tbtc', 'tbdv', 'tbtg', 'cnubkt', 'pctub'], w: 0.7 }, { where: 'other', kinds: ['pbttt', 'pbt', 'tbtc'], w: 0.15 }, { where: 'centre', kinds: ['ptbtw'], w: 0.15 }] }),
    K({ key: 'pbt', rank: 5, branch: 'party', start: 'approved', before: 0, after: (k) => k - 1, overflow: 'pctub', sources: [
      { where: 'same', kinds: ['tbtc', 'pctub', 'tbdv'], w: 1 }] }),
    K({ key: 'ctub', rank: 5, branch: 'gov', start: 'elected', before: 1, after: () => 1, overflow: 'pbt', sources: [
      { where: 'same', kinds: ['pctub', 'pbttt'], w: 0.65 }, { where: 'other', kinds: ['pctub', 'ctub'], w: 0.2 }, { where: 'centre', kinds: ['tt'], w: 0.15 }] }),
    K({ key: 'cthd', rank: 5, branch: 'council', start: 'elected', before: 1, after: () => 1, overflow: 'pcthd', sources: [
      { where: 'same', kinds: ['pcthd', 'pbttt', 'tbdv', 'ctmt'], w: 0.8 }, { where: 'other', kinds: ['cthd', 'pcthd'], w: 0.2 }] }),
    K({ key: 'pctub', rank: 4, branch: 'gov', start: 'elected', before: 3, after: (k) => Math.min(3 * k, 6), overflow: 'gd', sources: [
      { where: 'same', kinds: ['gd', 'bthu', 'ctubh', 'btdu'], w: 0.8 }, { where: 'other', kinds: ['pctub', 'gd'], w: 0.1 }, { where: 'centre', kinds: ['tt'], w: 0.1 }] }),
    K({ key: 'pcthd', rank: 4, branch: 'council', start: 'elected', before: 1, after: (k) => k, overflow: 'ptbdv', sources: [
      { where: 'same', kinds: ['gd', 'bthu', 'ptbdv', 'ptbtc'], w: 1 }] }),
    ...['tbtc', 'tbdv', 'tbtg'].map((key) =>
      K({ key, rank: 4, branch: 'board', start: 'assigned', before: 1, after: () => 1, overflow: `p${key}`, sources: [
        { where: 'same', kinds: [`p${key}`, 'bthu', 'gd', 'btdu'], w: 0.85 }, { where: 'other', kinds: [key, `p${key}`], w: 0.15 }] }),
    ),
    K({ key: 'cnubkt', rank: 4, branch: 'board', start: 'assigned', before: 1, after: () => 1, overflow: 'ptbtc', sources: [
      { where: 'same', kinds: ['ptbtc', 'bthu', 'gd'], w: 1 }] }),
    K({ key: 'ctmt', rank: 4, branch: 'front', start: 'elected', before: 1, after: () => 1, overflow: 'ptbdv', sources: [
      { where: 'same', kinds: ['ptbdv', 'mass', 'bthu'], w: 1 }] }),
    ...['ptbtc', 'ptbdv', 'ptbtg'].map((key) =>
      K({ key, rank: 2, branch: 'board', start: 'appointed', before: 1, after: (k) => k, sources: [{ where: 'same', kinds: ['pctubh', 'pgd', 'ctubx'], w: 0.6 }] }),
    ),
    K({ key: 'gd', rank: 3, branch: 'dept', start: 'appointed', before: DEPTS, after: () => DEPTS, overflow: 'pgd', sources: [
      { where: 'same', kinds: ['pgd', 'ctubh', 'ctubx'], w: 0.85 }, { where: 'other', kinds: ['gd'], w: 0.05 }] }),
    K({ key: 'pgd', rank: 1, branch: 'dept', start: 'appointed', before: DEPTS, after: (k) => DEPTS * k, sources: [] }),
    K({ key: 'mass', rank: 3, branch: 'mass', start: 'elected', before: MASS, after: () => MASS, overflow: 'pgd', sources: [{ where: 'same', kinds: ['pgd', 'pctubh'], w: 0.5 }] }),
    K({ key: 'bthu', rank: 3, branch: 'district', start: 'assigned', before: 4, after: () => 0, sources: [
      { where: 'same', kinds: ['ctubh', 'ptbtc', 'ptbdv', 'gd'], w: 0.9 }] }),
    K({ key: 'ctubh', rank: 2, branch: 'district', start: 'elected', before: 4, after: () => 0, sources: [{ where: 'same', kinds: ['pctubh', 'pgd'], w: 0.8 }] }),
    K({ key: 'pctubh', rank: 1, branch: 'district', start: 'elected', before: 4, after: () => 0, sources: [] }),
    K({ key: 'btdu', rank: 3, branch: 'commune', start: 'assigned', before: 0, after: (k) => 2 + 2 * k, sources: [{ where: 'same', kinds: ['ctubx', 'ptbtc', 'ptbdv', 'pgd'], w: 0.9 }] }),
    K({ key: 'ctubx', rank: 2, branch: 'commune', start: 'elected', before: 0, after: (k) => 2 + 2 * k, sources: [{ where: 'same', kinds: ['pgd'], w: 0.6 }] }),
    // The centre.
    K({ key: 'btw', rank: 8, branch: 'centre', start: 'assigned', before: 3, after: () => 3, sources: [
      { where: 'centre', kinds: ['ptbtw', 'bo'], w: 0.5 }, { where: 'province', kinds: ['bt'], w: 0.5 }] }),
    K({ key: 'bo', rank: 7, branch: 'centre', start: 'approved', before: 6, after: () => 6, sources: [
      { where: 'centre', kinds: ['tt'], w: 0.6 }, { where: 'province', kinds: ['bt', 'ctub'], w: 0.4 }] }),
    K({ key: 'ptbtw', rank: 6, branch: 'centre', start: 'appointed', before: 6, after: () => 6, sources: [
      { where: 'province', kinds: ['bt', 'pbttt', 'ctub', 'tbtc', 'tbdv'], w: 0.8 }, { where: 'centre', kinds: ['tt'], w: 0.2 }] }),
    K({ key: 'tt', rank: 6, branch: 'centre', start: 'appointed', before: 12, after: () => 12, sources: [
      { where: 'province', kinds: ['ctub', 'pctub', 'gd'], w: 0.6 }] }),
  ].map((k) => [k.key, k]),
);

const PROVINCIAL_KINDS = Object.values(KINDS).filter((k) => k.branch !== 'centre');
const CENTRE_KINDS = Object.values(KINDS).filter((k) => k.branch === 'centre');
/** Where merged provinces' holders go, highest posts first. */
const MERGE_ORDER = ['bt', 'pbttt', 'ctub', 'cthd', 'pbt', 'pctub', 'pcthd', 'tbtc', 'tbdv', 'tbtg', 'cnubkt', 'ctmt', 'gd', 'mass', 'ptbtc', 'ptbdv', 'ptbtg', 'pgd'];
const ELECTED_BY_COUNCIL = new Set(['ctub', 'cthd', 'pctub', 'pcthd', 'ctubh', 'pctubh', 'ctubx']);
export const COUNCIL_KINDS = ['ctub', 'pctub', 'cthd', 'pcthd'];

export interface World {
  seed: number;
  units: Unit[];
  centre: Unit;
  posts: Post[];
  people: Person[];
  /** Spells that start between FIRST_DAY and LAST_DAY, in day order: personnel news. */
  changes: Spell[];
  /** Units in existence on a day (before or after the merger). */
  unitsAt(day: number): Unit[];
  /** The spells of one unit that start on one day. */
  changesOn(unit: Unit, day: number): Spell[];
  /** The day of a unit's party congress in a congress year, or null when the unit had none. */
  congressDay(unit: Unit, year: number): number | null;
  /** The first session of a newly elected council. */
  electionDay(unit: Unit, year: number): number | null;
}

export function holderOn(post: Post, day: number): Spell | null {
  for (let i = post.spells.length - 1; i >= 0; i--) {
    const s = post.spells[i]!;
    if (s.from <= day) return s.to === null || s.to > day ? s : null;
  }
  return null;
}

/** The holders of a unit's posts of one kind on a day (vacant posts left out). */
export function holdersOn(unit: Unit, kind: string, day: number): Spell[] {
  const out: Spell[] = [];
  for (const p of unit.posts.get(kind) ?? []) {
    if (p.from > day || p.to <= day) continue;
    const h = holderOn(p, day);
    if (h) out.push(h);
  }
  return out;
}

/** The person's spell on a day, if any. */
export function spellOn(person: Person, day: number): Spell | null {
  for (let i = person.spells.length - 1; i >= 0; i--) {
    const s = person.spells[i]!;
    if (s.from <= day) return s.to === null || s.to > day ? s : null;
  }
  return null;
}

export const unitNameOn = (u: Unit, day: number): string => (day >= MERGER_DAY ? u.nameAfter : u.name);
export const unitIsCityOn = (u: Unit, day: number): boolean => (day >= MERGER_DAY ? u.cityAfter : u.city);

const worlds = new Map<number, World>();

/** The world for a seed (built once per process, about a second). */
export function buildWorld(seed: number): World {
  const cached = worlds.get(seed);
  if (cached) return cached;
  const w = new Builder(seed).run();
  worlds.set(seed, w);
  return w;
}

class Builder {
  private readonly r: Rng;
  private readonly units: Unit[] = [];
  private readonly posts: Post[] = [];
  private readonly people: Person[] = [];
  private readonly centre: Unit;
  private readonly places = new Set<string>();
  /** People whose post ended (congress, election, merger) waiting for another. */
  private pool: { person: Person; rank: number; since: number }[] = [];
  private unitId = 0;

  constructor(private readonly seed: number) {
    this.r = rngFor(seed, 1, 0);
    this.centre = this.unit('', false, '', false, -Infinity, Infinity);
  }

  run(): World {
    const start = dayOf(2010, 1, 1);
    // Provinces before the merger; those that survive it unchanged ('both') keep their posts.
    const preUnits = new Map<string, Unit>();
    for (const [after, befores] of Object.entries(MERGER_2025)) {
      for (const b of befores) {
        const survives = befores.length === 1;
        const u = this.unit(b, CENTRAL_CITIES_BEFORE.includes(b), survives ? after : b, survives ? CENTRAL_CITIES_AFTER.includes(after) : false, -Infinity, survives ? Infinity : MERGER_DAY);
        const city = Object.entries(PROVINCIAL_CITIES).find(([c, p]) => p === b && c !== b)?.[0];
        u.districts = Array.from({ length: 4 }, (_, i) => (i === 0 && city ? { name: city, city: true } : { name: placeName(this.r, this.places), city: false }));
        if (survives) u.communes = this.communes(1);
        preUnits.set(b, u);
      }
    }
    for (const u of [...preUnits.values(), this.centre]) this.createPosts(u, u === this.centre ? CENTRE_KINDS : PROVINCIAL_KINDS, 'before', 1, -Infinity);
    for (const p of this.posts) this.startSpell(this.newPerson(p, start), p, start - int(this.r, 0, 1500), 'initial', null);

    for (let y = 2015; y <= 2026; y++) {
      for (let m = 1; m <= 12; m++) {
        const first = dayOf(y, m, 1);
        if (first > LAST_DAY) break;
        const next = dayOf(y, m + 1, 1);
        const todo: { day: number; order: number; run: () => void }[] = [];
        let order = 0;
        if (first === MERGER_DAY) todo.push({ day: first, order: order++, run: () => this.merge(preUnits) });
        for (const u of this.units) {
          if (u.to <= first || u.from >= next) continue;
          const cd = this.congressDay(u, y);
          if (cd !== null && cd >= first && cd < next) todo.push({ day: cd, order: order++, run: () => this.renew(u, cd, ['bt', 'pbttt', 'pbt'], 0.4) });
          const ed = this.electionDay(u, y);
          if (ed !== null && ed >= first && ed < next) todo.push({ day: ed, order: order++, run: () => this.renew(u, ed, COUNCIL_KINDS, 0.35) });
        }
        for (const p of this.people) {
          if (p.current && p.retireDay >= first && p.retireDay < next) todo.push({ day: p.retireDay, order: order++, run: () => this.retire(p, p.retireDay) });
        }
        // Early departures (elsewhere, outside this world) and rare dismissals.
        for (const p of this.posts) {
          if (!p.current || p.to <= first) continue;
          const x = this.r();
          if (x < 1 / 240) {
            const d = first + int(this.r, 0, next - first - 1);
            const dismissed = x < 1 / 4000;
            todo.push({ day: d, order: order++, run: () => this.leave(p, d, dismissed ? 'dismissed' : 'transferred') });
          }
        }
        todo.sort((a, b) => a.day - b.day || a.order - b.order);
        for (const t of todo) t.run();
        this.pool = this.pool.filter((e) => e.since > first - 180);
      }
    }
    return this.world();
  }

  private world(): World {
    const changes = this.people
      .flatMap((p) => p.spells)
      .filter((s) => s.start !== 'initial' && s.from >= FIRST_DAY && s.from <= LAST_DAY)
      .sort((a, b) => a.from - b.from || a.post.id - b.post.id);
    const byDay = new Map<string, Spell[]>();
    for (const s of changes) {
      const k = `${s.post.unit.id}|${s.from}`;
      const l = byDay.get(k);
      if (l) l.push(s);
      else byDay.set(k, [s]);
    }
    const before = this.units.filter((u) => u !== this.centre && u.from === -Infinity);
    const after = this.units.filter((u) => u !== this.centre && u.to === Infinity);
    const self = this;
    return {
      seed: this.seed,
      units: this.units.filter((u) => u !== this.centre),
      centre: this.centre,
      posts: this.posts,
      people: this.people,
      changes,
      unitsAt: (day) => (day >= MERGER_DAY ? after : before),
      changesOn: (u, day) => byDay.get(`${u.id}|${day}`) ?? [],
      congressDay: (u, y) => self.congressDay(u, y),
      electionDay: (u, y) => self.electionDay(u, y),
    };
  }

  private unit(name: string, city: boolean, nameAfter: string, cityAfter: boolean, from: number, to: number): Unit {
    const u: Unit = { id: this.unitId++, name, nameAfter, city, cityAfter, from, to, districts: [], communes: [], posts: new Map() };
    this.units.push(u);
    return u;
  }

  private communes(k: number): Unit['communes'] {
    return Array.from({ length: 2 + 2 * k }, (_, i) => ({ name: placeName(this.r, this.places), ward: i % 2 === 0 }));
  }

  /** Congresses run from September to November of a congress year; the 2025 ones are the merged units'. */
  private congressDay(u: Unit, y: number): number | null {
    if (!CONGRESS_YEARS.includes(y) || u === this.centre) return null;
    if (y === 2025 ? u.to !== Infinity : u.from !== -Infinity) return null;
    return dayOf(y, 9, 1) + (rngFor(this.seed, 2, u.id * 31 + y)() * 80) | 0;
  }

  private electionDay(u: Unit, y: number): number | null {
    if (!ELECTION_YEARS.includes(y) || u === this.centre) return null;
    if (y === 2026 ? u.to !== Infinity : u.from !== -Infinity) return null;
    return dayOf(y, 6, 20) + (rngFor(this.seed, 3, u.id * 31 + y)() * 20) | 0;
  }

  private createPosts(u: Unit, kinds: Kind[], era: 'before' | 'after', k: number, from: number, to = Infinity): void {
    for (const kind of kinds) {
      let n = era === 'before' ? kind.before : kind.after(k);
      if (kind.branch === 'district' && era === 'before') n = u.districts.length;
      if (kind.branch === 'commune') n = era === 'after' ? u.communes.length : 0;
      const list = u.posts.get(kind.key) ?? [];
      for (let i = 0; i < n; i++) {
        const p: Post = { id: this.posts.length, unit: u, kind, sub: list.length, from, to, spells: [], current: null };
        list.push(p);
        this.posts.push(p);
      }
      if (list.length) u.posts.set(kind.key, list);
    }
  }

  private newPerson(post: Post, day: number): Person {
    const r = this.r;
    const rank = post.kind.rank;
    const age = rank <= 1 ? int(r, 33, 46) : rank === 2 ? int(r, 38, 50) : rank === 3 ? int(r, 42, 53) : rank === 4 ? int(r, 45, 55) : int(r, 48, 57);
    const female = post.kind.key === 'mass' && post.sub === 1 ? true : chance(r, 0.22);
    let name = personName(r, female);
    // Namesakes: now and then a name already borne by an official of another province.
    if (chance(r, 0.04) && this.people.length > 50) {
      for (let t = 0; t < 5; t++) {
        const other = this.people[int(r, 0, this.people.length - 1)]!;
        if (other.female === female && other.current && other.current.post.unit !== post.unit) {
          name = other.name;
          break;
        }
      }
    }
    const year = new Date(day * DAY_MS).getUTCFullYear();
    const born = year - age;
    const retireAge = female ? int(r, 56, 58) : int(r, 60, 62);
    const p: Person = { id: this.people.length, name, female, born, retireDay: dayOf(born + retireAge, int(r, 1, 12), 1), spells: [], current: null };
    this.people.push(p);
    return p;
  }

  private startSpell(person: Person, post: Post, day: number, start: StartEvent, previous: Spell | null): Spell {
    const s: Spell = { person, post, from: day, to: null, start, end: null, replaced: post.spells.at(-1) ?? null, previous, flags: (this.r() * 2 ** 30) | 0 };
    post.spells.push(s);
    person.spells.push(s);
    post.current = s;
    person.current = s;
    return s;
  }

  private endSpell(s: Spell, day: number, end: EndEvent): void {
    s.to = day;
    s.end = end;
    if (s.post.current === s) s.post.current = null;
    if (s.person.current === s) s.person.current = null;
  }

  private retire(p: Person, day: number): void {
    const s = p.current;
    if (!s) return;
    this.endSpell(s, day, 'retired');
    this.fill(s.post, day, 0);
  }

  private leave(post: Post, day: number, end: EndEvent): void {
    const s = post.current;
    if (!s || s.from >= day) return;
    this.endSpell(s, day, end);
    this.fill(post, day, 0);
  }

  /** A congress or an election: each post of these kinds is renewed with probability p. */
  private renew(u: Unit, day: number, kinds: string[], p: number): void {
    for (const key of kinds) {
      for (const post of u.posts.get(key) ?? []) {
        if (post.from > day || post.to <= day) continue;
        const s = post.current;
        if (s && (s.from > day - 400 || !chance(this.r, p))) continue;
        const retiring = s ? s.person.retireDay - day < 730 : false;
        if (s) this.endSpell(s, day, retiring ? 'retired' : ELECTED_BY_COUNCIL.has(key) ? 'relieved' : 'transferred');
        this.fill(post, day, 0, 'elected');
        // Waits for another post (not this one: it has just gone to someone else).
        if (s && !retiring) this.pool.push({ person: s.person, rank: post.kind.rank, since: day });
      }
    }
  }

  /**
   * Fills a vacant post: someone waiting for a post, a promotion from the ladder below (same
   * province, another one, or the centre), else a newcomer; the promoted person's post is then
   * filled the same way (a vacancy chain).
   */
  private fill(post: Post, day: number, depth: number, event?: StartEvent): void {
    const r = this.r;
    const kind = post.kind;
    let person: Person | null = null;
    let start: StartEvent = event ?? kind.start;
    if (this.pool.length && chance(r, 0.5)) {
      const i = this.pool.findIndex((e) => e.rank >= kind.rank - 1 && e.rank <= kind.rank && !e.person.current && e.person.retireDay - day > 365);
      if (i >= 0) {
        person = this.pool[i]!.person;
        this.pool.splice(i, 1);
        if (!event) start = ELECTED_BY_COUNCIL.has(kind.key) ? 'elected' : 'assigned';
      }
    }
    if (!person && depth < 12) {
      const total = kind.sources.reduce((a, s) => a + s.w, 0);
      let x = r() * Math.max(1, total);
      for (const src of kind.sources) {
        x -= src.w;
        if (x >= 0) continue;
        person = this.candidate(src, post, day);
        if (person && !event && src.where !== 'same') start = ELECTED_BY_COUNCIL.has(kind.key) ? 'elected' : 'assigned';
        break;
      }
    }
    if (!person) {
      this.startSpell(this.newPerson(post, day), post, day, start, null);
      return;
    }
    const old = person.current;
    if (old) this.endSpell(old, day, ELECTED_BY_COUNCIL.has(old.post.kind.key) ? 'relieved' : 'transferred');
    this.startSpell(person, post, day, start, old);
    if (old) this.fill(old.post, day, depth + 1);
  }

  private candidate(src: Source, post: Post, day: number): Person | null {
    const r = this.r;
    const units: Unit[] = [];
    if (src.where === 'same') units.push(post.unit);
    else if (src.where === 'centre') units.push(this.centre);
    else {
      const live = this.units.filter((u) => u !== this.centre && u !== post.unit && u.from <= day && u.to > day);
      for (let i = 0; i < 3 && live.length; i++) units.push(pick(r, live));
    }
    const cands: Person[] = [];
    for (const u of units) {
      for (const key of src.kinds) {
        for (const p of u.posts.get(key) ?? []) {
          const s = p.current;
          if (!s || p.from > day || p.to <= day) continue;
          if (s.from > day - 300 || s.person.retireDay - day < 540) continue;
          // Department deputies move up in their own department.
          if (post.kind.key === 'gd' && key === 'pgd' && p.sub % DEPTS !== post.sub) continue;
          cands.push(s.person);
        }
      }
    }
    return cands.length ? pick(r, cands) : null;
  }

  /** 1 July 2025: merged provinces' officials are re-assigned in the new unit; districts give way to communes. */
  private merge(preUnits: Map<string, Unit>): void {
    const day = MERGER_DAY;
    const r = this.r;
    for (const [after, befores] of Object.entries(MERGER_2025)) {
      const parts = befores.map((b) => preUnits.get(b)!);
      let target: Unit;
      if (parts.length === 1) {
        target = parts[0]!;
      } else {
        target = this.unit(after, CENTRAL_CITIES_AFTER.includes(after), after, CENTRAL_CITIES_AFTER.includes(after), day, Infinity);
        target.communes = this.communes(parts.length);
        this.createPosts(target, PROVINCIAL_KINDS.filter((k) => k.branch !== 'commune' && k.branch !== 'district'), 'after', parts.length, day);
      }
      this.createPosts(target, PROVINCIAL_KINDS.filter((k) => k.branch === 'commune'), 'after', parts.length, day);
      const waiting = new Map<string, Person[]>();
      const add = (key: string, ps: Person[]) => waiting.set(key, [...(waiting.get(key) ?? []), ...ps]);
      const previous = new Map<Person, Spell>();
      // Holders of posts that end today.
      for (const u of parts) {
        for (const [key, list] of u.posts) {
          const ending = list.filter((p) => p.to === Infinity && (u !== target || KINDS[key]!.branch === 'district'));
          const holders: Person[] = [];
          for (const p of ending) {
            p.to = day;
            const s = p.current;
            if (!s) continue;
            // Due to retire within months: retires with the merger rather than take a new post.
            if (s.person.retireDay - day < 180) {
              this.endSpell(s, day, 'retired');
              continue;
            }
            this.endSpell(s, day, 'merged');
            previous.set(s.person, s);
            holders.push(s.person);
          }
          const dest = key === 'bthu' ? 'btdu' : key === 'ctubh' || key === 'pctubh' ? 'ctubx' : key;
          add(dest, shuffle(r, holders));
        }
      }
      for (const key of [...MERGE_ORDER, 'btdu', 'ctubx']) {
        const cands = waiting.get(key) ?? [];
        for (const post of target.posts.get(key) ?? []) {
          if (post.current || post.to !== Infinity) continue;
          const person = cands.shift();
          if (!person) break;
          this.startSpell(person, post, day, 'assigned', previous.get(person) ?? null);
        }
        const overflow = KINDS[key]!.overflow;
        if (overflow && cands.length) add(overflow, cands.splice(0));
        for (const person of cands) if (person.retireDay - day > 365) this.pool.push({ person, rank: KINDS[key]!.rank, since: day });
      }
    }
    for (const u of this.units) {
      if (u.to !== Infinity) continue;
      for (const list of u.posts.values()) for (const p of list) if (p.to === Infinity && !p.current) this.fill(p, day, 0, 'assigned');
    }
  }
}
