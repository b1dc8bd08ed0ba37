import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { CAREER_COLUMNS, exportCareers } from '../../graph/career-export.js';
import { ingestExtractions } from '../../graph/ingest.js';
import { KuzuStore } from '../../graph/kuzu-store.js';
import { loadFixtures } from './fixtures.js';

async function csvOf(store: KuzuStore, only?: string[]): Promise<Record<string, string>[]> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await exportCareers(store, out, only);
  return parse(Buffer.concat(chunks).toString('utf8'), { columns: true }) as Record<string, string>[];
}

describe('exportCareers', () => {
  let store: KuzuStore;
  beforeAll(async () => {
    store = new KuzuStore({ path: join(mkdtempSync(join(tmpdir(), 'careers-')), 'db'), bufferPoolBytes: 64 * 1024 * 1024 });
    await store.init();
    await ingestExtractions(loadFixtures(), store);
  });
  afterAll(async () => {
    await store.close();
  });

  it('writes one row per spell with the career-database columns, sources as file names', async () => {
    const rows = await csvOf(store);
    expect(Object.keys(rows[0]!)).toEqual([...CAREER_COLUMNS]);
    const held = await store.query('MATCH (:Person)-[h:HELD]->(:Position) RETURN count(h) AS n');
    expect(rows).toHaveLength(Number(held.rows[0]!.n));
    const khai = rows.filter((r) => r.name === 'Trần Văn Khải' && r.province === 'Lâm Đồng');
    const deputy = khai.find((r) => r.post_title === 'Phó Chủ tịch')!;
    expect(deputy).toMatchObject({ body: 'Ủy ban nhân dân tỉnh Lâm Đồng', body_level: 'province', first_seen: '2023-12-22', end: '2024-01-10', end_inferred: 'true', status: 'former', sources: '101_ld_danvan_2023.txt' });
  });

  it('narrows to the persons asked for', async () => {
    const id = String((await store.query("MATCH (p:Person) WHERE p.name = 'Phạm Quốc Bảo' AND p.scope = 'lâm đồng' RETURN p.id AS id")).rows[0]!.id);
    const rows = await csvOf(store, [id]);
    expect(new Set(rows.map((r) => r.person_id))).toEqual(new Set([id]));
    expect(rows[0]!.sources!.split(';').sort()).toEqual(['101_ld_danvan_2023.txt', '102_ld_ubnd_2024.txt']);
  });
});
