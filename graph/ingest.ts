import { extractInWorkers } from '../ingest/extract-pool.js';
import type { Extraction } from '../ingest/extraction-schema.js';
import { ALL, listShard, type Shard } from '../ingest/shard.js';
import { addArticleRows, type ProvinceGazetteer } from './article-rows.js';
import { BatchBuilder } from './batch.js';
import { checkExtraction, formatIssues } from './build.js';
import { provinceGazetteer } from './gazetteer.js';
import type { Judgement } from './judgements.js';
import { resolvePending, type ResolutionSummary } from './resolution-run.js';
import { validateBatch, type GraphBatch } from './schema.js';
import type { GraphStore } from './store.js';
import { WrittenMentions } from './written-mentions.js';

/**
 * The user's path, one pipeline: files (this shard's share) → read and extract on every core, in
 * input order, with bounded work in flight → article rows → the store, many reports per
 * transaction → person resolution of every name block that got a mention, and successions of
 * every post whose holders changed (graph/resolution-run.ts). Memory stays bounded whatever the
 * corpus size: the extractor's window and one group of reports at a time.
 *
 * An article whose content hash is stored is skipped; one bad article never stops the run; every
 * failure is named. A group lands in one transaction, Article rows last, so an article counts as
 * stored only once everything it brought has; when a group fails, its articles are written one by
 * one so the failure is pinned on the article that caused it. A run killed anywhere is finished by
 * the next: stored articles are skipped and resolution picks up the blocks still pending.
 */

export type ArticleStatus = 'new' | 'unchanged' | 'failed';

export interface ProgressEvent {
  file: string;
  status: ArticleStatus;
  reason?: string;
  /** Articles handled so far. */
  done: number;
}

export interface IngestSummary {
  articles: { new: number; unchanged: number; failed: number };
  failures: { file: string; reason: string }[];
  nodesCreated: number;
  edgesCreated: number;
  nodesWritten: number;
  edgesWritten: number;
  resolution: ResolutionSummary | null;
  /** Why person resolution did not finish (the next run finishes it). */
  resolutionError?: string;
}

export interface IngestOptions {
  onProgress?: (e: ProgressEvent) => void;
  /** Progress after the reports are stored: rows kept aside applied ('edges'), people resolved, successions derived. */
  onResolution?: (e: { phase: 'edges' | 'people' | 'successions'; done: number; total: number }) => void;
  /** Something the user should know that is not a failure (see SettleOptions.onNotice). */
  onNotice?: (message: string) => void;
  /** Articles per write transaction (default 2,000, or INGEST_GROUP). */
  groupSize?: number;
  gazetteer?: ProvinceGazetteer | null;
  /** Analysts' judgements (graph/judgements.ts), applied by resolution. */
  judgements?: Judgement[];
  /** Skip person resolution (tests that look at the article layer alone). */
  resolve?: boolean;
  /** This machine's share of the files (`--shard i/n`); default all. */
  shard?: Shard;
  /** Extraction threads (default: every core; 0 extracts on this thread). */
  workers?: number;
}

/**
 * An extraction to load, or a file that failed before it became one. `trusted`: it comes straight
 * from this project's extractor, which validated it against the contract already.
 */
export type IngestItem = { file: string; extraction: unknown; trusted?: boolean } | { file: string; reason: string };

const DEFAULT_GROUP = Number(process.env.INGEST_GROUP ?? 2_000);
/** Groups are written deferred and settled once at the end (GraphStore.writeBatch). */
const DEFER = { defer: true } as const;

/** The reports a run over these paths takes (a walk of the folders, nothing read): for a progress total. */
export async function countReports(paths: string[], shard: Shard = ALL): Promise<number> {
  let n = 0;
  for await (const f of listShard(paths, shard)) if (!('reason' in f)) n++;
  return n;
}

/** Worker threads cost seconds to start: a handful of reports is faster on the calling thread. */
export const workersFor = (reports: number): number | undefined => (reports < 200 ? 0 : undefined);

export async function ingestPaths(paths: string[], store: GraphStore, opts: IngestOptions = {}): Promise<IngestSummary> {
  async function* items(): AsyncGenerator<IngestItem> {
    for await (const r of extractInWorkers(listShard(paths, opts.shard ?? ALL), { workers: opts.workers })) {
      yield 'reason' in r ? { file: r.file, reason: r.reason } : { file: r.file, extraction: r.extraction, trusted: true };
    }
  }
  return ingestItems(items(), store, opts);
}

/** Loads already-made extractions (JSON), validating each: the entry point tests and tools share. */
export async function ingestExtractions(extractions: unknown[], store: GraphStore, opts: IngestOptions = {}): Promise<IngestSummary> {
  async function* items(): AsyncGenerator<IngestItem> {
    for (const [i, x] of extractions.entries()) {
      const file = typeof x === 'object' && x && typeof (x as { article?: unknown }).article === 'string' ? (x as { article: string }).article : `#${i}`;
      yield { file, extraction: x };
    }
  }
  return ingestItems(items(), store, opts);
}

/** Rows of one article, checked against the model; throws a one-line reason when they do not fit. */
function articleBatch(x: Extraction, gazetteer: ProvinceGazetteer | null): GraphBatch {
  const bb = new BatchBuilder();
  addArticleRows(bb, x, gazetteer);
  const batch = bb.build();
  const issues = validateBatch(batch);
  if (issues.length > 0) throw new Error(`invalid graph rows: ${issues.map((i) => `${i.where}.${i.path}: ${i.message}`).join('; ')}`);
  return batch;
}

/** A group's builder made again from its extractions (after an article that failed half-way through). */
function rebuild(group: { x: Extraction }[], gazetteer: ProvinceGazetteer | null): BatchBuilder {
  const bb = new BatchBuilder();
  for (const g of group) addArticleRows(bb, g.x, gazetteer);
  return bb;
}

export async function ingestItems(items: AsyncIterable<IngestItem>, store: GraphStore, opts: IngestOptions = {}): Promise<IngestSummary> {
  const summary: IngestSummary = { articles: { new: 0, unchanged: 0, failed: 0 }, failures: [], nodesCreated: 0, edgesCreated: 0, nodesWritten: 0, edgesWritten: 0, resolution: null };
  const groupSize = Math.max(1, opts.groupSize ?? DEFAULT_GROUP);
  const gazetteer = opts.gazetteer === undefined ? provinceGazetteer : opts.gazetteer;
  let done = 0;
  const report = (file: string, status: ArticleStatus, reason?: string): void => {
    done++;
    summary.articles[status]++;
    if (status === 'failed') summary.failures.push({ file, reason: reason ?? 'unknown' });
    opts.onProgress?.({ file, status, reason, done });
  };
  const count = (c: { nodesCreated: number; edgesCreated: number; nodesWritten: number; edgesWritten: number }): void => {
    summary.nodesCreated += c.nodesCreated;
    summary.edgesCreated += c.edgesCreated;
    summary.nodesWritten += c.nodesWritten;
    summary.edgesWritten += c.edgesWritten;
  };

  // A first load keeps the mentions it writes beside the store, for resolution to read back (graph/written-mentions.ts).
  let written: WrittenMentions | null = null;
  if (opts.resolve !== false && store.scratch) {
    try {
      const some = await store.query('MATCH (m:Mention) RETURN m.id AS id LIMIT 1', {}, { readOnly: true });
      written = WrittenMentions.start(store.scratch, some.rows.length > 0);
    } catch {
      // A store that cannot answer is read by resolution, as any store that is not new. (Its files go with the store's scratch folder.)
    }
  }
  /** A batch to the store; what landed goes to the written mentions, and a failure leaves them unsure of what did. */
  const write = async (b: GraphBatch): Promise<void> => {
    try {
      count(await store.writeBatch(b, DEFER));
    } catch (e) {
      written?.invalidate();
      throw e;
    }
    written?.add(b);
  };

  // The group being filled: one builder for all its rows, and its extractions for a retry one by one.
  let builder = new BatchBuilder();
  let group: { file: string; x: Extraction }[] = [];
  const inGroup = new Set<string>();
  // Extractions wait here until their stored hashes are asked for in one round trip.
  let waiting: { file: string; x: Extraction }[] = [];

  const flush = async (): Promise<void> => {
    if (group.length === 0) return;
    const current = group;
    const batch = builder.build();
    group = [];
    builder = new BatchBuilder();
    inGroup.clear();
    try {
      // The group's rows are checked against the model as a whole; a group that fails is taken apart below.
      const issues = validateBatch(batch);
      if (issues.length > 0) throw new Error(`invalid graph rows: ${issues.map((i) => `${i.where}.${i.path}: ${i.message}`).join('; ')}`);
      await write(batch);
      for (const g of current) report(g.file, 'new');
    } catch (groupError) {
      if (current.length === 1) {
        report(current[0]!.file, 'failed', `write failed: ${(groupError as Error).message}`);
        return;
      }
      // One at a time, so the article that fails is the one named; the rest still land.
      for (const g of current) {
        let b: GraphBatch;
        try {
          b = articleBatch(g.x, gazetteer);
        } catch (e) {
          report(g.file, 'failed', (e as Error).message);
          continue;
        }
        try {
          await write(b);
          report(g.file, 'new');
        } catch (e) {
          report(g.file, 'failed', `write failed: ${(e as Error).message}`);
        }
      }
    }
  };

  const admit = async (): Promise<void> => {
    if (waiting.length === 0) return;
    const current = waiting;
    waiting = [];
    let stored: Set<string>;
    try {
      stored = await store.storedArticles(current.map((w) => w.x.contentHash));
    } catch (e) {
      for (const w of current) report(w.file, 'failed', `store lookup failed: ${(e as Error).message}`);
      return;
    }
    const admitted = new Set<string>();
    for (const { file, x } of current) {
      if (admitted.has(x.contentHash) || inGroup.has(x.contentHash) || stored.has(x.contentHash)) {
        report(file, 'unchanged');
        continue;
      }
      try {
        addArticleRows(builder, x, gazetteer);
      } catch (e) {
        // Rows half added to the group are written with it only if the article is retried alone.
        report(file, 'failed', `graph rows failed: ${(e as Error).message}`);
        builder = rebuild(group, gazetteer);
        continue;
      }
      group.push({ file, x });
      inGroup.add(x.contentHash);
      admitted.add(x.contentHash);
      if (group.length >= groupSize) await flush();
    }
  };

  for await (const item of items) {
    if ('reason' in item) {
      report(item.file, 'failed', item.reason);
      continue;
    }
    let x: Extraction;
    if (item.trusted) x = item.extraction as Extraction;
    else {
      const checked = checkExtraction(item.extraction);
      if (!checked.ok) {
        report(item.file, 'failed', `invalid extraction: ${formatIssues(checked.issues)}`);
        continue;
      }
      x = checked.value;
    }
    waiting.push({ file: item.file, x });
    if (waiting.length >= Math.min(groupSize, 1_000)) await admit();
  }
  await admit();
  await flush();
  try {
    count(await store.settle({ onProgress: (e) => opts.onResolution?.({ phase: 'edges', ...e }), onNotice: opts.onNotice }));
  } catch (e) {
    // Staged rows stay staged: the next run applies them before anything else reads them.
    summary.resolutionError = `rows kept aside were not applied: ${(e as Error).message}`;
    return summary;
  }
  if (opts.resolve !== false) {
    try {
      summary.resolution = await resolvePending(store, { judgements: opts.judgements, onProgress: opts.onResolution, onNotice: opts.onNotice, written });
    } catch (e) {
      // Loaded articles stay loaded and their blocks stay marked: the next run resolves them.
      summary.resolutionError = (e as Error).message;
    }
  }
  written?.close();
  return summary;
}

export function formatSummary(s: IngestSummary): string {
  const lines = [
    `articles: ${s.articles.new} new, ${s.articles.unchanged} unchanged, ${s.articles.failed} failed`,
    `written: ${s.nodesCreated} nodes and ${s.edgesCreated} edges created (${s.nodesWritten} node rows, ${s.edgesWritten} edge rows merged)`,
  ];
  if (s.resolution) {
    const r = s.resolution;
    lines.push(`people: ${r.blocks} name blocks resolved from ${r.mentions} mentions into ${r.persons} persons; successions of ${r.positions} posts derived (${r.successions} edges)`);
    for (const j of r.unresolvedJudgements) lines.push(`  judgement not applied (article not stored): ${j.kind} ${j.a.article}:${j.a.name} / ${j.b.article}:${j.b.name}`);
  }
  if (s.resolutionError) lines.push(`people: resolution did not finish (${s.resolutionError}); run again to finish it`);
  if (s.failures.length > 0) {
    lines.push('not loaded (fix and run again; loaded articles are skipped, nothing is duplicated):');
    for (const f of s.failures) lines.push(`  ${f.file}: ${f.reason}`);
  }
  return lines.join('\n');
}
