import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../ingest/extract.js';
import { Extraction } from '../../ingest/extraction-schema.js';
import { toSourceText } from '../../ingest/normalize.js';
import { MAX_SENTENCE } from '../../ingest/sentences.js';

const dir = join(__dirname, '../fixtures/articles');
const texts = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));

describe('extraction on mangled input', () => {
  it('never throws and always returns a valid extraction with in-range evidence, on cut, shuffled and re-punctuated fragments', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 400; i++) {
      const t = texts[i % texts.length]!;
      const a = Math.floor(rnd() * t.length);
      const b = Math.floor(rnd() * t.length);
      let s = t.slice(Math.min(a, b), Math.max(a, b));
      if (rnd() < 0.3) s = s.split('\n').sort(() => rnd() - 0.5).join('\n');
      if (rnd() < 0.3) s = s.replace(/[,.;-]/g, () => ['(', ')', ':', ' - ', '', 'Ð'][Math.floor(rnd() * 6)]!);
      const x = extractArticle(`f${i}.txt`, s);
      expect(Extraction.safeParse(x).success).toBe(true);
      const src = toSourceText(s);
      for (const e of x.evidence) {
        const s = x.sentences[e.sentence]!;
        expect(src.slice(s.start, s.end)).toBe(s.text);
      }
    }
  });
});

describe('extraction of a very long list', () => {
  // Distinct four-syllable names, all on one line of one report, each with a post.
  const given = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Khánh', 'Lâm', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Vinh', 'Yến', 'Hưng', 'Thảo'];
  const surnames = ['Nguyễn', 'Trần', 'Phạm', 'Vũ'];
  const list = (n: number) =>
    `Sáng 5/3/2024, Ban Tổ chức Tỉnh ủy tổ chức hội nghị. Tham dự có các đồng chí ${Array.from(
      { length: n },
      (_, i) => `${surnames[i % 4]} ${given[(i >> 2) % 16]} ${given[(i >> 6) % 16]} ${given[(i >> 10) % 16]}, Phó Chủ tịch UBND xã`,
    ).join('; ')}.\n`;
  const run = (n: number) => {
    const text = list(n);
    const t0 = performance.now();
    const x = extractArticle('list.txt', text);
    return { bytes: Buffer.byteLength(text), ms: performance.now() - t0, out: JSON.stringify(x).length, x };
  };

  it('gives output linear in the input, no sentence longer than the cap, and finishes in seconds (a 400 KB list included)', () => {
    const small = run(2000);
    const large = run(8000);
    expect(large.x.people).toHaveLength(8000);
    // Each sentence is stored once and evidence points at it: four times the names, about four times the output.
    const ratio = large.out / small.out;
    expect(ratio).toBeGreaterThan(3.5);
    expect(ratio).toBeLessThan(4.5);
    expect(large.out / large.bytes).toBeLessThan(20);
    expect(large.bytes).toBeGreaterThan(400_000);
    expect(Math.max(...large.x.sentences.map((s) => s.text.length))).toBeLessThanOrEqual(MAX_SENTENCE);
    expect(large.ms).toBeLessThan(30_000);
  });
});
