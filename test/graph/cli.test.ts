import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/** The commands as a user runs them (`npm run ingest|cypher|query`), on the embedded store. */
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'graph-cli-'));
const env = { ...process.env, KUZU_PATH: join(dir, 'kuzu'), NEO4J_URI: '' };
const tsx = (script: string, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', script, ...args], { env, cwd: join(import.meta.dirname, '../..'), timeout: 120_000 }).catch(
    (e: { stdout: string; stderr: string; code: number }) => ({ stdout: e.stdout, stderr: e.stderr, code: e.code }),
  );
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('graph CLIs', () => {
  it('ingest loads a folder with progress and a summary, and a second run changes nothing', async () => {
    const first = await tsx('graph/cli-ingest.ts', 'data/articles');
    // Not on a terminal: a progress line every few percent, then the resolution phases.
    expect(first.stderr).toMatch(/store: kuzu at .*; 5 reports/);
    expect(first.stderr).toMatch(/ingest: 1\/5 reports \(20%\)/);
    expect(first.stderr).toMatch(/ingest: 5 reports in \d+s/);
    expect(first.stderr).toMatch(/resolve people: \d+ name groups/);
    expect(first.stdout).toMatch(/articles: 5 new, 0 unchanged, 0 failed/);
    expect(first.stdout).toMatch(/written: [1-9]\d* nodes and [1-9]\d* edges created/);
    const again = await tsx('graph/cli-ingest.ts', 'data/articles');
    expect(again.stdout).toMatch(/articles: 0 new, 5 unchanged, 0 failed/);
    expect(again.stdout).toMatch(/written: 0 nodes and 0 edges created/);
    expect(again.stdout).toMatch(/people: 0 name blocks resolved/);
  });

  it('ingest names a file it could not load and exits 1', async () => {
    const r = await tsx('graph/cli-ingest.ts', 'data/articles/000_f66b1282c07b462c.txt', 'no/such/file.txt');
    expect(r.stdout).toMatch(/articles: 0 new, 1 unchanged, 1 failed/);
    expect(r.stdout).toMatch(/no\/such\/file\.txt: no such file or folder/);
    expect((r as { code?: number }).code).toBe(1);
  });

  it('rebuild-store builds the store again from its rows, the same graph after as before', async () => {
    const count = "MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS edges";
    const before = await tsx('graph/cli-cypher.ts', count, '--json');
    const r = await tsx('graph/cli-rebuild.ts');
    expect(r.stdout).toMatch(/^rebuilt .*kuzu: [1-9]\d* rows in \d+ tables, in [\d.]+ s/);
    expect((await tsx('graph/cli-cypher.ts', count, '--json')).stdout).toBe(before.stdout);
    const none = await run(process.execPath, ['--import', 'tsx', 'graph/cli-rebuild.ts'], { env: { ...env, KUZU_PATH: join(dir, 'none') }, cwd: join(import.meta.dirname, '../..') }).catch((e: { stderr: string; code: number }) => e);
    expect((none as { code: number }).code).toBe(1);
    expect((none as { stderr: string }).stderr).toMatch(/^error: no embedded graph at .*none\n$/);
    expect(existsSync(join(dir, 'none'))).toBe(false);
  });

  it('cypher prints a table, and query runs a named query', async () => {
    const c = await tsx('graph/cli-cypher.ts', 'MATCH (a:Article) RETURN a.file AS file ORDER BY file LIMIT 2');
    expect(c.stdout).toMatch(/\| file +\|/);
    expect(c.stdout).toMatch(/000_f66b1282c07b462c\.txt/);
    expect(c.stdout).toMatch(/\(2 rows\)/);
    const q = await tsx('graph/cli-query.ts', 'conferences', '--from', '2020-01-01', '--to', '2020-12-31');
    expect(q.stdout).toMatch(/\| date +\| title/);
    expect(q.stdout).toMatch(/2020-12-25/);
    const bad = await tsx('graph/cli-query.ts', 'conferences', '--from', 'yesterday');
    expect(bad.stderr).toMatch(/bad parameters: --from: expected YYYY-MM-DD/);
  });

  it('query names an unknown flag instead of running with defaults', async () => {
    const r = await tsx('graph/cli-query.ts', 'people', '--nam', 'Hòa');
    expect(r.stderr).toMatch(/bad parameters: --nam: unknown parameter of people \(known: --name, --limit\)/);
    expect(r.stdout).toBe('');
    expect((r as { code?: number }).code).toBe(1);
  });

  it('cypher refuses a --limit that is not a number, in one line', async () => {
    const r = await tsx('graph/cli-cypher.ts', 'RETURN 1 AS one', '--limit', 'abc');
    expect(r.stderr.trim()).toBe('--limit abc: expected a positive whole number of rows');
    expect((r as { code?: number }).code).toBe(2);
  });

  it('cypher --read-only opens the store read-only: it creates nothing and refuses writes', async () => {
    const missing = join(dir, 'never-created', 'kuzu');
    const none = await run(process.execPath, ['--import', 'tsx', 'graph/cli-cypher.ts', '--read-only', 'RETURN 1 AS one'], {
      env: { ...env, KUZU_PATH: missing },
      cwd: join(import.meta.dirname, '../..'),
    }).catch((e: { stderr: string; code: number }) => e);
    expect((none as { code?: number }).code).toBe(1);
    expect(none.stderr).toMatch(/no embedded graph at/);
    expect(existsSync(join(dir, 'never-created'))).toBe(false);
    const write = await tsx('graph/cli-cypher.ts', '--read-only', "CREATE (:Award {id: 'awd_cli', name: 'x'})");
    expect(write.stderr).toMatch(/read-only query refused/);
    const count = await tsx('graph/cli-cypher.ts', '--read-only', '--json', "MATCH (a:Award {id: 'awd_cli'}) RETURN count(a) AS n");
    expect(JSON.parse(count.stdout)).toEqual([{ n: 0 }]);
  });
});
