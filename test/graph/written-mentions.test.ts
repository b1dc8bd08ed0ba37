import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addArticleRows } from '../../graph/article-rows.js';
import { BatchBuilder } from '../../graph/batch.js';
import { provinceGazetteer } from '../../graph/gazetteer.js';
import type { GraphBatch } from '../../graph/schema.js';
import { WrittenMentions } from '../../graph/written-mentions.js';
import { loadFixtures } from './fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'written-mentions-test-'));
let n = 0;
const scratch = (): string => join(root, `s${n++}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const rowsOf = (x: ReturnType<typeof loadFixtures>[number]): GraphBatch => {
  const bb = new BatchBuilder();
  addArticleRows(bb, x, provinceGazetteer);
  return bb.build();
};

/** Every block of these batches with its mentions as the batches hold them (id → parsed data). */
function byBlock(batches: GraphBatch[]): Map<string, Map<string, unknown>> {
  const out = new Map<string, Map<string, unknown>>();
  for (const b of batches) {
    const mention = new Map(b.nodes.Mention.map((m) => [m.id, m]));
    for (const e of b.edges.NAMED) (out.get(e.target) ?? out.set(e.target, new Map()).get(e.target)!).set(e.source, JSON.parse(mention.get(e.source)!.data));
  }
  return out;
}

describe('WrittenMentions', () => {
  it('answers each block with every mention of the batches added, whatever the batch, with its name key and data', () => {
    const batches = loadFixtures().map(rowsOf);
    const w = WrittenMentions.start(scratch(), false)!;
    for (const b of batches) w.add(b);
    const want = byBlock(batches);
    expect(want.size).toBeGreaterThan(3);
    // Blocks in any order: a bucket read again after another one answers the same.
    for (const block of [...want.keys(), ...[...want.keys()].reverse()]) {
      const got = w.mentionsOf(block)!;
      expect(new Map(got.map((r) => [r.id, r.data]))).toEqual(want.get(block));
      const keys = new Map(batches.flatMap((b) => b.nodes.Mention).map((m) => [m.id, m.nameKey]));
      for (const r of got) expect(r.nameKey).toBe(keys.get(r.id));
    }
    expect(w.mentionsOf('nam_0000000000000000')).toEqual([]);
    w.close();
  });

  it('is not started on a store that already holds mentions, nor without a folder of its own', () => {
    expect(WrittenMentions.start(scratch(), true)).toBeNull();
    expect(WrittenMentions.start(undefined, false)).toBeNull();
  });

  it('stops answering for any block once a batch could not be added', () => {
    const [first, second] = loadFixtures().map(rowsOf);
    const dir = scratch();
    const w = WrittenMentions.start(dir, false)!;
    w.add(first!);
    const block = first!.edges.NAMED[0]!.target;
    expect(w.mentionsOf(block)).not.toBeNull();
    // Its files gone (the folder removed under it): the next batch cannot be added.
    rmSync(dir, { recursive: true, force: true });
    w.add(second!);
    expect(w.complete).toBe(false);
    expect(w.mentionsOf(block)).toBeNull();
  });

  it('answers for no block once told a write to the store failed', () => {
    const batch = rowsOf(loadFixtures()[0]!);
    const w = WrittenMentions.start(scratch(), false)!;
    w.add(batch);
    w.invalidate();
    // What lands afterwards is not enough: the failed write may have landed in part.
    w.add(rowsOf(loadFixtures()[1]!));
    expect(w.complete).toBe(false);
    expect(w.mentionsOf(batch.edges.NAMED[0]!.target)).toBeNull();
  });

  it('removes its files when closed', () => {
    const dir = scratch();
    const w = WrittenMentions.start(dir, false)!;
    w.add(rowsOf(loadFixtures()[0]!));
    expect(existsSync(join(dir, 'written-mentions'))).toBe(true);
    w.close();
    expect(existsSync(join(dir, 'written-mentions'))).toBe(false);
  });
});
