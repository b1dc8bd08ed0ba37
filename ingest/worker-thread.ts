import { Worker, type ResourceLimits } from 'node:worker_threads';

// Node 20 does not pass tsx's loader on to worker threads: a TypeScript worker module starts
// through a small ES module that registers tsx first (works under `tsx`, `node --import tsx` and vitest).
const TS_BOOT = new URL('./ts-worker.mjs', import.meta.url);

/** A worker thread running `mod` (TypeScript or JavaScript), with `data` as its workerData. */
export function startWorker(mod: URL, data: Record<string, unknown> = {}, resourceLimits?: ResourceLimits): Worker {
  const ts = mod.pathname.endsWith('.ts');
  return new Worker(ts ? TS_BOOT : mod, { workerData: { ...data, url: ts ? mod.href : undefined }, resourceLimits });
}
