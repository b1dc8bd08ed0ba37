import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KuzuStore } from '../../graph/kuzu-store.js';

/** `npm run cypher` as a user runs it, on an embedded store another process holds open (as `npm start` does). */
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'cli-cypher-'));
const path = join(dir, 'kuzu');
const env = { ...process.env, KUZU_PATH: path, NEO4J_URI: '' };
const cypher = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'graph/cli-cypher.ts', ...args], { env, cwd: join(import.meta.dirname, '../..'), timeout: 120_000 }).then(
    (r) => ({ ...r, code: 0 }),
    (e: { stdout: string; stderr: string; code: number }) => ({ stdout: e.stdout, stderr: e.stderr, code: e.code }),
  );

describe('npm run cypher', () => {
  let holder: KuzuStore;

  beforeAll(async () => {
    const init = new KuzuStore({ path, bufferPoolBytes: 32 * 1024 * 1024 });
    await init.init();
    await init.close();
    // Held read-only, like the server of `npm start`.
    holder = new KuzuStore({ path, readOnly: true, bufferPoolBytes: 32 * 1024 * 1024 });
    // Kùzu opens the file (and takes its lock) on first use.
    await holder.query('RETURN 1 AS one');
  });
  afterAll(async () => {
    await holder?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says the store is open elsewhere and suggests --read-only, in one line, when the lock is taken', async () => {
    const r = await cypher('RETURN 1 AS one');
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: the embedded graph at .+ is open in another process \(npm start .*\); add --read-only to query it alongside/);
  });

  it('runs alongside with --read-only', async () => {
    const r = await cypher('--read-only', 'RETURN 1 AS one');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\| one \|/);
  });

  it('refuses a $parameter that no --param binds, naming it', async () => {
    const r = await cypher('--read-only', 'MATCH (p:Person) WHERE p.name = $name RETURN count(p) AS n');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('error: parameter $name is not bound: pass --param name=value for each');
    const bound = await cypher('--read-only', '--json', 'MATCH (p:Person) WHERE p.name = $name RETURN count(p) AS n', '--param', 'name=Quách Minh Khôi');
    expect(bound.code).toBe(0);
    expect(JSON.parse(bound.stdout)).toEqual([{ n: 0 }]);
  });
});
