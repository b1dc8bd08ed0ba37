/**
 * Deterministic randomness: a 32-bit hash to derive independent streams from (seed, purpose,
 * index), and mulberry32 for each stream. Report i's text depends only on rngFor(seed, i, …).
 */

export type Rng = () => number;

/** A well-mixed 32-bit hash of two 32-bit integers (murmur3's finalizer over a combination). */
export function mix(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: fast, small state, good enough for text. */
export function rng(state: number): Rng {
  let s = state >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An independent stream for (seed, purpose, index): purposes keep the world's and reports' draws apart. */
export function rngFor(seed: number, purpose: number, index: number): Rng {
  return rng(mix(mix(seed >>> 0, purpose), index >>> 0));
}

/** A hash of a string (FNV-1a), for stable per-name draws. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
export const pick = <T>(r: Rng, a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
export const chance = (r: Rng, p: number): boolean => r() < p;

/** Picks with weights; build once, draw many times. */
export function weighted<T>(items: readonly (readonly [T, number])[]): (r: Rng) => T {
  const cum: number[] = [];
  let sum = 0;
  for (const [, w] of items) cum.push((sum += w));
  return (r) => {
    const x = r() * sum;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]![0];
  };
}

/** Fisher–Yates, in place. */
export function shuffle<T>(r: Rng, a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
