import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { toneKey } from '../ingest/normalize.js';
import { mentionId, nameBlockId } from './ids.js';

/**
 * Analysts' decisions on identity, kept apart from the data (nomenklatura's resolver file): a JSON
 * list in the data folder, read on every run and applied on top of person resolution, so they
 * survive re-ingest and re-resolution. A judgement names two mentions by article (its file name,
 * or its id) and name as the report writes it; person ids change when resolution does, mentions
 * do not, so the `people` CLI turns a person id into one of its mentions when it records one.
 */

export const DEFAULT_JUDGEMENTS_FILE = 'data/judgements.json';

export const MentionRef = z.strictObject({
  /** The article's file name (`Article.file`) or its id (`art_…`). */
  article: z.string().min(1),
  /** The person's name as that report writes it. */
  name: z.string().min(1),
});
export type MentionRef = z.infer<typeof MentionRef>;

export const Judgement = z.strictObject({
  /** 'same': one person; 'different': never one person. */
  kind: z.enum(['same', 'different']),
  a: MentionRef,
  b: MentionRef,
  note: z.string().optional(),
  /** When it was recorded (ISO). */
  at: z.string().optional(),
});
export type Judgement = z.infer<typeof Judgement>;

const JudgementFile = z.array(Judgement);

export function judgementsPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.JUDGEMENTS_FILE || DEFAULT_JUDGEMENTS_FILE;
}

/** The judgements in `path` ([] when there is no file); a bad file is an error naming it and the reason. */
export function loadJudgements(path: string): Judgement[] {
  if (!existsSync(path)) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const r = JudgementFile.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new Error(`${path}: judgement ${i.path.join('.')}: ${i.message}`);
  }
  return r.data;
}

/** Adds a judgement (a repeat of one already there is not added twice); writes atomically. */
export function addJudgement(path: string, j: Judgement): { added: boolean; all: Judgement[] } {
  const all = loadJudgements(path);
  const key = (x: Judgement) => [x.kind, ...[refKey(x.a), refKey(x.b)].sort()].join('\u0000');
  if (all.some((x) => key(x) === key(j))) return { added: false, all };
  const next = [...all, j];
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`);
  renameSync(tmp, path);
  return { added: true, all: next };
}

const refKey = (r: MentionRef): string => `${r.article}\u0000${toneKey(r.name)}`;

/** Judgements in mention ids, with the fingerprint of each name block they touch. */
export interface AppliedJudgements {
  same: [string, string][];
  different: [string, string][];
  /** Name-block id → fingerprint of the judgements that name it. */
  fingerprints: Map<string, string>;
  /** Name-block pairs a 'same' judgement joins: they are resolved together. */
  linked: [string, string][];
  /** Judgements whose article is not stored (reported, not applied). */
  unresolved: Judgement[];
}

/**
 * Pure: judgements → mention-id pairs, given the article ids each file name stands for. A ref
 * whose article is an id (`art_…`) is used as is.
 */
export function applyJudgements(judgements: Judgement[], articleIdsOf: (ref: string) => string[]): AppliedJudgements {
  const out: AppliedJudgements = { same: [], different: [], fingerprints: new Map(), linked: [], unresolved: [] };
  const byBlock = new Map<string, string[]>();
  for (const j of judgements) {
    const ids = (r: MentionRef): string[] => (r.article.startsWith('art_') ? [r.article] : articleIdsOf(r.article)).map((a) => mentionId(a, toneKey(r.name)));
    const as = ids(j.a);
    const bs = ids(j.b);
    if (as.length === 0 || bs.length === 0) {
      out.unresolved.push(j);
      continue;
    }
    for (const a of as) for (const b of bs) (j.kind === 'same' ? out.same : out.different).push([a, b]);
    if (j.kind === 'same') out.linked.push([nameBlockId(toneKey(j.a.name)), nameBlockId(toneKey(j.b.name))]);
    const text = JSON.stringify([j.kind, ...[refKey(j.a), refKey(j.b)].sort()]);
    for (const r of [j.a, j.b]) {
      const block = nameBlockId(toneKey(r.name));
      (byBlock.get(block) ?? byBlock.set(block, []).get(block)!).push(text);
    }
  }
  for (const [block, texts] of byBlock) out.fingerprints.set(block, createHash('sha256').update([...new Set(texts)].sort().join('\n')).digest('hex').slice(0, 16));
  return out;
}
