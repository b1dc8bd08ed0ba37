import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractInWorkers } from '../../ingest/extract-pool.js';
import { listFiles } from '../../ingest/read.js';
import { addArticleRows } from '../../graph/article-rows.js';
import { BatchBuilder } from '../../graph/batch.js';
import { provinceGazetteer } from '../../graph/gazetteer.js';
import { KuzuStore } from '../../graph/kuzu-store.js';
import { NODES, NODE_LABELS, type PropDef } from '../../graph/schema.js';
import { Neo4jStore } from '../../graph/neo4j-store.js';
import type { GraphStore } from '../../graph/store.js';
import { killAll, runIngest, writeReports, type IngestRun } from '../support/ingest-process.js';
import { emptyDatabase, neo4jForTests } from '../support/neo4j.js';
import { dumpStore } from './store-conformance.js';

/**
 * The user's path as real processes (`tsx graph/cli-ingest.ts DIR`): a run killed with SIGKILL at
 * a chosen point (the progress line it has just printed) and run again ends with exactly the
 * graph one clean run gives, in the embedded store and in Neo4j; two ingests running at the same
 * time into one Neo4j (overlapping folders, or the two shards of one folder) leave exactly the
 * graph of one clean run of all their reports. "Exactly": every node and edge with every property
 * (store-conformance's dump), Pending work rows included, so nothing is left half done.
 */

const server = await neo4jForTests();
const skip = 'skip' in server ? server.skip : undefined;
if (skip) console.warn(skip);

const REPORTS = 150;
// Small transactions, so a run has several groups and several resolution chunks to be killed between.
const SMALL = { INGEST_GROUP: '30', RESOLVE_CHUNK: '200', RESOLVE_POSTS: '200', KUZU_SETTLE_ROWS: '50' };
const ARGS = ['--workers', '0'];

// Progress lines (stderr, not a terminal): 'ingest: 25/200 reports (12%), …', 'resolve people: 150/700 name groups (21%), …'.
const FIRST_GROUP = /^ingest: \d+\/\d+ reports \(/;
const HALF_WAY = /^ingest: \d+\/\d+ reports \((4[5-9]|5\d)%\)/;
const IN_PEOPLE = /^resolve people: [\d,]+\/[\d,]+ name groups \(/;
// The embedded store's deferred rows being applied (KuzuStore.settle), between two of its transactions.
const IN_EDGES = /^write edges: [\d,]+\/[\d,]+ rows \(/;
const IN_SUCCESSIONS = /^successions: [\d,]+\/[\d,]+ posts \(/;

let tmp: string;
let corpus: string;

/**
 * What one dump holds beside another, compactly: per node or edge (the head of its line), the
 * properties whose values differ, then the lines only one side has (a few of each).
 */
function difference(want: string[], got: string[]): { changed: string[]; missing: string[]; extra: string[]; sizes: [number, number] } {
  const split = (l: string): [string, Record<string, unknown>] => {
    const at = l.indexOf(' {');
    return [l.slice(0, at), JSON.parse(l.slice(at + 1)) as Record<string, unknown>];
  };
  // Heads that name one line on each side (several edges of a type between two nodes differ by a key property).
  const once = (lines: string[]): Map<string, Record<string, unknown>> => {
    const m = new Map<string, Record<string, unknown> | null>();
    for (const [h, p] of lines.map(split)) m.set(h, m.has(h) ? null : p);
    return new Map([...m].filter((e): e is [string, Record<string, unknown>] => e[1] !== null));
  };
  const w = once(want);
  const g = once(got);
  const changed: string[] = [];
  for (const [head, props] of w) {
    const other = g.get(head);
    if (!other) continue;
    const keys = Object.keys(props).filter((k) => JSON.stringify(props[k]) !== JSON.stringify(other[k]));
    if (keys.length) changed.push(`${head}: ${keys.map((k) => `${k} ${JSON.stringify(props[k])} → ${JSON.stringify(other[k])}`).join('; ')}`);
  }
  const ws = new Set(want);
  const gs = new Set(got);
  return {
    changed: changed.slice(0, 10),
    missing: want.filter((l) => !gs.has(l) && !(w.has(split(l)[0]) && g.has(split(l)[0]))).slice(0, 8),
    extra: got.filter((l) => !ws.has(l) && !(w.has(split(l)[0]) && g.has(split(l)[0]))).slice(0, 8),
    sizes: [want.length, got.length],
  };
}

function expectSame(got: string[], want: string[]): void {
  expect(difference(want, got)).toEqual({ changed: [], missing: [], extra: [], sizes: [want.length, want.length] });
  // Duplicates (two equal edges) would not show in the comparison by head.
  expect(new Set(got).size).toBe(got.length);
}

/**
 * The node properties whose stored value depends on the order reports are loaded in, by the
 * model's own rule: a 'first' property (the first value written is kept) that reports of this
 * folder write with different values (a post written with and without its term, 'nhiệm kỳ …').
 * Two loads at once write in an order no clean run has, so these are left out of their comparison.
 */
async function orderDependent(dir: string): Promise<Map<string, Set<string>>> {
  const values = new Map<string, Set<string>>();
  for await (const r of extractInWorkers(listFiles([dir]), { workers: 0 })) {
    if ('reason' in r) throw new Error(`${r.file}: ${r.reason}`);
    const bb = new BatchBuilder();
    addArticleRows(bb, r.extraction, provinceGazetteer);
    const b = bb.build();
    for (const l of NODE_LABELS) {
      for (const [k, p] of Object.entries(NODES[l]) as [string, PropDef][]) {
        if (p.merge !== 'first') continue;
        for (const n of b.nodes[l] as Record<string, unknown>[]) {
          const key = `${l} ${String(n.id)}\t${k}`;
          (values.get(key) ?? values.set(key, new Set()).get(key)!).add(JSON.stringify(n[k] ?? null));
        }
      }
    }
  }
  const out = new Map<string, Set<string>>();
  for (const [key, vs] of values) {
    if (vs.size < 2) continue;
    const [head, prop] = key.split('\t') as [string, string];
    (out.get(head) ?? out.set(head, new Set()).get(head)!).add(prop);
  }
  return out;
}

/** A dump with those properties' values replaced by a marker. */
function masked(dump: string[], dependent: Map<string, Set<string>>): string[] {
  return dump
    .map((l) => {
      const at = l.indexOf(' {');
      const props = dependent.get(l.slice(0, at));
      if (!props) return l;
      const o = JSON.parse(l.slice(at + 1)) as Record<string, unknown>;
      for (const k of props) o[k] = '(depends on load order)';
      return `${l.slice(0, at)} ${JSON.stringify(o)}`;
    })
    .sort();
}

/** A run that must finish: exit 0, nothing failed. */
function expectFinished(run: IngestRun): void {
  expect(run.code, run.lines.slice(-15).join('\n')).toBe(0);
  expect(run.lines.join('\n')).toMatch(/articles: \d+ new, \d+ unchanged, 0 failed/);
}

/** A run that must have been killed at its kill line, not have finished first. */
function expectKilled(run: IngestRun): void {
  expect(run.killed, `kill line never showed:\n${run.lines.slice(-15).join('\n')}`).toBe(true);
  expect(run.signal).toBe('SIGKILL');
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ingest-processes-'));
  corpus = join(tmp, 'corpus');
  writeReports(corpus, 0, REPORTS);
});

afterAll(() => {
  killAll();
  rmSync(tmp, { recursive: true, force: true });
});

/**
 * Runs killed one after the other at these progress lines, each taking up where the last was
 * killed (stored reports are skipped), then one run to the end: every stage is cut once.
 */
async function killAndResume(kills: RegExp[], env: Record<string, string>): Promise<void> {
  for (const killOn of kills) expectKilled(await runIngest([...ARGS, corpus], { ...env, ...SMALL }, { killOn }));
  expectFinished(await runIngest([...ARGS, corpus], { ...env, ...SMALL }));
}

describe('ingest killed and resumed, embedded Kùzu store', () => {
  let want: string[];
  const dump = async (path: string): Promise<string[]> => {
    const store = new KuzuStore({ path, readOnly: true });
    try {
      return await dumpStore(store);
    } finally {
      await store.close();
    }
  };

  beforeAll(async () => {
    // One clean run with the default (large) transactions: the graph every resumed run must end with.
    const clean = await runIngest([...ARGS, corpus], { KUZU_PATH: join(tmp, 'kuzu-clean') });
    expectFinished(clean);
    want = await dump(join(tmp, 'kuzu-clean'));
    expect(want.length).toBeGreaterThan(1000);
  }, 300_000);

  it('runs killed after the first group, between groups half-way, while writing the kept-aside edges, while resolving people and while deriving successions, then run to the end, leave the graph of one clean run', async () => {
    const path = join(tmp, 'kuzu-resumed');
    await killAndResume([FIRST_GROUP, HALF_WAY, IN_EDGES, IN_PEOPLE, IN_SUCCESSIONS], { KUZU_PATH: path });
    expectSame(await dump(path), want);
  }, 600_000);
});

describe.skipIf(skip !== undefined)('ingest into Neo4j: killed and resumed, and two at once', () => {
  const conn = server as Exclude<typeof server, { skip: string }>;
  const env = { NEO4J_URI: conn.uri, NEO4J_USER: conn.user, NEO4J_PASSWORD: conn.password, ...(conn.database ? { NEO4J_DATABASE: conn.database } : {}) };
  let store: GraphStore;
  let want: string[];
  const clear = async (): Promise<void> => {
    await emptyDatabase(store);
  };

  beforeAll(async () => {
    store = new Neo4jStore(conn);
    await store.init();
    await clear();
    const clean = await runIngest([...ARGS, corpus], env);
    expectFinished(clean);
    want = await dumpStore(store);
    expect(want.length).toBeGreaterThan(1000);
  }, 300_000);

  afterAll(async () => {
    await store?.close();
  });

  it('runs killed between groups half-way, while resolving people and while deriving successions, then run to the end, leave the graph of one clean run', async () => {
    await clear();
    await killAndResume([HALF_WAY, IN_PEOPLE, IN_SUCCESSIONS], env);
    expectSame(await dumpStore(store), want);
  }, 600_000);

  it('two ingests at once on overlapping folders leave the graph of one clean run of both, nothing doubled', async () => {
    await clear();
    // Two folders holding copies of the same files where they overlap: reports 0..99 and 50..149.
    const a = join(tmp, 'overlap-a');
    const b = join(tmp, 'overlap-b');
    writeReports(a, 0, 100);
    writeReports(b, 50, REPORTS);
    const runs = await Promise.all([runIngest([...ARGS, a], { ...env, ...SMALL }), runIngest([...ARGS, b], { ...env, ...SMALL })]);
    runs.forEach(expectFinished);
    const dependent = await orderDependent(corpus);
    expectSame(masked(await dumpStore(store), dependent), masked(want, dependent));
  }, 300_000);

  it('the two shards of one folder loaded at once leave the graph of one clean run', async () => {
    await clear();
    const runs = await Promise.all(['1/2', '2/2'].map((s) => runIngest([...ARGS, '--shard', s, corpus], { ...env, ...SMALL })));
    runs.forEach(expectFinished);
    const dependent = await orderDependent(corpus);
    expectSame(masked(await dumpStore(store), dependent), masked(want, dependent));
  }, 300_000);
});
