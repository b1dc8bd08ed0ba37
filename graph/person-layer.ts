import { fold } from '../ingest/normalize.js';
import type { BatchBuilder } from './batch.js';
import { NATIONAL, UNKNOWN_SCOPE, evidencePointer, placeKey } from './ids.js';
import type { MentionPost, MentionRecord } from './mention-record.js';
import type { ResolvedPerson } from './resolve.js';
import type { EdgeType } from './schema.js';
import { isExecutive, ladderRank } from './post-kinds.js';

/**
 * Pure: resolved people + their mentions → the Person layer (Person rows, spells on HELD, role
 * and award edges, REFERS_TO, and the mentions' `link` explanations). Spells come from what the
 * reports say: firstSeen/lastSeen from the reports showing the post held, startDate/endDate from
 * the events that start or end it, 'nguyên' sightings ending it by their date at the latest.
 * Successions are derived later, per post, once every holder is resolved (graph/successions.ts).
 */

/** One sighting of a post in one report. */
interface PostSighting {
  date: string | null;
  asOf: string | null;
  article: string;
  post: MentionPost;
}

const minDate = (xs: (string | null)[]): string | null => xs.reduce<string | null>((m, x) => (x && (!m || x < m) ? x : m), null);
const maxDate = (xs: (string | null)[]): string | null => xs.reduce<string | null>((m, x) => (x && (!m || x > m) ? x : m), null);
const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];

/** A spell's status: ended (by its own evidence or a successor), acting, or current. */
export function spellStatus(endDate: string | null, acting: boolean, succeededOn: string | null): 'current' | 'acting' | 'former' {
  return endDate || succeededOn ? 'former' : acting ? 'acting' : 'current';
}

/** The spell of one post, from all its sightings. */
export function spellOf(sightings: PostSighting[]) {
  const held = sightings.filter((s) => s.post.status === 'current');
  const former = sightings.filter((s) => s.post.status === 'former');
  const starts = held.filter((s) => s.post.change === 'start' && s.date).sort((a, b) => (a.date! < b.date! ? -1 : 1));
  const ends = held.filter((s) => s.post.change === 'end' && s.date).sort((a, b) => (a.date! < b.date! ? 1 : -1));
  const lastSeen = maxDate(held.map((s) => s.date));
  // A 'nguyên' sighting after the last report showing it held ends the spell by that date at the latest.
  const formerAfter = former.filter((s) => s.date && (!lastSeen || s.date >= lastSeen)).sort((a, b) => (a.date! < b.date! ? -1 : 1));
  const ownEnd = ends[0] ?? null;
  const endDate = ownEnd?.date ?? formerAfter[0]?.date ?? (held.length === 0 ? (former[0]?.date ?? null) : null);
  const acting = held.length > 0 && held.filter((s) => s.date === lastSeen || !lastSeen).some((s) => s.post.acting);
  return {
    firstSeen: minDate(held.map((s) => s.date)),
    lastSeen,
    asOf: maxDate(sightings.map((s) => s.asOf)),
    startDate: starts[0]?.date ?? null,
    startEvent: starts[0]?.post.event ?? null,
    endDate,
    endEvent: ownEnd?.post.event ?? null,
    endInferred: !ownEnd && endDate !== null,
    acting,
    status: spellStatus(endDate, acting, null),
  };
}

type Spell = ReturnType<typeof spellOf>;

/**
 * A spell the person's own later post took over ends then (inferred): a higher rung of the same
 * body ('Phó Chủ tịch' → 'Chủ tịch' of one committee), or an executive post in another place (a
 * province → another province, or the centre). Seats among many (members, delegates) are kept.
 */
function endSuperseded(spells: Map<string, { spell: Spell; post: MentionPost }>): void {
  const placeOf = (p: MentionPost): string => (p.level === 'national' ? 'national' : p.province);
  const LEVEL: Record<string, number> = { commune: 1, district: 2, province: 3, national: 4 };
  const list = [...spells.values()];
  for (const a of list) {
    if (a.spell.endDate || !isExecutive(a.post.title) || !a.spell.lastSeen) continue;
    let by: string | null = null;
    for (const b of list) {
      if (b === a || !isExecutive(b.post.title)) continue;
      const began = b.spell.startDate ?? b.spell.firstSeen;
      // Later, or started in the very report that last shows the old post (elected from it).
      if (!began || began < a.spell.lastSeen || (began === a.spell.lastSeen && b.spell.startDate !== began)) continue;
      const higher = a.post.org !== null && b.post.org === a.post.org && ladderRank(b.post.title) > ladderRank(a.post.title);
      const elsewhere = placeOf(a.post) !== '' && placeOf(b.post) !== '' && placeOf(a.post) !== placeOf(b.post);
      const levelUp = (LEVEL[b.post.level] ?? 0) > (LEVEL[a.post.level] ?? 0) && (LEVEL[a.post.level] ?? 0) > 0;
      if ((higher || elsewhere || levelUp) && (!by || began < by)) by = began;
    }
    if (by) {
      a.spell.endDate = by;
      a.spell.endInferred = true;
      a.spell.status = spellStatus(by, a.spell.acting, null);
    }
  }
}

/** Adds the Person layer of resolved people to `bb`. `mentions` holds every member's record. */
export function addPersonLayer(bb: BatchBuilder, people: ResolvedPerson[], mentions: Map<string, MentionRecord>): void {
  for (const person of people) {
    const ms = person.members.map((id) => mentions.get(id)!).filter(Boolean);
    if (ms.length === 0) continue;
    const byDate = [...ms].sort((a, b) => (a.data.date ?? '') < (b.data.date ?? '') ? -1 : (a.data.date ?? '') > (b.data.date ?? '') ? 1 : a.id < b.id ? -1 : 1);
    const pid = person.id;

    // Posts: one spell per position.
    const posts = new Map<string, PostSighting[]>();
    for (const m of ms) for (const p of m.data.posts) (posts.get(p.pos) ?? posts.set(p.pos, []).get(p.pos)!).push({ date: m.data.date, asOf: m.data.asOf, article: m.data.article, post: p });
    const spells = new Map([...posts].map(([pos, sightings]) => [pos, { spell: spellOf(sightings), post: sightings[0]!.post }]));
    endSuperseded(spells);
    // Most recent spell first, as a CV lists them (a post this report starts before one it only names).
    const begin = (pos: string): string => { const sp = spells.get(pos)!.spell; return sp.startDate ?? sp.firstSeen ?? sp.endDate ?? ''; };
    const order = [...posts].sort(
      (a, b) => begin(b[0]).localeCompare(begin(a[0])) || Number(!!spells.get(b[0])!.spell.startDate) - Number(!!spells.get(a[0])!.spell.startDate) || (a[0] < b[0] ? -1 : 1),
    );
    for (const [pos, sightings] of order) {
      const spell = spells.get(pos)!.spell;
      const after = ms.flatMap((m) => m.data.after.filter((a) => a.pos === pos).map((a) => JSON.stringify({ predecessor: a.predecessor, evidence: a.ev.map((i) => evidencePointer(m.data.article, i)) })));
      bb.addEdge('HELD', {
        from: 'Person',
        to: 'Position',
        source: pid,
        target: pos,
        ...spell,
        succeededOn: null,
        after: uniq(after).sort(),
        sources: uniq(sightings.map((s) => s.article)),
        evidence: uniq(sightings.flatMap((s) => s.post.ev.map((i) => evidencePointer(s.article, i)))),
      });
    }

    // Roles and awards at conferences.
    for (const m of ms) {
      for (const r of m.data.roles) {
        bb.addEdge(r.edge as EdgeType, { from: 'Person', to: 'Conference', source: pid, target: r.conf, sources: [m.data.article], evidence: r.ev.map((i) => evidencePointer(m.data.article, i)) });
      }
      for (const a of m.data.awards) {
        const evidence = a.ev.map((i) => evidencePointer(m.data.article, i));
        bb.addEdge('AWARDED', { from: 'Person', to: 'Conference', source: pid, target: a.conf, awardId: a.award, award: a.name, giver: a.giver, sources: [m.data.article], evidence });
        bb.addEdge('RECEIVED', { from: 'Person', to: 'Award', source: pid, target: a.award, conferenceId: a.conf, sources: [m.data.article], evidence });
      }
      bb.addEdge('REFERS_TO', { from: 'Mention', to: 'Person', source: m.id, target: pid });
    }

    // The person: the spelling written most often (the longest on a tie), where they were seen, when.
    const spellings = new Map<string, number>();
    for (const m of ms) spellings.set(m.data.name, (spellings.get(m.data.name) ?? 0) + 1);
    const name = [...spellings].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1))[0]![0];
    const aliases = uniq([...spellings.keys(), ...ms.flatMap((m) => m.data.aliases)].filter((s) => s !== name)).sort();
    const provinces = uniq(ms.flatMap((m) => m.data.posts.map((p) => p.province).filter(Boolean))).sort();
    const reportProvinces = uniq(ms.map((m) => m.data.province).filter((p): p is string => !!p));
    const scopes = new Map<string, number>();
    for (const m of ms) for (const p of m.data.posts) {
      const s = p.level === 'national' ? NATIONAL : p.province ? placeKey(p.province) : null;
      if (s) scopes.set(s, (scopes.get(s) ?? 0) + 1);
    }
    const local = [...scopes].filter(([s]) => s !== NATIONAL).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
    const scope = local ?? (scopes.has(NATIONAL) ? NATIONAL : reportProvinces[0] ? placeKey(reportProvinces[0]) : UNKNOWN_SCOPE);
    const latest = [...byDate].reverse().find((m) => m.data.posts.some((p) => p.status === 'current'));
    const latestPost = latest?.data.posts.find((p) => p.status === 'current' && p.change !== 'end') ?? latest?.data.posts.find((p) => p.status === 'current');
    const genders = uniq(ms.map((m) => m.data.gender).filter(Boolean));
    bb.addNode('Person', {
      id: pid,
      name,
      nameKey: person.nameKey,
      plainName: fold(name),
      scope,
      aliases,
      sources: uniq(byDate.map((m) => m.data.article)),
      provinces: provinces.length > 0 ? provinces : reportProvinces.sort(),
      gender: genders.length === 1 ? genders[0]! : null,
      firstSeen: minDate(ms.map((m) => m.data.date)),
      lastSeen: maxDate(ms.map((m) => m.data.date)),
      latestPost: latestPost ? [latestPost.title, latestPost.body].filter(Boolean).join(' ') : null,
      mentions: ms.length,
    });
  }
}

/** The `link` property of each mention: why it joined its person (null for a person's first mention). */
export function mentionLinks(people: ResolvedPerson[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const p of people) for (const m of p.members) out.set(m, p.links.has(m) ? JSON.stringify({ ...p.links.get(m)!, score: Number.isFinite(p.links.get(m)!.score) ? p.links.get(m)!.score : 'judgement' }) : null);
  return out;
}
