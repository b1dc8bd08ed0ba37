import type { GraphStore, GraphValue, Row } from '../../graph/store.js';
import { fold } from '../../ingest/normalize.js';
import type { SearchHit } from '../shared/api-types.js';
import { displayName, scopeName, yearsSeen } from './view-model.js';

/**
 * Diacritic-insensitive search over people, bodies, conferences, places, posts, articles and
 * awards. Names are fetched once, folded in TS (ingest/normalize.ts's `fold`, the one accent-free
 * key of the project) and matched here. Each hit carries the facts that tell namesakes apart
 * (province, latest post, years seen). The index is rebuilt in the background once it is
 * MAX_AGE_MS (30 s) old; searches meanwhile use the previous one, so no search waits on a rebuild
 * except the very first.
 */

/** The node types a search can return (and `types=` may name). */
export const SEARCH_TYPES = ['Person', 'Organization', 'Conference', 'Locality', 'Position', 'Article', 'Award'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** Among hits that match equally well, people first, then conferences, posts, bodies ... */
const TYPE_RANK: Record<string, number> = { Person: 0, Conference: 1, Position: 2, Organization: 3, Locality: 4, Article: 5, Award: 6 };

const MAX_AGE_MS = 30_000;

interface Entry extends SearchHit {
  /** The folded name: what the score compares with. */
  folded: string;
  /** Other folded text the hit is found by (aliases, a post's body, an article's file name). */
  also: string;
  /** How much of the graph it touches (reports, holders): the busier namesake comes first. */
  weight: number;
}

const str = (v: GraphValue | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);
const strs = (v: GraphValue | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : []);
const compact = (xs: (string | null)[]): string[] => xs.filter((x): x is string => x !== null && x !== '');

export class SearchIndex {
  private entries: Entry[] = [];
  private builtAt = 0;
  private building: Promise<void> | null = null;

  constructor(
    private readonly store: GraphStore,
    private readonly maxAgeMs = MAX_AGE_MS,
  ) {}

  private async rows(cypher: string): Promise<Row[]> {
    return (await this.store.query(cypher, {}, { readOnly: true })).rows;
  }

  private async rebuild(): Promise<void> {
    const entries: Entry[] = [];
    const add = (row: Row, type: SearchType, name: string | null, facts: (string | null)[], also: (string | null)[], weight: number): void => {
      const id = str(row.id);
      if (!id) return;
      const shown = name ?? id;
      entries.push({ id, type, name: shown, facts: compact(facts), folded: fold(shown), also: compact(also).map(fold).join(' | '), weight });
    };

    // People: the post they were last seen in; the stored latestPost when resolution filled it,
    // else the latest spell (current before former).
    const latest = new Map<string, { post: string; seen: string; former: boolean }>();
    for (const row of await this.rows('MATCH (p:Person)-[h:HELD]->(pos:Position) RETURN p.id AS id, pos.text AS post, pos.title AS title, h.lastSeen AS seen, h.status AS status')) {
      const id = str(row.id);
      const post = str(row.post) ?? str(row.title);
      if (!id || !post) continue;
      const cand = { post, seen: str(row.seen) ?? '', former: row.status === 'former' };
      const prev = latest.get(id);
      if (!prev || (prev.former && !cand.former) || (prev.former === cand.former && cand.seen > prev.seen)) latest.set(id, cand);
    }
    const people = await this.rows(
      'MATCH (n:Person) RETURN n.id AS id, n.name AS name, n.aliases AS aliases, n.provinces AS provinces, n.scope AS scope, n.firstSeen AS fs, n.lastSeen AS ls, n.latestPost AS post, n.sources AS sources',
    );
    for (const row of people) {
      const provinces = strs(row.provinces);
      const place = provinces.length ? provinces.join(', ') : scopeName(str(row.scope));
      const post = str(row.post) ?? latest.get(String(row.id))?.post ?? null;
      add(row, 'Person', str(row.name), [place, post, yearsSeen(str(row.fs), str(row.ls))], strs(row.aliases), strs(row.sources).length);
    }

    const holders = new Map<string, number>();
    for (const row of await this.rows('MATCH (:Person)-[h:HELD]->(n:Position) RETURN n.id AS id, count(h) AS n')) holders.set(String(row.id), Number(row.n));
    for (const row of await this.rows('MATCH (n:Position) RETURN n.id AS id, n.title AS title, n.body AS body, n.text AS text, n.province AS province')) {
      const count = holders.get(String(row.id)) ?? 0;
      const title = str(row.title) ?? str(row.text);
      add(row, 'Position', title, [str(row.body), count === 1 ? '1 holder' : `${count} holders`], [str(row.text), str(row.body)], count);
    }

    for (const row of await this.rows('MATCH (n:Conference) RETURN n.id AS id, n.title AS title, n.date AS date, n.place AS place, n.sources AS sources')) {
      const name = displayName('Conference', { title: row.title ?? null, date: row.date ?? null }, String(row.id));
      add(row, 'Conference', name, [str(row.date), str(row.place)], [str(row.date)], strs(row.sources).length);
    }
    for (const row of await this.rows('MATCH (n:Organization) RETURN n.id AS id, n.name AS name, n.kind AS kind, n.scope AS scope')) {
      add(row, 'Organization', str(row.name), [scopeName(str(row.scope)), str(row.kind)?.replace(/_/g, ' ') ?? null], [], 0);
    }
    for (const row of await this.rows('MATCH (n:Locality) RETURN n.id AS id, n.name AS name, n.level AS level, n.parent AS parent, n.mergedInto AS merged')) {
      const merged = str(row.merged);
      add(row, 'Locality', str(row.name), [str(row.level), str(row.parent), merged ? `merged into ${merged}` : null], [], 0);
    }
    for (const row of await this.rows('MATCH (n:Article) RETURN n.id AS id, n.headline AS headline, n.file AS file, n.eventDate AS ev, n.publishedDate AS pub, n.publisher AS publisher')) {
      add(row, 'Article', str(row.headline) ?? str(row.file), [str(row.ev) ?? str(row.pub), str(row.publisher), str(row.file)], [str(row.file)], 0);
    }
    for (const row of await this.rows('MATCH (n:Award) RETURN n.id AS id, n.name AS name')) add(row, 'Award', str(row.name), [], [], 0);

    this.entries = entries;
    this.builtAt = Date.now();
  }

  /** Starts building the index without waiting for it (the page asks for stats first, then searches). */
  warm(): void {
    this.fresh().catch(() => undefined);
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.builtAt < this.maxAgeMs) return;
    this.building ??= this.rebuild().finally(() => (this.building = null));
    // Only the first build is waited for; later ones refresh behind the searches.
    if (this.builtAt === 0) await this.building;
    else this.building.catch(() => undefined);
  }

  /**
   * Every query word must occur in the name (or, ranked lower, in the other text the hit is found
   * by); whole-name match beats name prefix beats word prefixes beats substring.
   */
  async search(q: string, types: string[] | null, limit: number): Promise<SearchHit[]> {
    await this.fresh();
    const fq = fold(q);
    const words = fq.split(' ').filter(Boolean);
    if (words.length === 0) return [];
    const scored: { e: Entry; score: number }[] = [];
    for (const e of this.entries) {
      if (types && !types.includes(e.type)) continue;
      let score: number;
      if (words.every((w) => e.folded.includes(w))) {
        score = e.folded === fq ? 0 : e.folded.startsWith(fq) ? 1 : words.every((w) => ` ${e.folded}`.includes(` ${w}`)) ? 2 : 3;
      } else if (e.also && words.every((w) => e.also.includes(w) || e.folded.includes(w))) score = 4;
      else continue;
      scored.push({ e, score });
    }
    scored.sort(
      (a, b) =>
        a.score - b.score ||
        (TYPE_RANK[a.e.type] ?? 9) - (TYPE_RANK[b.e.type] ?? 9) ||
        b.e.weight - a.e.weight ||
        a.e.name.length - b.e.name.length ||
        a.e.name.localeCompare(b.e.name, 'vi') ||
        (a.e.id < b.e.id ? -1 : a.e.id > b.e.id ? 1 : 0),
    );
    return scored.slice(0, limit).map(({ e }) => ({ id: e.id, type: e.type, name: e.name, facts: e.facts }));
  }
}
