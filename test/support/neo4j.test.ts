import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shouldStop, watchTestServer } from './global-setup.js';
import { missingTools, neo4jForTests } from './neo4j.js';

const server = await neo4jForTests();
const skip = 'skip' in server ? server.skip : undefined;
if (skip) console.warn(skip);

describe.skipIf(skip !== undefined)('Neo4j test server', () => {
  let driver: Driver;
  const conn = server as Exclude<typeof server, { skip: string }>;

  beforeAll(async () => {
    driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password));
    await driver.verifyConnectivity();
  });

  afterAll(async () => {
    await driver?.close();
  });

  it('answers RETURN 1', async () => {
    const { records } = await driver.executeQuery('RETURN 1 AS x', {}, { database: conn.database });
    expect(records).toHaveLength(1);
    expect(neo4j.integer.toNumber(records[0]!.get('x'))).toBe(1);
  });

  it('is Neo4j 5.26 Community', async () => {
    const { records } = await driver.executeQuery(
      'CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition',
      {},
      { database: conn.database },
    );
    const kernel = records.find((r) => r.get('name') === 'Neo4j Kernel') ?? records[0];
    expect(kernel).toBeDefined();
    const versions = kernel!.get('versions') as string[];
    expect(versions[0]).toMatch(/^5\.26/);
    expect(kernel!.get('edition')).toBe('community');
  });
});

describe('Neo4j test server safety', () => {
  it('needs javac and mvn only when the server must be built first', () => {
    const only =
      (...cmds: string[]) =>
      (c: string) =>
        cmds.includes(c);
    expect(missingTools(true, only('java', 'mvn'))).toEqual(['javac']);
    expect(missingTools(true, only())).toEqual(['java', 'javac', 'mvn']);
    expect(missingTools(false, only('java'))).toEqual([]);
    expect(missingTools(false, only('javac', 'mvn'))).toEqual(['java']);
  });

  it('status does not claim a server that is not ours, even when its recorded port answers', async () => {
    // A copy of server.sh in a scratch root: .neo4j/uri names a port that answers (a stand-in for a
    // user's own Neo4j) and .neo4j/pid a live process that is not the test server (this one).
    const root = mkdtempSync(path.join(tmpdir(), 'neo4j-status-'));
    const listener = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    try {
      const port = (listener.address() as net.AddressInfo).port;
      mkdirSync(path.join(root, 'scripts', 'neo4j'), { recursive: true });
      mkdirSync(path.join(root, '.neo4j'));
      const here = path.dirname(fileURLToPath(import.meta.url));
      copyFileSync(path.join(here, '../../scripts/neo4j/server.sh'), path.join(root, 'scripts', 'neo4j', 'server.sh'));
      writeFileSync(path.join(root, '.neo4j', 'uri'), `bolt://127.0.0.1:${port}\n`);
      writeFileSync(path.join(root, '.neo4j', 'pid'), `${process.pid}\n`);
      const status = await new Promise<{ code: number; stdout: string }>((resolve) =>
        execFile('bash', [path.join(root, 'scripts', 'neo4j', 'server.sh'), 'status'], { timeout: 30_000 }, (err, stdout) =>
          resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout }),
        ),
      );
      expect(status.code).toBe(1);
      expect(status.stdout).not.toMatch(/bolt:/);
    } finally {
      await new Promise<void>((r) => listener.close(() => r()));
      rmSync(root, { recursive: true, force: true });
    }
  });
});

/** A scratch root with server.sh and a stand-in server: a live process named like ours, its URI answering. */
async function scratchServer(): Promise<{ root: string; start: () => Promise<number>; alive: (pid: number) => boolean; cleanup: () => Promise<void> }> {
  const root = mkdtempSync(path.join(tmpdir(), 'neo4j-teardown-'));
  mkdirSync(path.join(root, 'scripts', 'neo4j'), { recursive: true });
  mkdirSync(path.join(root, '.neo4j'));
  copyFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/neo4j/server.sh'), path.join(root, 'scripts', 'neo4j', 'server.sh'));
  const listener = net.createServer((s) => s.destroy());
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  const children: number[] = [];
  return {
    root,
    start: async () => {
      const child = spawn('bash', ['-c', 'exec -a "java testserver.TestServer" sleep 120'], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 200));
      children.push(child.pid!);
      writeFileSync(path.join(root, '.neo4j', 'pid'), `${child.pid}\n`);
      writeFileSync(path.join(root, '.neo4j', 'uri'), `bolt://127.0.0.1:${(listener.address() as net.AddressInfo).port}\n`);
      return child.pid!;
    },
    alive: (pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    },
    cleanup: async () => {
      for (const pid of children) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await new Promise<void>((r) => listener.close(() => r()));
      rmSync(root, { recursive: true, force: true });
    },
  };
}

describe('the test run leaves no Neo4j server behind', () => {
  it('stops a server the run started, when the run ends', async () => {
    const s = await scratchServer();
    try {
      const teardown = await watchTestServer(s.root, {});
      const pid = await s.start(); // a test file started it
      expect(await teardown()).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(s.alive(pid)).toBe(false);
    } finally {
      await s.cleanup();
    }
  });

  it('leaves alone a server that ran before, and one kept with NEO4J_TEST_KEEP=1', async () => {
    const s = await scratchServer();
    try {
      const pid = await s.start();
      expect(await (await watchTestServer(s.root, {}))()).toBe(false);
      expect(s.alive(pid)).toBe(true);
      expect(shouldStop(false, true, { NEO4J_TEST_KEEP: '1' })).toBe(false);
      expect(shouldStop(false, true, { NEO4J_TEST_URI: 'bolt://elsewhere:7687' })).toBe(false);
      expect(shouldStop(false, true, {})).toBe(true);
    } finally {
      await s.cleanup();
    }
  });

  it('is wired into the test configuration as a global setup', async () => {
    const config = (await import('../../vite.config.js')).default as { test?: { globalSetup?: string[] } };
    expect(config.test?.globalSetup).toContain('test/support/global-setup.ts');
  });
});
