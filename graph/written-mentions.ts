import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { MentionData, MentionRecord } from './mention-record.js';
import type { GraphBatch } from './schema.js';

/**
 * The mentions a first load has written, kept in files beside the store so that person
 * resolution reads them back from there instead of from the database. On the embedded store at a
 * million reports, reading the mentions' data back out of Kùzu cost about 0.25 ms a mention
 * (over 20 minutes for 5.2 million), far more than the rest of a chunk.
 *
 * It answers for a name block only when it holds every stored mention of that block: the run
 * began on a store without mentions, nothing else can write the store meanwhile (GraphStore.scratch),
 * a batch's mentions are added only once the batch has landed, and no write failed. Anything else
 * (a resumed run, a failed write or append) leaves resolution reading the store, as before.
 *
 * Records go to one of BUCKETS files by their block, so that resolution, taking blocks bucket by
 * bucket, holds one bucket in memory at a time.
 */

const BUCKETS = 256;

export class WrittenMentions {
  private usable = true;
  private loaded: { bucket: number; blocks: Map<string, MentionRecord[]> } | null = null;

  private constructor(private readonly dir: string) {}

  /** A record of this run's mentions, or null when it could not be complete (see above). */
  static start(scratch: string | undefined, storeHasMentions: boolean): WrittenMentions | null {
    if (!scratch || storeHasMentions) return null;
    const dir = join(scratch, 'written-mentions');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    return new WrittenMentions(dir);
  }

  /** False once a write to the store or to its files failed: then it answers for no block. */
  get complete(): boolean {
    return this.usable;
  }

  /** A write whose outcome is not known (it failed, and may have landed in part): from now on it answers for no block. */
  invalidate(): void {
    this.usable = false;
  }

  /** The mentions of a batch that has landed. */
  add(batch: GraphBatch): void {
    if (!this.usable) return;
    const blockOf = new Map(batch.edges.NAMED.map((e) => [e.source, e.target]));
    const lines = new Map<number, string[]>();
    for (const m of batch.nodes.Mention) {
      const block = blockOf.get(m.id);
      if (block === undefined) continue;
      const b = bucketOf(block);
      // JSON escapes every control character, so a record never holds a tab or a line break.
      (lines.get(b) ?? lines.set(b, []).get(b)!).push(`${block}\t${m.id}\t${m.nameKey}\t${m.data}\n`);
    }
    try {
      for (const [b, ls] of lines) appendFileSync(join(this.dir, `${b}.tsv`), ls.join(''));
    } catch {
      this.usable = false;
    }
  }

  /** The bucket a block's records are in: resolution orders its blocks by it. */
  bucket(block: string): number {
    return bucketOf(block);
  }

  /** Every stored mention of this block, or null when this record cannot answer for it. */
  mentionsOf(block: string): MentionRecord[] | null {
    if (!this.usable) return null;
    const b = bucketOf(block);
    if (this.loaded?.bucket !== b) {
      const blocks = new Map<string, MentionRecord[]>();
      const file = join(this.dir, `${b}.tsv`);
      try {
        const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
        for (const line of text.split('\n')) {
          if (line === '') continue;
          const [blk, id, nameKey, data] = line.split('\t') as [string, string, string, string];
          // Written by this project's article rows from a MentionData value: parsed, not validated again.
          (blocks.get(blk) ?? blocks.set(blk, []).get(blk)!).push({ id, nameKey, data: JSON.parse(data) as MentionData });
        }
      } catch {
        this.usable = false;
        return null;
      }
      this.loaded = { bucket: b, blocks };
    }
    return this.loaded.blocks.get(block) ?? [];
  }

  close(): void {
    this.loaded = null;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A block id ends in hex digits of a hash (graph/ids.ts): its last two spread blocks evenly over the buckets. */
function bucketOf(block: string): number {
  const n = Number.parseInt(block.slice(-2), 16);
  return Number.isNaN(n) ? 0 : n % BUCKETS;
}
