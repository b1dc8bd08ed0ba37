import { MERGER_2025, provinceAfter2025, provinceNamed } from '../ingest/gazetteer.js';
import { toneKey } from '../ingest/normalize.js';
import type { ProvinceGazetteer } from './article-rows.js';

/**
 * The lead's province gazetteer (ingest/gazetteer.ts) behind build.ts's hook: canonical province
 * names and the 1 July 2025 merger (Resolution 202/2025/QH15), 63 provinces → 34.
 */
export const provinceGazetteer: ProvinceGazetteer = {
  canonical: (name) => provinceNamed(name),
  mergedInto: (name) => {
    const after = provinceAfter2025(name);
    const canon = provinceNamed(name);
    return after && canon && after !== canon ? after : null;
  },
  mergerDate: '2025-07-01',
};

const MERGER_DAY = '2025-07-01';

/**
 * The place keys of a province as seen on a date, for person resolution. Before the merger a
 * province is itself; after it, a merged province also stands for each province it absorbed, so a
 * career continues across the merger while two provinces that were separate stay apart before it.
 */
export function provinceGroup(name: string, date: string | null): string[] {
  const canon = provinceNamed(name) ?? name.trim();
  // An absorbed province's name means that old province, whatever the date.
  const absorbed = MERGER_2025[canon];
  if (!date || date < MERGER_DAY || !absorbed) return [toneKey(canon)];
  return [...new Set([canon, ...absorbed].map(toneKey))];
}
