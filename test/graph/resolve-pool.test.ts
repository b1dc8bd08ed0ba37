import { afterEach, describe, expect, it } from 'vitest';
import { provinceGroup } from '../../graph/gazetteer.js';
import type { MentionRecord } from '../../graph/mention-record.js';
import { ResolvePool } from '../../graph/resolve-pool.js';
import { resolveMentions } from '../../graph/resolve.js';
import { mention } from './mention-fixtures.js';

/** Blocks of invented officials: one large block (careers in several provinces, namesakes among them) and small ones. */
function blocks(): MentionRecord[][] {
  const provinces = ['Nghệ An', 'Hà Tĩnh', 'Quảng Bình', 'Yên Bái', 'Lào Cai'];
  const large = Array.from({ length: 200 }, (_, i) => {
    const prov = provinces[i % 5]!;
    const title = i % 3 === 0 ? 'Chủ tịch' : 'Phó Chủ tịch';
    return mention({ article: `pool-l${i}.txt`, name: 'Đặng Quốc Hưng', date: `${2015 + (i % 10)}-0${1 + (i % 9)}-1${i % 10}`, province: prov, posts: [{ title, body: `Ủy ban nhân dân tỉnh ${prov}`, province: prov }] });
  });
  const small = Array.from({ length: 12 }, (_, k) =>
    Array.from({ length: 1 + (k % 4) }, (_, i) =>
      mention({ article: `pool-s${k}-${i}.txt`, name: `Lê Thị Thu ${['An', 'Bình', 'Cúc', 'Dung'][k % 4]} ${k}`, date: `202${i}-03-0${1 + i}`, province: 'Thanh Hóa', gender: 'female', posts: [{ title: 'Bí thư', body: 'Huyện ủy Quảng Xương', province: 'Thanh Hóa' }] }),
    ),
  );
  return [small[0]!, large, ...small.slice(1)];
}

const pools: ResolvePool[] = [];
const poolOf = (...args: ConstructorParameters<typeof ResolvePool>): ResolvePool => {
  const p = new ResolvePool(...args);
  pools.push(p);
  return p;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('ResolvePool', () => {
  it('gives each group, in order, the people this thread gives it, whichever thread resolved it', async () => {
    const gs = blocks();
    const judged = { same: [], different: [] };
    const expected = gs.map((g) => resolveMentions(g, { placeGroup: provinceGroup }));
    expect(expected[1]!.length).toBeGreaterThan(1);
    for (const workers of [0, 1, 2]) expect(await poolOf(workers, judged).resolve(gs)).toEqual(expected);
  });

  it("hands analysts' judgements to the workers: a 'same' pair comes back joined, with its infinite score", async () => {
    const gs = blocks();
    // A small block: the large one keeps this thread busy, so the small ones go to the workers.
    const [a, b] = [gs[2]![0]!, gs[2]![1]!];
    const judged = { same: [[a.id, b.id] as const], different: [] };
    const got = await poolOf(2, judged).resolve(gs);
    const person = got[2]!.find((p) => p.members.includes(a.id))!;
    expect(person.members).toContain(b.id);
    expect(person.links.get(a.id < b.id ? b.id : a.id)).toMatchObject({ score: Infinity, reasons: ['judged the same by an analyst'] });
    expect(got).toEqual(gs.map((g) => resolveMentions(g, { placeGroup: provinceGroup, same: judged.same })));
  });

  it('takes back the share of a worker that dies, says so once, and still gives every group its people', async () => {
    const gs = blocks();
    const notices: string[] = [];
    const pool = poolOf(1, { same: [], different: [] }, { onNotice: (m) => notices.push(m), workerModule: new URL('./crashing-resolve-worker.ts', import.meta.url) });
    const expected = gs.map((g) => resolveMentions(g, { placeGroup: provinceGroup }));
    expect(await pool.resolve(gs)).toEqual(expected);
    expect(await pool.resolve(gs)).toEqual(expected);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/resolution worker failed \(exited with code 7\)/);
  });
});
