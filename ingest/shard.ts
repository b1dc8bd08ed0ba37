import { hash } from 'node:crypto';
import { basename, relative, resolve, sep } from 'node:path';
import { listFiles, readSources, type Source } from './read.js';

/**
 * `--shard i/n`: machine i of n takes the files whose key hashes to i. The key is a file's path
 * relative to the folder named on the command line, so machines that mount the archive at
 * different places agree; the hash is sha256, so the split is the same on every machine and run.
 * Shards are numbered from 1 (`1/3`, `2/3`, `3/3`), as people count machines.
 */

export interface Shard {
  /** 1-based: 1 ≤ index ≤ count. */
  index: number;
  count: number;
}

/** The whole corpus: what a run without `--shard` takes. */
export const ALL: Shard = { index: 1, count: 1 };

/** '2/3' → { index: 2, count: 3 }; anything else throws one line saying what is expected. */
export function parseShard(spec: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(spec);
  const expected = `expected i/n with 1 ≤ i ≤ n (shards count from 1, e.g. --shard 1/4 … --shard 4/4)`;
  if (!m) throw new Error(`invalid --shard '${spec}': ${expected}`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(count) || count < 1) throw new Error(`invalid --shard '${spec}': n must be at least 1; ${expected}`);
  if (!Number.isSafeInteger(index) || index < 1 || index > count) throw new Error(`invalid --shard '${spec}': i must be between 1 and ${count}; ${expected}`);
  return { index, count };
}

/**
 * The key a file is sharded by: its path relative to `root` (the folder or file named on the
 * command line) with '/' separators and NFC, so Windows, macOS (NFD file names) and Linux agree.
 * A file named directly is keyed by its base name.
 */
export function shardKey(root: string, file: string): string {
  const rel = relative(resolve(root), resolve(file));
  const key = rel === '' ? basename(file) : rel;
  return key.split(sep).join('/').normalize('NFC');
}

/** Which shard (1-based) a key falls in: the first 48 bits of its sha256, modulo n. */
export function shardOf(key: string, count: number): number {
  const h = hash('sha256', key, 'buffer');
  return (h.readUIntBE(0, 6) % count) + 1;
}

/** Does this shard take the file? Pure and deterministic; every file is in exactly one shard. */
export function inShard(shard: Shard, root: string, file: string): boolean {
  return shard.count === 1 || shardOf(shardKey(root, file), shard.count) === shard.index;
}

/** `--shard 2/3` in the form a summary line prints it. */
export function formatShard(s: Shard): string {
  return `${s.index}/${s.count}`;
}

/**
 * listFiles for one shard: the same walk (name order, hidden entries skipped), only the files
 * this shard takes. A named path that cannot be listed is reported by every shard.
 */
export async function* listShard(paths: string[], shard: Shard): AsyncGenerator<{ file: string } | { file: string; reason: string }> {
  for (const root of paths) {
    for await (const f of listFiles([root])) if ('reason' in f || inShard(shard, root, f.file)) yield f;
  }
}

/** readSources for one shard: each file read only when this shard takes it. */
export async function* readShard(paths: string[], shard: Shard): AsyncGenerator<Source> {
  if (shard.count === 1) return yield* readSources(paths);
  for await (const f of listShard(paths, shard)) {
    if ('reason' in f) yield { ok: false, file: f.file, reason: f.reason };
    else yield* readSources([f.file]);
  }
}
