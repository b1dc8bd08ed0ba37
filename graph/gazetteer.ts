import { provinceAfter2025, provinceNamed } from '../ingest/gazetteer.js';
import type { ProvinceGazetteer } from './build.js';

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
