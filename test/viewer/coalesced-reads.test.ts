import { describe, expect, it } from 'vitest';
import type { Row } from '../../graph/store.js';
import { Coalescer } from '../../viewer/server/coalesced-reads.js';

/** A fake store read: records each call, answers one row per key (two for 'twice'), after `gate` opens. */
function recorder() {
  const calls: { cypher: string; params: Record<string, unknown> }[] = [];
  let open: () => void = () => {};
  let gate = new Promise<void>((r) => (open = r));
  const run = async (cypher: string, params: Record<string, unknown>): Promise<Row[]> => {
    calls.push({ cypher, params });
    await gate;
    if (params.keys === undefined) return [{ value: `${String(params.id)}!` }];
    const keys = params.keys as string[];
    if (keys.includes('boom')) throw new Error('store said no');
    return keys.flatMap((k): Row[] => (k === 'twice' ? [{ key: k, value: 1 }, { key: k, value: 2 }] : [{ key: k, value: k.toUpperCase() }]));
  };
  return {
    calls,
    run,
    release: () => {
      open();
      gate = Promise.resolve();
    },
  };
}

const SHAPE = { many: 'MATCH (n:Person) WHERE n.id IN $keys RETURN n.id AS key, n.name AS value', one: 'MATCH (n:Person {id: $id}) RETURN n.name AS value' };
const tick = () => new Promise((r) => setImmediate(r));

describe('Coalescer', () => {
  it('reads a key asked alone with the one-key text', async () => {
    const r = recorder();
    r.release();
    const rows = await new Coalescer(r.run).rows(SHAPE, 'a');
    expect(rows).toEqual([{ value: 'a!' }]);
    expect(r.calls).toEqual([{ cypher: SHAPE.one, params: { id: 'a' } }]);
  });

  it('sends keys asked while a read of the shape runs together in the next read, each caller getting its own rows', async () => {
    const r = recorder();
    const c = new Coalescer(r.run);
    const first = c.rows(SHAPE, 'a');
    await tick();
    // 'a' is being read; these wait and go together.
    const later = [c.rows(SHAPE, 'b'), c.rows(SHAPE, 'twice'), c.rows(SHAPE, 'b')];
    await tick();
    expect(r.calls.length).toBe(1);
    r.release();
    expect(await first).toEqual([{ value: 'a!' }]);
    expect(await Promise.all(later)).toEqual([[{ key: 'b', value: 'B' }], [{ key: 'twice', value: 1 }, { key: 'twice', value: 2 }], [{ key: 'b', value: 'B' }]]);
    expect(r.calls.length).toBe(2);
    // Each key once in the read, however many asked for it.
    expect(r.calls[1]).toEqual({ cypher: SHAPE.many, params: { keys: ['b', 'twice'] } });
    expect(c.sent).toEqual({ reads: 2, keys: 3 });
  });

  it('keys asked in one tick go in one read', async () => {
    const r = recorder();
    r.release();
    const c = new Coalescer(r.run);
    const rows = await Promise.all(['x', 'y', 'z'].map((k) => c.rows(SHAPE, k)));
    expect(rows.map((list) => list[0]!.value)).toEqual(['X', 'Y', 'Z']);
    expect(r.calls).toEqual([{ cypher: SHAPE.many, params: { keys: ['x', 'y', 'z'] } }]);
  });

  it('gives a key no row has an empty list', async () => {
    const run = async (): Promise<Row[]> => [{ key: 'x', value: 1 }];
    const c = new Coalescer(run);
    expect(await Promise.all([c.rows(SHAPE, 'x'), c.rows(SHAPE, 'nobody')])).toEqual([[{ key: 'x', value: 1 }], []]);
  });

  it('splits a crowd into reads of at most maxBatch keys', async () => {
    const r = recorder();
    r.release();
    const c = new Coalescer(r.run, { maxBatch: 2, inFlight: 3 });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((k) => c.rows(SHAPE, k)));
    expect(r.calls.map((call) => call.params.keys ?? [call.params.id])).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('runs at most inFlight reads of a shape at once, and reads of different shapes side by side', async () => {
    const r = recorder();
    const c = new Coalescer(r.run, { maxBatch: 1, inFlight: 2 });
    const other = { many: SHAPE.many.replace('Person', 'Conference'), one: SHAPE.one.replace('Person', 'Conference') };
    const pending = [...['a', 'b', 'c', 'd'].map((k) => c.rows(SHAPE, k)), c.rows(other, 'q')];
    await tick();
    await tick();
    expect(r.calls.filter((call) => call.cypher.includes('Person')).length).toBe(2);
    expect(r.calls.filter((call) => call.cypher.includes('Conference')).length).toBe(1);
    r.release();
    await Promise.all(pending);
    expect(r.calls.length).toBe(5);
  });

  it('rejects every caller of a failed read, and later reads still run', async () => {
    const r = recorder();
    r.release();
    const c = new Coalescer(r.run);
    const failed = await Promise.allSettled([c.rows(SHAPE, 'boom'), c.rows(SHAPE, 'a')]);
    expect(failed.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    expect((failed[0] as PromiseRejectedResult).reason.message).toBe('store said no');
    expect(await c.rows(SHAPE, 'a')).toEqual([{ value: 'a!' }]);
  });
});
