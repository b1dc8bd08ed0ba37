import type { MergeRule, PropDef } from './schema.js';

/**
 * The merge rules of the model applied in JS. The Kùzu store merges this way (it reads what is
 * stored, merges here, and writes only what changed); BatchBuilder merges rows of one batch the
 * same way; the Neo4j store states the same rules in Cypher.
 */

export function mergeValue(rule: MergeRule, prev: unknown, next: unknown): unknown {
  switch (rule) {
    case 'key':
    case 'first':
      return prev ?? next ?? null;
    case 'min':
      return prev == null ? (next ?? null) : next == null ? prev : (next as string) < (prev as string) ? next : prev;
    case 'max':
      return prev == null ? (next ?? null) : next == null ? prev : (next as string) > (prev as string) ? next : prev;
    case 'last':
      return next ?? prev ?? null;
    case 'union': {
      const out = [...((prev as unknown[] | null) ?? [])];
      for (const v of (next as unknown[] | null) ?? []) if (!out.includes(v)) out.push(v);
      return out;
    }
  }
}

/** Merges `next` into `prev` in place; returns true when anything changed. */
export function mergeInto(props: Record<string, PropDef>, prev: Record<string, unknown>, next: Record<string, unknown>): boolean {
  let changed = false;
  for (const [k, p] of Object.entries(props)) {
    const before = prev[k] ?? null;
    const after = mergeValue(p.merge, before, next[k]);
    if (!sameValue(before, after)) changed = true;
    prev[k] = after;
  }
  return changed;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return (a ?? null) === (b ?? null);
}
