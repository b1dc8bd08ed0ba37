import { parseEvidencePointer } from './ids.js';
import type { GraphStore } from './store.js';

/**
 * Evidence pointers (`art_…#n`, as fact edges store them) back to their sentences: one query for
 * every article they cite. What the viewer's API and the career export show as a fact's source.
 */

export interface Sighting {
  /** Article id, file name and headline. */
  article: string;
  file: string | null;
  headline: string | null;
  /** The sentence and its [start, end) offsets in the decoded source text. */
  sentence: string | null;
  start: number | null;
  end: number | null;
}

/** Pointer → its sighting; pointers to articles not stored (or not pointers) are left out. */
export async function sightings(store: GraphStore, pointers: string[]): Promise<Map<string, Sighting>> {
  const parsed = new Map<string, { article: string; sentence: number }>();
  for (const p of pointers) {
    const x = parseEvidencePointer(p);
    if (x) parsed.set(p, x);
  }
  const out = new Map<string, Sighting>();
  const ids = [...new Set([...parsed.values()].map((x) => x.article))];
  if (ids.length === 0) return out;
  const res = await store.query('MATCH (a:Article) WHERE a.id IN $ids RETURN a.id AS id, a.file AS file, a.headline AS headline, a.sentences AS sentences', { ids }, { readOnly: true });
  const byId = new Map(res.rows.map((r) => [String(r.id), r]));
  for (const [p, x] of parsed) {
    const row = byId.get(x.article);
    if (!row) continue;
    const raw = (row.sentences as string[] | null)?.[x.sentence];
    let s: { text?: string; start?: number; end?: number } = {};
    try {
      s = raw ? (JSON.parse(raw) as typeof s) : {};
    } catch {
      // A malformed entry gives a sighting without its sentence rather than none.
    }
    out.set(p, {
      article: x.article,
      file: row.file === null ? null : String(row.file),
      headline: row.headline === null ? null : String(row.headline),
      sentence: s.text ?? null,
      start: s.start ?? null,
      end: s.end ?? null,
    });
  }
  return out;
}
