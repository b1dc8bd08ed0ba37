import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addJudgement, applyJudgements, loadJudgements, type Judgement } from '../../graph/judgements.js';
import { mentionId, nameBlockId } from '../../graph/ids.js';

const dir = () => mkdtempSync(join(tmpdir(), 'judgements-'));
const same: Judgement = { kind: 'same', a: { article: 'r1.txt', name: 'Trương Minh Khoa' }, b: { article: 'r2.txt', name: 'Trương Minh Khoa' } };

describe('judgements', () => {
  it('reads no judgements when there is no file, and records one once', () => {
    const f = join(dir(), 'data', 'judgements.json');
    expect(loadJudgements(f)).toEqual([]);
    expect(addJudgement(f, same).added).toBe(true);
    // The same pair named the other way round is the same judgement.
    expect(addJudgement(f, { ...same, a: same.b, b: same.a }).added).toBe(false);
    expect(loadJudgements(f)).toEqual([same]);
    expect(JSON.parse(readFileSync(f, 'utf8'))).toHaveLength(1);
  });

  it('names the file and the reason when the file is bad', () => {
    const f = join(dir(), 'j.json');
    writeFileSync(f, '{not json');
    expect(() => loadJudgements(f)).toThrow(new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: not valid JSON`));
    writeFileSync(f, JSON.stringify([{ kind: 'maybe', a: same.a, b: same.b }]));
    expect(() => loadJudgements(f)).toThrow(/judgement 0\.kind/);
  });

  it('turns refs into mention ids (file names through the store, article ids as they are) and fingerprints the blocks they touch', () => {
    const files: Record<string, string[]> = { 'r1.txt': ['art_1'], 'r2.txt': ['art_2'] };
    const applied = applyJudgements([same, { kind: 'different', a: { article: 'art_3', name: 'Hà Thị Ngân' }, b: { article: 'r9.txt', name: 'Hà Thị Ngân' } }], (f) => files[f] ?? []);
    expect(applied.same).toEqual([[mentionId('art_1', 'trương minh khoa'), mentionId('art_2', 'trương minh khoa')]]);
    expect(applied.different).toEqual([]);
    expect(applied.unresolved).toHaveLength(1);
    expect([...applied.fingerprints.keys()]).toEqual([nameBlockId('trương minh khoa')]);
    expect(applied.linked).toEqual([[nameBlockId('trương minh khoa'), nameBlockId('trương minh khoa')]]);
  });
});
