import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extraction } from '../../ingest/extraction-schema.js';

/** Hand-written extractions (invented people): two Lâm Đồng reports and one Quảng Ninh report. */
const DIR = fileURLToPath(new URL('../fixtures/extractions/', import.meta.url));

export function loadFixtures(): Extraction[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => Extraction.parse(JSON.parse(readFileSync(join(DIR, f), 'utf8'))));
}

export function fixture(prefix: 'a' | 'b' | 'c'): Extraction {
  const x = loadFixtures().find((e) => e.article.startsWith({ a: '101', b: '102', c: '201' }[prefix]));
  if (!x) throw new Error(`no fixture ${prefix}`);
  return structuredClone(x);
}
