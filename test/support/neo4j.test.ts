import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
