import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../ingest/extract.js';
import { Extraction } from '../../ingest/extraction-schema.js';
import { toSourceText } from '../../ingest/normalize.js';

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
