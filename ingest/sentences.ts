import type { Line } from './boilerplate.js';

export interface Sentence {
  /** Offsets in the source text, [start, end). */
  start: number;
  end: number;
  text: string;
  /** Index of the line the sentence comes from (captions are lines of their own). */
  line: number;
}

// Tokens that end with a period without ending a sentence.
const DOTTED = /(?:^|[\s(])(?:TP|Tp|TS|ThS|GS|PGS|BS|Q|P|TX|TT|Th\.S|KS|CN|St|tr|v\.v|Mr|Mrs|[\p{Lu}])\.$/u;

/**
 * The longest sentence kept whole. A longer one (a list of thousands of names on one line) is cut at
 * a ';', else a ',', else a space before this length, so the work on each sentence, and the evidence
 * that quotes it, stay bounded and the whole run stays linear in its input.
 */
export const MAX_SENTENCE = 2000;

/** Splits lines into sentences at '.', '!', '?' followed by a capital, quote, bracket or digit. */
export function splitSentences(text: string, lines: Line[]): Sentence[] {
  const out: Sentence[] = [];
  lines.forEach((line, li) => {
    let s = line.start;
    const keep = (a: number, b: number) => {
      if (b > a && /[\p{L}\p{N}]/u.test(text.slice(a, b))) out.push({ start: a, end: b, text: text.slice(a, b), line: li });
    };
    const push = (e: number) => {
      let a = s;
      let b = e;
      while (a < b && /\s/.test(text[a]!)) a++;
      while (b > a && /\s/.test(text[b - 1]!)) b--;
      while (b - a > MAX_SENTENCE) {
        const window = text.slice(a, a + MAX_SENTENCE);
        const cut = [window.lastIndexOf(';'), window.lastIndexOf(','), window.lastIndexOf(' ')].find((c) => c > MAX_SENTENCE / 2) ?? MAX_SENTENCE - 1;
        keep(a, a + cut + 1);
        a += cut + 1;
        while (a < b && /\s/.test(text[a]!)) a++;
      }
      keep(a, b);
    };
    const re = /[.!?…]+["”')]*(?=\s+["“(]?[\p{Lu}\p{N}])/gu;
    const seg = text.slice(line.start, line.end);
    let m: RegExpExecArray | null;
    while ((m = re.exec(seg))) {
      const endAbs = line.start + m.index + m[0].length;
      // Only the word before the period matters ('TP.', 'TS.').
      const before = text.slice(Math.max(s, line.start + m.index - 8), line.start + m.index + 1);
      if (DOTTED.test(before.trimEnd())) continue;
      push(endAbs);
      s = endAbs;
    }
    push(line.end);
  });
  return out;
}
