import type { GraphStore } from '../../graph/store.js';
import type { SearchHit } from '../shared/api-types.js';
import { fold } from '../../ingest/normalize.js';

/**
 * Diacritic-insensitive search. The schema stores no accent-free name (Person.nameKey keeps
 * vowel marks), so names are fetched once, folded in TS (ingest/normalize.ts's `fold`, the one
 * accent-free key of the project) and matched here; the index is rebuilt on the first search after
 * it is MAX_AGE_MS (30 s) old, so fresh ingests show up within half a minute.
 */

/** The node types a search can return (and `types=` may name). */
export const SEARCH_TYPES = ['Person', 'Organization', 'Conference', 'Locality'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** Which property names each searchable type. */
const NAME_PROP: Record<SearchType, string> = { Person: 'name', Organization: 'name', Conference: 'title', Locality: 'name' };
const SEARCHABLE = SEARCH_TYPES.map((label) => ({ label, prop: NAME_PROP[label] }));

const MAX_AGE_MS = 30_000;

interface Entry extends SearchHit {
  folded: string;
}

export class SearchIndex {
  private entries: Entry[] = [];
  private builtAt = 0;
  private building: Promise<void> | null = null;

  constructor(private readonly store: GraphStore) {}

  private async rebuild(): Promise<void> {
    const entries: Entry[] = [];
    for (const { label, prop } of SEARCHABLE) {
      const date = label === 'Conference' ? ', n.date AS date' : '';
      const res = await this.store.query(`MATCH (n:${label}) RETURN n.id AS id, n.${prop} AS name${date}`, {}, { readOnly: true });
      for (const row of res.rows) {
        const id = row.id;
        if (typeof id !== 'string') continue;
        const raw = typeof row.name === 'string' && row.name ? row.name : null;
        const name = raw ?? (label === 'Conference' ? `Hội nghị ${typeof row.date === 'string' ? row.date : ''}`.trim() : id);
        entries.push({ id, type: label, name, folded: fold(name) });
      }
    }
    this.entries = entries;
    this.builtAt = Date.now();
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.builtAt < MAX_AGE_MS) return;
    this.building ??= this.rebuild().finally(() => (this.building = null));
    await this.building;
  }

  /** Every query word must occur; whole-name prefix beats word prefix beats substring. */
  async search(q: string, types: string[] | null, limit: number): Promise<SearchHit[]> {
    await this.fresh();
    const fq = fold(q);
    const words = fq.split(' ').filter(Boolean);
    if (words.length === 0) return [];
    const scored: { e: Entry; score: number }[] = [];
    for (const e of this.entries) {
      if (types && !types.includes(e.type)) continue;
      if (!words.every((w) => e.folded.includes(w))) continue;
      const score = e.folded === fq ? 0 : e.folded.startsWith(fq) ? 1 : words.every((w) => ` ${e.folded}`.includes(` ${w}`)) ? 2 : 3;
      scored.push({ e, score });
    }
    scored.sort((a, b) => a.score - b.score || a.e.name.length - b.e.name.length || a.e.name.localeCompare(b.e.name, 'vi'));
    return scored.slice(0, limit).map(({ e }) => ({ id: e.id, type: e.type, name: e.name }));
  }
}
