import kuzu from 'kuzu';
import { describe, expect, it } from 'vitest';
import { decodeEdgeList, EDGE_LIST_MARK, encodeEdgeList, kuzuEdgeList } from '../../graph/kuzu-edge-lists.js';

async function rows(c: InstanceType<typeof kuzu.Connection>, q: string): Promise<Record<string, unknown>[]> {
  const r = await c.query(q);
  const res = Array.isArray(r) ? r[r.length - 1]! : r;
  const out = (await res.getAll()) as Record<string, unknown>[];
  res.close();
  return out;
}

describe('edge lists kept as one string', () => {
  it('round-trips a list, the empty list included, and drops empty items', () => {
    for (const v of [['art_1'], ['art_1', 'art_2#3'], []]) expect(decodeEdgeList(encodeEdgeList(v)!)).toEqual(v);
    expect(decodeEdgeList(encodeEdgeList(['a', '', 'b'])!)).toEqual(['a', 'b']);
    expect(encodeEdgeList(null)).toBeNull();
  });

  it('turns the separator inside an item into a space, so items never split', () => {
    expect(decodeEdgeList(encodeEdgeList(['a|b', 'c'])!)).toEqual(['a b', 'c']);
  });

  it('leaves a string that is not an encoded list alone', () => {
    expect(decodeEdgeList('Chủ tịch UBND tỉnh')).toBeNull();
    expect(decodeEdgeList('')).toBeNull();
    expect(encodeEdgeList([])).toBe(EDGE_LIST_MARK);
  });

  it('gives the list back inside Kùzu Cypher, row by row, over a relationship pattern', async () => {
    const db = new kuzu.Database(':memory:');
    const c = new kuzu.Connection(db);
    try {
      await rows(c, 'CREATE NODE TABLE A(id STRING PRIMARY KEY)');
      await rows(c, 'CREATE REL TABLE T(FROM A TO A, s STRING)');
      // Lists of every length side by side: Kùzu 0.11.3 cut some rows to '' with a per-row substring length.
      const want = new Map<string, string[]>();
      for (let i = 0; i < 40; i++) {
        const list = Array.from({ length: i % 5 }, (_, k) => `art_${i}_${k}`);
        want.set(`a${i}`, list);
        await rows(c, `CREATE (:A {id: 'a${i}'})-[:T {s: '${encodeEdgeList(list)}'}]->(:A {id: 'b${i}'})`);
      }
      const got = await rows(
        c,
        `MATCH (a:A)-[r:T]->(:A) RETURN a.id AS id, ${kuzuEdgeList('r.s')} AS l, list_to_string(';', ${kuzuEdgeList('r.s')}) AS j, 'art_3_1' IN ${kuzuEdgeList('r.s')} AS has, size(${kuzuEdgeList('r.s')}) AS n`,
      );
      expect(got).toHaveLength(40);
      for (const r of got) {
        const list = want.get(String(r.id))!;
        expect(r.l).toEqual(list);
        expect(r.j).toBe(list.join(';'));
        expect(r.has).toBe(r.id === 'a3');
        expect(r.n).toBe(list.length);
      }
    } finally {
      await c.close();
      await db.close();
    }
  });
});
