/**
 * npx tsx scripts/extract-digest.ts [--out FILE] [--reports N] — a guard for speed work on the extractor:
 * extracts a fixed set (data/articles, ../shared/corpus/articles, ../shared/corpus/timeline/articles
 * and N = 2,000 generated reports of the default seed) and prints one digest of all outputs, last:
 * `digest: <sha256>`. With --out, writes one line per file (`<set>/<name> <sha256>`) to diff when
 * the digest moves. An optimisation keeps the digest identical; a change that moves it alters output.
 * Each file is read from disk with ingest/read.ts, as `npm run ingest` reads it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeCorpus } from './generate-corpus.js';
import { readSources } from '../ingest/read.js';
import { extractArticle } from '../ingest/extract.js';

const { values: opts } = parseArgs({ options: { out: { type: 'string' }, reports: { type: 'string', default: '2000' } } });
const n = Number(opts.reports);
if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--reports takes a whole number ≥ 1, not '${opts.reports}'`);
const root = join(import.meta.dirname, '..');
const sets: Array<[string, string]> = [
  ['data', join(root, 'data/articles')],
  ['shared', join(root, '../shared/corpus/articles')],
  ['timeline', join(root, '../shared/corpus/timeline/articles')],
];

const lines: string[] = [];
async function digestDir(label: string, dir: string): Promise<number> {
  const entries: string[] = [];
  for await (const s of readSources([dir])) {
    // A file that cannot be read or extracted is part of the output too: its reason is digested.
    let out: string;
    if (!s.ok) out = `unread: ${s.reason}`;
    else {
      try {
        out = JSON.stringify(extractArticle(s.name, s.text));
      } catch (e) {
        out = `failed: ${(e as Error).message}`;
      }
    }
    const rel = s.file.slice(dir.length + 1);
    entries.push(`${label}/${rel} ${createHash('sha256').update(out).digest('hex')}`);
  }
  entries.sort();
  lines.push(...entries);
  return entries.length;
}

for (const [label, dir] of sets) {
  if (!existsSync(dir)) throw new Error(`${dir}: missing; the digest needs every set`);
  console.log(`${label}: ${await digestDir(label, dir)} files`);
}
const gen = mkdtempSync(join(tmpdir(), 'extract-digest-'));
try {
  await writeCorpus(gen, n, { writers: 0 });
  console.log(`generated: ${await digestDir('generated', gen)} files`);
} finally {
  rmSync(gen, { recursive: true, force: true });
}
if (opts.out) writeFileSync(opts.out, lines.join('\n') + '\n');
console.log(`digest: ${createHash('sha256').update(lines.join('\n')).digest('hex')}`);
