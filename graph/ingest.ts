import { extractArticle } from '../ingest/extract.js';
import { readSources } from '../ingest/read.js';
import type { Extraction } from '../ingest/extraction-schema.js';
import { addArticleRows, type ProvinceGazetteer } from './article-rows.js';
import { BatchBuilder, mergeBatches } from './batch.js';
import { checkExtraction, formatIssues } from './build.js';
import { provinceGazetteer } from './gazetteer.js';
import type { Judgement } from './judgements.js';
import { resolvePending, type ResolutionSummary } from './resolution-run.js';
import { validateBatch, type GraphBatch } from './schema.js';
import type { GraphStore } from './store.js';

/**
 * read → extract → validate → article rows → write, streaming, for a folder or files; then person
 * resolution of every name block that got a mention (graph/resolution-run.ts). An article whose
 * content hash is stored is skipped; one bad article never stops the run; every failure is named.
 * Articles are written many at a time (one transaction per group); when a group fails, its
 * articles are retried one by one so the failure is pinned on the article that caused it.
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
  onResolution?: (e: { phase: 'people' | 'successions'; done: number; total: number }) => void;
  /** Articles per write transaction (default 1,000). */
  groupSize?: number;
  gazetteer?: ProvinceGazetteer | null;
  /** Analysts' judgements (graph/judgements.ts), applied by resolution. */
  judgements?: Judgement[];
  /** Skip person resolution (tests that look at the article layer alone). */
  resolve?: boolean;
}

/** An extraction to load, or a file that failed before it became one. */
export type IngestItem = { file: string; extraction: unknown } | { file: string; reason: string };

export async function ingestPaths(paths: string[], store: GraphStore, opts: IngestOptions = {}): Promise<IngestSummary> {
  async function* items(): AsyncGenerator<IngestItem> {
    for await (const src of readSources(paths)) {
      if (!src.ok) {
        yield { file: src.file, reason: src.reason };
        continue;
      }
      try {
        yield { file: src.file, extraction: extractArticle(src.name, src.text) };
      } catch (e) {
        yield { file: src.file, reason: `extraction failed: ${(e as Error).message}` };
      }
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

export async function ingestItems(items: AsyncIterable<IngestItem>, store: GraphStore, opts: IngestOptions = {}): Promise<IngestSummary> {
  const summary: IngestSummary = { articles: { new: 0, unchanged: 0, failed: 0 }, failures: [], nodesCreated: 0, edgesCreated: 0, nodesWritten: 0, edgesWritten: 0, resolution: null };
  const groupSize = Math.max(1, opts.groupSize ?? 1_000);
  const gazetteer = opts.gazetteer === undefined ? provinceGazetteer : opts.gazetteer;
  let done = 0;
  const report = (file: string, status: ArticleStatus, reason?: string): void => {
    done++;
    summary.articles[status]++;
    if (status === 'failed') summary.failures.push({ file, reason: reason ?? 'unknown' });
    opts.onProgress?.({ file, status, reason, done });
  };

  let group: { file: string; hash: string; batch: GraphBatch }[] = [];
  const inGroup = new Set<string>();
  // Extractions wait here until a whole group's stored hashes are asked for in one round trip.
  let waiting: { file: string; x: Extraction }[] = [];

  const write = async (batch: GraphBatch): Promise<void> => {
    const c = await store.writeBatch(batch);
    summary.nodesCreated += c.nodesCreated;
    summary.edgesCreated += c.edgesCreated;
    summary.nodesWritten += c.nodesWritten;
    summary.edgesWritten += c.edgesWritten;
  };

  const flush = async (): Promise<void> => {
    if (group.length === 0) return;
    const current = group;
    group = [];
    inGroup.clear();
    try {
      await write(current.length === 1 ? current[0]!.batch : mergeBatches(current.map((g) => g.batch)));
      for (const g of current) report(g.file, 'new');
    } catch (groupError) {
      if (current.length === 1) {
        report(current[0]!.file, 'failed', `write failed: ${(groupError as Error).message}`);
        return;
      }
      // One at a time, so the article that fails is the one named; the rest still land.
      for (const g of current) {
        try {
          await write(g.batch);
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
        const bb = new BatchBuilder();
        addArticleRows(bb, x, gazetteer);
        const batch = bb.build();
        const issues = validateBatch(batch);
        if (issues.length > 0) {
          report(file, 'failed', `invalid graph rows: ${issues.map((i) => `${i.where}.${i.path}: ${i.message}`).join('; ')}`);
          continue;
        }
        group.push({ file, hash: x.contentHash, batch });
        inGroup.add(x.contentHash);
        admitted.add(x.contentHash);
      } catch (e) {
        report(file, 'failed', (e as Error).message);
        continue;
      }
      if (group.length >= groupSize) await flush();
    }
  };

  for await (const item of items) {
    if ('reason' in item) {
      report(item.file, 'failed', item.reason);
      continue;
    }
    const checked = checkExtraction(item.extraction);
    if (!checked.ok) {
      report(item.file, 'failed', `invalid extraction: ${formatIssues(checked.issues)}`);
      continue;
    }
    waiting.push({ file: item.file, x: checked.value });
    if (waiting.length >= Math.min(groupSize, 1_000)) await admit();
  }
  await admit();
  await flush();
  if (opts.resolve !== false) {
    try {
      summary.resolution = await resolvePending(store, { judgements: opts.judgements, onProgress: opts.onResolution });
    } catch (e) {
      // Loaded articles stay loaded and their blocks stay marked: the next run resolves them.
      summary.resolutionError = (e as Error).message;
    }
  }
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
