import { Extraction } from '../ingest/extraction-schema.js';
import { addArticleRows, type ProvinceGazetteer } from './article-rows.js';
import { BatchBuilder } from './batch.js';
import { provinceGroup } from './gazetteer.js';
import type { AppliedJudgements } from './judgements.js';
import type { MentionRecord } from './mention-record.js';
import { addPersonLayer } from './person-layer.js';
import { resolveMentions } from './resolve.js';
import type { GraphBatch } from './schema.js';
import { successionsOf, type Holder } from './successions.js';

export { COUNTRY, type ProvinceGazetteer } from './article-rows.js';

/**
 * Pure: extractions → the whole graph in one batch, every stage in memory: article rows and
 * mentions, person resolution per name block, the Person layer, successions per post. The store
 * path (graph/ingest.ts + graph/resolution-run.ts) runs the same stages with I/O between them and
 * ends with the same graph; this is that path without a store, for tests and tools.
 */

export interface BuildOptions {
  gazetteer?: ProvinceGazetteer | null;
  judgements?: Pick<AppliedJudgements, 'same' | 'different' | 'linked'>;
}

/** The field path and reason of each problem in an extraction that fails the contract. */
export interface ExtractionIssue {
  field: string;
  reason: string;
}

export function checkExtraction(x: unknown): { ok: true; value: Extraction } | { ok: false; issues: ExtractionIssue[] } {
  const r = Extraction.safeParse(x);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, issues: r.error.issues.map((i) => ({ field: i.path.join('.') || '(root)', reason: i.message })) };
}

export function formatIssues(issues: ExtractionIssue[]): string {
  return issues.map((i) => `${i.field}: ${i.reason}`).join('; ');
}

export function buildGraph(extractions: Extraction[], opts: BuildOptions = {}): GraphBatch {
  const bb = new BatchBuilder();
  const mentions: MentionRecord[] = [];
  for (const x of extractions) mentions.push(...addArticleRows(bb, x, opts.gazetteer ?? null));

  // Blocks, joined where a 'same' judgement spans two names.
  const byId = new Map(mentions.map((m) => [m.id, m]));
  const root = new Map<string, string>();
  const find = (k: string): string => (root.get(k) && root.get(k) !== k ? find(root.get(k)!) : k);
  for (const m of mentions) root.set(m.nameKey, root.get(m.nameKey) ?? m.nameKey);
  for (const [a, b] of opts.judgements?.same ?? []) {
    const ka = byId.get(a)?.nameKey;
    const kb = byId.get(b)?.nameKey;
    if (ka && kb) {
      const [x, y] = [find(ka), find(kb)].sort() as [string, string];
      root.set(y, x);
    }
  }
  const groups = new Map<string, MentionRecord[]>();
  for (const m of mentions) (groups.get(find(m.nameKey)) ?? groups.set(find(m.nameKey), []).get(find(m.nameKey))!).push(m);

  for (const k of [...groups.keys()].sort()) {
    const people = resolveMentions(groups.get(k)!, { placeGroup: provinceGroup, same: opts.judgements?.same, different: opts.judgements?.different });
    addPersonLayer(bb, people, byId);
  }
  const batch = bb.build();
  // Resolved, and successions derived: no work left pending.
  batch.nodes.Pending = [];
  addSuccessions(batch);
  return batch;
}

/** Successions of every post, from the spells in the batch (as graph/resolution-run.ts does from the store). */
function addSuccessions(batch: GraphBatch): void {
  const personOfMention = new Map(batch.edges.REFERS_TO.map((e) => [e.source, e.target]));
  const byPos = new Map<string, GraphBatch['edges']['HELD']>();
  for (const h of batch.edges.HELD) (byPos.get(h.target) ?? byPos.set(h.target, []).get(h.target)!).push(h);
  const title = new Map(batch.nodes.Position.map((p) => [p.id, p.title]));
  for (const [pos, held] of [...byPos].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const holders: Holder[] = held
      .map((h) => ({ person: h.source, firstSeen: h.firstSeen, lastSeen: h.lastSeen, startDate: h.startDate, endDate: h.endDate, acting: h.acting, after: h.after, sources: h.sources }))
      .sort((a, b) => (a.person < b.person ? -1 : 1));
    const s = successionsOf(title.get(pos) ?? '', holders, (m) => personOfMention.get(m) ?? null);
    for (const h of held) {
      h.succeededOn = s.succeededOn.get(h.source) ?? null;
      h.status = s.status.get(h.source)!;
    }
    const seen = new Map<string, GraphBatch['edges']['SUCCEEDED'][number]>();
    for (const r of s.successions) {
      const row = { from: 'Person' as const, to: 'Person' as const, source: r.successor, target: r.predecessor, position: pos, date: r.date, inferred: r.inferred, basis: r.basis, sources: r.sources, evidence: r.evidence };
      const k = `${r.successor}\u0000${r.predecessor}`;
      const have = seen.get(k);
      if (!have || (have.inferred && !row.inferred)) seen.set(k, row);
    }
    batch.edges.SUCCEEDED.push(...seen.values());
  }
}
