import { extractArticle } from '../ingest/extract.js';
import { readSources } from '../ingest/read.js';
import { mergeBatches } from './batch.js';
import { buildGraph, checkExtraction, formatIssues, type BuildOptions } from './build.js';
import { provinceGazetteer } from './gazetteer.js';
import { validateBatch, type GraphBatch } from './schema.js';
import type { GraphStore } from './store.js';
import type { Extraction } from '../ingest/extraction-schema.js';

/**
 * read → extract → validate → build → write, for a folder or files. An article whose content hash
 * is already stored is skipped; one bad article never stops the run; every failure is named.
 * Articles are written a few at a time (one transaction); when such a group fails, its articles
 * are retried one by one so the failure is pinned on the article that caused it.
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
}

export interface IngestOptions {
  onProgress?: (e: ProgressEvent) => void;
  /** Articles per write transaction (default 25). */
  groupSize?: number;
  build?: BuildOptions;
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
  const summary: IngestSummary = { articles: { new: 0, unchanged: 0, failed: 0 }, failures: [], nodesCreated: 0, edgesCreated: 0, nodesWritten: 0, edgesWritten: 0 };
  const groupSize = Math.max(1, opts.groupSize ?? 25);
  const buildOpts: BuildOptions = opts.build ?? { gazetteer: provinceGazetteer };
  let done = 0;
  const report = (file: string, status: ArticleStatus, reason?: string): void => {
    done++;
    summary.articles[status]++;
    if (status === 'failed') summary.failures.push({ file, reason: reason ?? 'unknown' });
    opts.onProgress?.({ file, status, reason, done });
  };

  let group: { file: string; x: Extraction; batch: GraphBatch }[] = [];
  const inGroup = new Set<string>();

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
    const x = checked.value;
    try {
      if (inGroup.has(x.contentHash) || (await store.hasArticle(x.contentHash))) {
        report(item.file, 'unchanged');
        continue;
      }
      const batch = buildGraph([x], buildOpts);
      const issues = validateBatch(batch);
      if (issues.length > 0) {
        report(item.file, 'failed', `invalid graph rows: ${issues.map((i) => `${i.where}.${i.path}: ${i.message}`).join('; ')}`);
        continue;
      }
      group.push({ file: item.file, x, batch });
      inGroup.add(x.contentHash);
    } catch (e) {
      report(item.file, 'failed', (e as Error).message);
      continue;
    }
    if (group.length >= groupSize) await flush();
  }
  await flush();
  return summary;
}

export function formatSummary(s: IngestSummary): string {
  const lines = [
    `articles: ${s.articles.new} new, ${s.articles.unchanged} unchanged, ${s.articles.failed} failed`,
    `written: ${s.nodesCreated} nodes and ${s.edgesCreated} edges created (${s.nodesWritten} node rows, ${s.edgesWritten} edge rows merged)`,
  ];
  if (s.failures.length > 0) {
    lines.push('not loaded (fix and run again; loaded articles are skipped, nothing is duplicated):');
    for (const f of s.failures) lines.push(`  ${f.file}: ${f.reason}`);
  }
  return lines.join('\n');
}
