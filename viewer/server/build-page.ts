import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the page with Vite when dist/viewer is missing or older than its sources, so
 * `npm start` always serves the current page. Vite is imported lazily: it is only needed to build.
 */

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SOURCES = ['viewer/index.html', 'viewer/src', 'viewer/shared', 'vite.config.ts'].map((p) => join(REPO, p));
export const PAGE_DIR = join(REPO, 'dist/viewer');

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((e) => newestMtime(join(path, e))));
  return Math.max(info.mtimeMs, ...times);
}

export async function pageIsStale(outDir = PAGE_DIR): Promise<boolean> {
  const built = await stat(join(outDir, 'index.html')).catch(() => null);
  if (!built) return true;
  const sources = await Promise.all(SOURCES.map(newestMtime));
  return Math.max(...sources) > built.mtimeMs;
}

/** Builds into outDir if stale (or always with force); returns true when it built. */
export async function ensurePageBuilt(opts: { outDir?: string; force?: boolean } = {}): Promise<boolean> {
  const outDir = opts.outDir ?? PAGE_DIR;
  if (!opts.force && !(await pageIsStale(outDir))) return false;
  const { build } = await import('vite');
  await build({
    configFile: join(REPO, 'vite.config.ts'),
    root: join(REPO, 'viewer'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return true;
}
