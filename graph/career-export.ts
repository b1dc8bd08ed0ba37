import { stringify } from 'csv-stringify';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import type { GraphStore, Row } from './store.js';

/**
 * Careers as a table, one row per spell — the shape political-science career databases (CPED and
 * the like) use: person, post, its body, level and province, start and end with the events behind
 * them, status, first and last seen, and the reports that show it. Streamed page by page, so an
 * archive's millions of spells never sit in memory at once.
 */

export const CAREER_COLUMNS = [
  'person_id',
  'name',
  'post_title',
  'body',
  'body_level',
  'province',
  'start',
  'start_event',
  'end',
  'end_event',
  'end_inferred',
  'succeeded_on',
  'status',
  'acting',
  'first_seen',
  'last_seen',
  'sources',
] as const;

const PAGE = 5_000;

/** Writes the career table of every person (or of the persons whose id is in `only`) as CSV to `out`; returns the number of spells. */
export async function exportCareers(store: GraphStore, out: Writable, only?: string[]): Promise<number> {
  const csv = stringify({ header: true, columns: [...CAREER_COLUMNS], cast: { boolean: (v) => (v ? 'true' : 'false') } });
  csv.pipe(out);
  let spells = 0;
  const write = async (record: Record<string, unknown>): Promise<void> => {
    if (!csv.write(record)) await once(csv, 'drain');
  };
  const pages = only ? [only] : pagesOfPersons(store);
  for await (const ids of pages) {
    if (ids.length === 0) continue;
    const res = await store.query(
      `UNWIND $ids AS i MATCH (p:Person {id: i})-[h:HELD]->(pos:Position)
RETURN p.id AS id, p.name AS name, pos.title AS title, pos.body AS body, pos.level AS level, pos.province AS province,
  h.startDate AS startDate, h.startEvent AS startEvent, h.endDate AS endDate, h.endEvent AS endEvent, h.endInferred AS endInferred,
  h.succeededOn AS succeededOn, h.status AS status, h.acting AS acting, h.firstSeen AS firstSeen, h.lastSeen AS lastSeen, h.sources AS sources`,
      { ids },
      { readOnly: true },
    );
    const files = await articleFiles(store, res.rows);
    const rows = [...res.rows].sort((a, b) => cmp(a.id, b.id) || cmp(a.startDate ?? a.firstSeen, b.startDate ?? b.firstSeen) || cmp(a.title, b.title));
    for (const r of rows) {
      await write({
        person_id: r.id,
        name: r.name,
        post_title: r.title,
        body: r.body,
        body_level: r.level,
        province: r.province,
        start: r.startDate,
        start_event: r.startEvent,
        end: r.endDate,
        end_event: r.endEvent,
        end_inferred: r.endInferred,
        succeeded_on: r.succeededOn,
        status: r.status,
        acting: r.acting,
        first_seen: r.firstSeen,
        last_seen: r.lastSeen,
        sources: ((r.sources as string[] | null) ?? []).map((s) => files.get(s) ?? s).join(';'),
      });
      spells++;
    }
  }
  csv.end();
  await once(csv, 'end');
  return spells;
}

const cmp = (a: unknown, b: unknown): number => String(a ?? '').localeCompare(String(b ?? ''));

/** Person ids in pages, in id order (each page starts after the last id of the one before). */
async function* pagesOfPersons(store: GraphStore): AsyncGenerator<string[]> {
  let after = '';
  for (;;) {
    const res = await store.query('MATCH (p:Person) WHERE p.id > $after RETURN p.id AS id ORDER BY id LIMIT $n', { after, n: PAGE }, { readOnly: true });
    const ids = res.rows.map((r) => String(r.id));
    if (ids.length === 0) return;
    yield ids;
    after = ids[ids.length - 1]!;
  }
}

async function articleFiles(store: GraphStore, rows: Row[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((r) => (r.sources as string[] | null) ?? []))];
  if (ids.length === 0) return new Map();
  const res = await store.query('UNWIND $ids AS i MATCH (a:Article {id: i}) RETURN a.id AS id, a.file AS file', { ids }, { readOnly: true });
  return new Map(res.rows.map((r) => [String(r.id), String(r.file)]));
}
