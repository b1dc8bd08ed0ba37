import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { extractInWorkers, type Extracted } from '../../ingest/extract-pool.js';
import { extractArticle } from '../../ingest/extract.js';
import type { Source } from '../../ingest/read.js';
import { corpusReport } from '../../scripts/generate-corpus.js';

const crashing = new URL('./crashing-worker.ts', import.meta.url);
const texts = Array.from({ length: 40 }, (_, i) => corpusReport(i).text);

async function* sources(list: string[], onPull?: (i: number) => void): AsyncGenerator<Source> {
  for (const [i, text] of list.entries()) {
    onPull?.(i);
    yield { ok: true, file: `r${i}.txt`, name: `r${i}.txt`, text };
  }
}

async function collect(it: AsyncIterable<Extracted>): Promise<Extracted[]> {
  const out: Extracted[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('extractInWorkers', () => {
  it('yields every report in input order, each extraction the same as in one thread', async () => {
    const got = await collect(extractInWorkers(sources(texts), { workers: 2, batch: 3, window: 10 }));
    expect(got.map((g) => g.file)).toEqual(texts.map((_, i) => `r${i}.txt`));
    for (const [i, g] of got.entries()) {
      expect('extraction' in g).toBe(true);
      if ('extraction' in g) expect(g.extraction).toEqual(extractArticle(`r${i}.txt`, texts[i]!));
    }
  });

  it('passes unreadable sources through in their place, with their reason', async () => {
    async function* mixed(): AsyncGenerator<Source> {
      yield { ok: true, file: 'a.txt', name: 'a.txt', text: texts[0]! };
      yield { ok: false, file: 'b.txt', reason: 'empty file' };
      yield { ok: true, file: 'c.txt', name: 'c.txt', text: texts[1]! };
    }
    const got = await collect(extractInWorkers(mixed(), { workers: 1 }));
    expect(got.map((g) => [g.file, 'reason' in g ? g.reason : 'ok'])).toEqual([['a.txt', 'ok'], ['b.txt', 'empty file'], ['c.txt', 'ok']]);
  });

  it('reads bare file paths in the workers, with read.ts’s reasons for files it cannot use', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pool-files-'));
    try {
      writeFileSync(join(dir, 'a.txt'), texts[0]!);
      writeFileSync(join(dir, 'b.txt'), '');
      writeFileSync(join(dir, 'c.txt'), Buffer.from([0x48, 0x00, 0x01, 0x02]));
      async function* files() {
        yield { file: join(dir, 'a.txt') };
        yield { file: join(dir, 'b.txt') };
        yield { file: join(dir, 'missing'), reason: 'no such file or folder' };
        yield { file: join(dir, 'c.txt') };
      }
      const got = await collect(extractInWorkers(files(), { workers: 1 }));
      expect(got.map((g) => ('reason' in g ? g.reason : g.extraction.article))).toEqual(['a.txt', 'empty file', 'no such file or folder', 'binary file (contains NUL bytes)']);
      const inThread = await collect(extractInWorkers(files(), { workers: 0 }));
      expect(inThread).toEqual(got);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads no further ahead than the window while the consumer is slow', async () => {
    let pulled = 0;
    const it = extractInWorkers(sources(texts, (i) => (pulled = i + 1)), { workers: 1, batch: 2, window: 6 })[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.done).toBe(false);
    // The consumer now waits; the pool may fill its window (6 in flight after the one taken) and no more.
    await new Promise((r) => setTimeout(r, 1500));
    expect(pulled).toBeLessThanOrEqual(1 + 6);
    expect(pulled).toBeGreaterThanOrEqual(2);
    await it.return(undefined);
  });

  it('fails the report that kills a worker, and carries on with a new worker', async () => {
    const list = [...texts.slice(0, 6)];
    list[2] = `${list[2]}\nCRASH-NOW`;
    list[4] = `${list[4]}\nTHROW-NOW`;
    const got = await collect(extractInWorkers(sources(list), { workers: 2, batch: 2, workerModule: crashing }));
    expect(got.map((g) => g.file)).toEqual(list.map((_, i) => `r${i}.txt`));
    expect(got.map((g) => ('reason' in g ? g.reason : 'ok'))).toEqual([
      'ok', 'ok', 'extraction worker crashed: exited with code 7', 'ok', 'extraction failed: bad report', 'ok',
    ]);
  });

  it('stops with one error when workers cannot start at all', async () => {
    process.env.POOL_TEST_NO_START = '1';
    try {
      await expect(collect(extractInWorkers(sources(texts.slice(0, 3)), { workers: 1, workerModule: crashing }))).rejects.toThrow(
        /^extraction workers cannot start: cannot load the extractor$/,
      );
    } finally {
      delete process.env.POOL_TEST_NO_START;
    }
  });

  it('extracts in the calling thread with workers: 0', async () => {
    const got = await collect(extractInWorkers(sources(texts.slice(0, 3)), { workers: 0 }));
    expect(got.map((g) => ('extraction' in g ? g.extraction.article : g.reason))).toEqual(['r0.txt', 'r1.txt', 'r2.txt']);
  });

  it('refuses a negative worker count', async () => {
    await expect(collect(extractInWorkers(sources([]), { workers: -1 }))).rejects.toThrow(/workers must be a whole number ≥ 0/);
  });
});

describe('the pool in a process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pool-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = promisify(execFile);
  const script = (body: string) => {
    const f = join(dir, `s${Math.random().toString(36).slice(2)}.mts`);
    writeFileSync(f, `import { extractInWorkers } from ${JSON.stringify(new URL('../../ingest/extract-pool.ts', import.meta.url).pathname)};\n${body}`);
    return f;
  };
  const sourcesCode = `async function* src(n: number) { for (let i = 0; i < n; i++) yield { ok: true as const, file: 'f' + i, name: 'f' + i + '.txt', text: 'Hội nghị do đồng chí Nguyễn Văn Sơn - Bí thư Huyện ủy chủ trì. Dự có đồng chí Trần Thị Lan, Phó Chủ tịch UBND huyện.' }; }\n`;

  it('runs under tsx, as npm run ingest does, and exits when the consumer stops early', async () => {
    const f = script(`${sourcesCode}let k = 0; for await (const x of extractInWorkers(src(1000), { workers: 2 })) { if ('reason' in x) throw new Error(x.reason); if (++k === 5) break; }\nconsole.log('took', k);`);
    const t0 = Date.now();
    const r = await run(process.execPath, ['--import', 'tsx', f], { cwd: join(import.meta.dirname, '../..'), timeout: 60_000 });
    expect(r.stdout.trim()).toBe('took 5');
    // No worker keeps it alive after the loop.
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it('exits even when a consumer abandons the iterator without closing it', async () => {
    const f = script(`${sourcesCode}const it = extractInWorkers(src(50), { workers: 2, window: 8 })[Symbol.asyncIterator](); const x = await it.next(); console.log('got', 'extraction' in x.value! ? 'one' : 'none');`);
    const r = await run(process.execPath, ['--import', 'tsx', f], { cwd: join(import.meta.dirname, '../..'), timeout: 60_000 });
    expect(r.stdout.trim()).toBe('got one');
  });
});
