import { BatchBuilder } from './batch.js';
import { nameBlockId } from './ids.js';
import { applyJudgements, type AppliedJudgements, type Judgement } from './judgements.js';
import { MentionData, type MentionRecord } from './mention-record.js';
import { addPersonLayer } from './person-layer.js';
import { defaultResolveWorkers, ResolvePool } from './resolve-pool.js';
import { successionsOf } from './successions.js';
import { StaleWork, type GraphStore, type SpellUpdate } from './store.js';
import type { GraphBatch } from './schema.js';
import type { WrittenMentions } from './written-mentions.js';

/**
 * The Person layer of a store, brought up to date: every name block with a new mention (or a
 * changed judgement) is resolved again from all of its stored mentions, and every post whose
 * holders changed gets its successions derived again. The pure stages (resolve, person layer,
 * successions) do the work; this module only reads and writes. Each step is one transaction per
 * chunk and leaves its Pending rows until it has landed, so a run killed anywhere is finished
 * by the next one, with the graph one clean run gives. Two processes loading into one Neo4j
 * resolve while the other writes: a chunk whose work was marked again after it was read is
 * refused by the store (StaleWork) and read again.
 */

export interface ResolutionSummary {
  blocks: number;
  mentions: number;
  persons: number;
  positions: number;
  successions: number;
  unresolvedJudgements: Judgement[];
}

export interface ResolutionOptions {
  judgements?: Judgement[];
  /** Mentions per write transaction (default 20,000, or RESOLVE_CHUNK). */
  chunkMentions?: number;
  /** Posts per succession transaction (default 5,000, or RESOLVE_POSTS). */
  chunkPositions?: number;
  onProgress?: (e: { phase: 'edges' | 'people' | 'successions'; done: number; total: number }) => void;
  /** See SettleOptions.onNotice. */
  onNotice?: (message: string) => void;
  /**
   * The mentions this run wrote into a store that had none (graph/ingest.ts): blocks are read from
   * them rather than from the store, and, nothing having been resolved before, nothing old is looked up.
   */
  written?: WrittenMentions | null;
  /** Worker threads that resolve beside this one (default: RESOLVE_WORKERS, else one per other core). */
  workers?: number;
}

// Smaller chunks from the environment: more, smaller transactions (the kill-and-resume tests stop a run between them).
const CHUNK_FROM_ENV = process.env.RESOLVE_CHUNK ? Number(process.env.RESOLVE_CHUNK) : null;
/**
 * Mentions a chunk: memory, mostly. The embedded store's COMMIT of a chunk once grew with the
 * person layer stored (its REFERS_TO edges landed in nearly every Mention node group), which made
 * fewer, larger chunks pay; it now keeps a chunk's edges aside and writes them all at the end
 * (KuzuStore.settle), so a chunk costs the same however many came before. On 20,000 reports,
 * 20,000 a chunk against 60,000: people resolved in 17 against 12 s, the whole run 72 against
 * 78 s (runs differ by as much), peak memory 1,344 against 1,747 MB. Neo4j keeps a
 * transaction's changes in the server's memory, which its limit caps.
 */
const CHUNK_BY_STORE: Record<GraphStore['kind'], number> = { kuzu: 20_000, neo4j: 20_000 };
const DEFAULT_CHUNK_POSITIONS = Number(process.env.RESOLVE_POSTS ?? 5_000);

/** Reads of one chunk at most, while other processes keep changing it (each retry follows one of their writes). */
const STALE_ATTEMPTS = 50;

class Groups {
  private parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p !== x) {
      p = this.find(p);
      this.parent.set(x, p);
    }
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}

/** Article ids by file name, for judgements that name their article by file. */
async function articleIdsByFile(store: GraphStore, judgements: Judgement[]): Promise<Map<string, string[]>> {
  const files = [...new Set(judgements.flatMap((j) => [j.a.article, j.b.article]).filter((a) => !a.startsWith('art_')))];
  const out = new Map<string, string[]>();
  if (files.length === 0) return out;
  const res = await store.query('MATCH (a:Article) WHERE a.file IN $files RETURN a.file AS file, a.id AS id ORDER BY id', { files }, { readOnly: true });
  for (const r of res.rows) out.set(String(r.file), [...(out.get(String(r.file)) ?? []), String(r.id)]);
  return out;
}

export async function resolvePending(store: GraphStore, opts: ResolutionOptions = {}): Promise<ResolutionSummary> {
  const chunkMentions = Math.max(1, opts.chunkMentions ?? CHUNK_FROM_ENV ?? CHUNK_BY_STORE[store.kind]);
  const judgements = opts.judgements ?? [];
  // Rows a killed run kept aside are applied first: the reads below follow its edges.
  const settle = (): Promise<unknown> => store.settle({ onProgress: (e) => opts.onProgress?.({ phase: 'edges', ...e }), onNotice: opts.onNotice });
  await settle();
  const byFile = await articleIdsByFile(store, judgements);
  const applied: AppliedJudgements = applyJudgements(judgements, (f) => byFile.get(f) ?? []);

  // A block whose judgements changed since it was last resolved is resolved again.
  const stored = await store.judgedNames([...applied.fingerprints.keys()]);
  const changed = [...new Set([...stored.keys(), ...applied.fingerprints.keys()])].filter((id) => stored.has(id) && (stored.get(id) ?? '') !== (applied.fingerprints.get(id) ?? ''));
  if (changed.length > 0) await store.markNamesDirty(changed);

  // Dirty blocks, with every block that shares a person or a 'same' judgement with one of them.
  const written = opts.written ?? null;
  const groups = new Groups();
  const blocks = new Set(await store.dirtyNames());
  for (const [a, b] of applied.linked) groups.union(a, b);
  for (let frontier = [...blocks]; frontier.length > 0; ) {
    const next: string[] = [];
    const extra = [...applied.linked.filter(([a, b]) => blocks.has(a) !== blocks.has(b)).flatMap(([a, b]) => [a, b])];
    // A store that had no mention when this run began has no person to link blocks by.
    for (const [a, b] of written ? [] : await store.linkedNames(frontier)) {
      groups.union(a, b);
      extra.push(b);
    }
    for (const b of extra) if (!blocks.has(b)) (blocks.add(b), next.push(b));
    frontier = next;
  }
  const byGroup = new Map<string, string[]>();
  for (const b of [...blocks].sort()) (byGroup.get(groups.find(b)) ?? byGroup.set(groups.find(b), []).get(groups.find(b))!).push(b);

  const summary: ResolutionSummary = { blocks: blocks.size, mentions: 0, persons: 0, positions: 0, successions: 0, unresolvedJudgements: applied.unresolved };
  const pending = [...byGroup.values()];
  // Bucket by bucket, so that the written mentions are read once each.
  if (written) pending.sort((a, b) => written.bucket(a[0]!) - written.bucket(b[0]!));
  let done = 0;
  /** The mentions of these groups, by group (its first block), read now. */
  const readGroups = async (groups: string[][]): Promise<Map<string, MentionRecord[]>> => {
    const out = new Map<string, MentionRecord[]>();
    const fromStore: string[][] = [];
    for (const g of groups) {
      const rs = g.length === 1 ? (written?.mentionsOf(g[0]!) ?? null) : null;
      if (rs) out.set(g[0]!, rs);
      else fromStore.push(g);
    }
    const byBlock = new Map<string, MentionRecord[]>();
    for (const r of fromStore.length > 0 ? await store.mentionsOf(fromStore.flat()) : []) {
      const block = nameBlockId(r.nameKey);
      (byBlock.get(block) ?? byBlock.set(block, []).get(block)!).push(parseRecord(r));
    }
    for (const g of fromStore) out.set(g[0]!, g.flatMap((b) => byBlock.get(b) ?? []));
    return out;
  };
  // Read a run of groups, resolve each (on every core), write the lot in one transaction.
  const pool = new ResolvePool(pending.length > 0 ? (opts.workers ?? defaultResolveWorkers()) : 0, applied, { onNotice: opts.onNotice });
  /** The person layer of a chunk's groups. */
  const prepare = async (take: string[][], recordsOf: Map<string, MentionRecord[]>) => {
    const records = [...recordsOf.values()].flat();
    const bb = new BatchBuilder();
    const recordById = new Map(records.map((r) => [r.id, r]));
    let persons = 0;
    for (const people of await pool.resolve(take.map((g) => recordsOf.get(g[0]!)!))) {
      addPersonLayer(bb, people, recordById);
      persons += people.length;
    }
    return { layer: bb.build(), persons, mentions: records.length };
  };
  /** Writes a chunk in one transaction; another process loading into the same database may add to its blocks meanwhile: then they are read and resolved again. */
  const write = async (take: string[][], prepared: Awaited<ReturnType<typeof prepare>>): Promise<void> => {
    const ids = take.flat();
    for (let attempt = 1; ; attempt++) {
      try {
        await store.replacePersonLayer(ids, prepared.layer, new Map(ids.map((id) => [id, applied.fingerprints.get(id) ?? ''])), { defer: true, fresh: written !== null });
      } catch (e) {
        if (!(e instanceof StaleWork) || attempt >= STALE_ATTEMPTS) throw e;
        prepared = await prepare(take, await readGroups(take));
        continue;
      }
      summary.persons += prepared.persons;
      summary.mentions += prepared.mentions;
      break;
    }
    done += take.length;
    opts.onProgress?.({ phase: 'people', done, total: pending.length });
  };
  // The next chunk is read and resolved while the last one is written: the store's write runs
  // mostly outside this thread, and resolution waited on it (on 100,000 reports a chunk's write
  // took about as long as resolving it). Chunks still land one at a time, in order.
  let writing: Promise<void> | null = null;
  try {
    for (let i = 0; i < pending.length; ) {
      const take: string[][] = [];
      const recordsOf = new Map<string, MentionRecord[]>();
      let size = 0;
      while (i < pending.length && (take.length === 0 || size < chunkMentions)) {
        // Fetch a slice of groups at once; a group is small (usually one block, with a mention or more).
        const slice = pending.slice(i, i + Math.min(500, chunkMentions));
        for (const [g, rs] of await readGroups(slice)) {
          recordsOf.set(g, rs);
          size += rs.length;
        }
        take.push(...slice);
        i += slice.length;
      }
      const prepared = await prepare(take, recordsOf);
      if (writing) await writing;
      writing = write(take, prepared);
      // Its failure is taken up by the next await of it (above, or below).
      writing.catch(() => undefined);
    }
    if (writing) await writing;
  } finally {
    if (writing) await writing.catch(() => undefined);
    await pool.close();
  }

  // The people's edges, kept aside chunk by chunk, land before successions read them.
  await settle();

  // Successions of every post whose holders changed.
  const positions = await store.dirtyPositions();
  summary.positions = positions.length;
  const CHUNK = Math.max(1, opts.chunkPositions ?? DEFAULT_CHUNK_POSITIONS);
  for (let i = 0; i < positions.length; i += CHUNK) {
    const part = positions.slice(i, i + CHUNK);
    for (let attempt = 1; ; attempt++) {
      const held = await store.holdersOf(part);
      const predecessorsOf = (x: { after: string[] }): string[] => x.after.map((a) => (JSON.parse(a) as { predecessor: string }).predecessor);
      const predecessors = [...held.values()].flatMap((h) => h.holders.flatMap(predecessorsOf));
      const personOf = predecessors.length > 0 ? await store.personsOfMentions(predecessors) : new Map<string, string>();
      const rows: GraphBatch['edges']['SUCCEEDED'] = [];
      const spells: SpellUpdate[] = [];
      for (const [pos, { title, holders }] of held) {
        const s = successionsOf(title, holders, (m) => personOf.get(m) ?? null);
        for (const r of s.successions) {
          rows.push({ from: 'Person', to: 'Person', source: r.successor, target: r.predecessor, position: pos, date: r.date, inferred: r.inferred, basis: r.basis, sources: r.sources, evidence: r.evidence });
        }
        for (const h of holders) {
          const succeededOn = s.succeededOn.get(h.person) ?? null;
          const status = s.status.get(h.person)!;
          // Only spells that change are written: an update in place is the costly write of the embedded store.
          if (succeededOn !== h.succeededOn || status !== h.status) spells.push({ person: h.person, position: pos, succeededOn, status });
        }
      }
      try {
        // A stated predecessor whose mention has no person yet is being resolved by another process: its post stays pending.
        const keep = [...held].filter(([, { holders }]) => holders.some((x) => predecessorsOf(x).some((m) => !personOf.has(m)))).map(([pos]) => pos);
        await store.replaceSuccessions(part, dedupeSuccessions(rows), spells, { keepPending: keep, predecessors: { mentions: predecessors, personOf } });
      } catch (e) {
        // Holders or stated predecessors changed by another process's person layer since they were read: read them again.
        if (!(e instanceof StaleWork) || attempt >= STALE_ATTEMPTS) throw e;
        continue;
      }
      summary.successions += rows.length;
      break;
    }
    opts.onProgress?.({ phase: 'successions', done: Math.min(positions.length, i + CHUNK), total: positions.length });
  }
  return summary;
}

/** One edge per (successor, predecessor, post): a stated one wins over an inferred one. */
function dedupeSuccessions(rows: GraphBatch['edges']['SUCCEEDED']): GraphBatch['edges']['SUCCEEDED'] {
  const out = new Map<string, GraphBatch['edges']['SUCCEEDED'][number]>();
  for (const r of rows) {
    const k = `${r.source}\u0000${r.target}\u0000${r.position}`;
    const have = out.get(k);
    if (!have || (have.inferred && !r.inferred)) out.set(k, r);
  }
  return [...out.values()];
}

function parseRecord(r: { id: string; nameKey: string; data: string }): MentionRecord {
  const parsed = MentionData.safeParse(JSON.parse(r.data));
  if (!parsed.success) throw new Error(`mention ${r.id}: stored data does not fit the model: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return { id: r.id, nameKey: r.nameKey, data: parsed.data };
}
