import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KuzuStore } from '../../graph/kuzu-store.js';
import { runNamedQuery } from '../../graph/queries.js';
import { ingestPaths } from '../../graph/ingest.js';
import { QueryTimeout, type Row } from '../../graph/store.js';
import { buildGraph } from '../../graph/build.js';
import { provinceGazetteer } from '../../graph/gazetteer.js';
import { ingestExtractions } from '../../graph/ingest.js';
import { Neo4jStore, edgeMergeCypher, isRetryable, nodeMergeCypher } from '../../graph/neo4j-store.js';
import { batchSize } from '../../graph/schema.js';
import { emptyDatabase, neo4jForTests } from '../support/neo4j.js';
import { loadFixtures } from './fixtures.js';
import { flakyProxy } from './flaky-proxy.js';
import { testStore } from './store-conformance.js';

// A real Neo4j 5.26 (scripts/neo4j/server.sh); skipped only when java or mvn is missing, never under CI=true.
const server = await neo4jForTests();
const skip = 'skip' in server ? server.skip : undefined;
if (skip) console.warn(skip);

describe.skipIf(skip !== undefined)('Neo4j store', () => {
  const conn = server as Exclude<typeof server, { skip: string }>;
  testStore('neo4j', async () => {
    const s = new Neo4jStore({ uri: conn.uri, user: conn.user, password: conn.password, database: conn.database });
    await s.init();
    await emptyDatabase(s);
    return s;
  });

  it('creates the uniqueness constraints', async () => {
    const s = new Neo4jStore({ uri: conn.uri, user: conn.user, password: conn.password, database: conn.database });
    try {
      await s.init();
      const res = await s.query("SHOW CONSTRAINTS YIELD name, type WHERE type = 'UNIQUENESS' RETURN name ORDER BY name");
      expect(res.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['person_id', 'position_id', 'organization_id', 'conference_id', 'locality_id', 'article_id', 'award_id']));
    } finally {
      await s.close();
    }
  });

  it('retries a load whose connection is lost mid-way, with nothing lost or duplicated', async () => {
    const proxy = await flakyProxy(conn.uri);
    // Small statements and transactions so the drop lands in the middle of the load.
    const s = new Neo4jStore({ uri: proxy.uri, user: conn.user, password: conn.password, database: conn.database }, { rowsPerStatement: 10, rowsPerTransaction: 20, maxRetryTimeMs: 5_000 });
    try {
      await s.init();
      await emptyDatabase(s);
      const batch = buildGraph(loadFixtures(), { gazetteer: provinceGazetteer });
      proxy.dropAfter(6_000);
      const counts = await s.writeBatch(batch);
      expect(proxy.drops).toBeGreaterThan(0);
      const stats = await s.stats();
      expect(stats.totalNodes).toBe(batchSize(batch).nodes);
      expect(stats.totalEdges).toBe(batchSize(batch).edges);
      // Created counts may miss a transaction whose commit was acknowledged on a dead connection, never exceed.
      expect(counts.nodesCreated).toBeLessThanOrEqual(batchSize(batch).nodes);
    } finally {
      await s.close();
      await proxy.close();
    }
  });

  it('names the articles that did not land when the server stays away, and a re-run completes them', async () => {
    const proxy = await flakyProxy(conn.uri);
    const s = new Neo4jStore({ uri: proxy.uri, user: conn.user, password: conn.password, database: conn.database }, { maxRetryTimeMs: 500, attempts: 2 });
    try {
      await s.init();
      await emptyDatabase(s);
      const first = await ingestExtractions(loadFixtures(), s, {
        groupSize: 1,
        onProgress: (e) => {
          if (e.done === 1) proxy.down();
        },
      });
      expect(first.articles).toEqual({ new: 1, unchanged: 0, failed: 2 });
      expect(first.failures.map((f) => f.file)).toEqual(['102_ld_ubnd_2024.txt', '201_qn_mattran_2024.txt']);
      proxy.up();
      const second = await ingestExtractions(loadFixtures(), s);
      expect(second.articles).toEqual({ new: 2, unchanged: 1, failed: 0 });
      const batch = buildGraph(loadFixtures(), { gazetteer: provinceGazetteer });
      const stats = await s.stats();
      expect(stats.totalNodes).toBe(batchSize(batch).nodes);
      expect(stats.totalEdges).toBe(batchSize(batch).edges);
    } finally {
      await s.close();
      await proxy.close();
    }
  }, 60_000);

  it('holds the same graph as Kùzu after ingesting the sample corpus, and answers the named queries alike', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cross-store-'));
    const k = new KuzuStore({ path: join(dir, 'kuzu'), bufferPoolBytes: 64 * 1024 * 1024 });
    const n = new Neo4jStore({ uri: conn.uri, user: conn.user, password: conn.password, database: conn.database });
    try {
      await k.init();
      await n.init();
      await emptyDatabase(n);
      const sk = await ingestPaths(['data/articles'], k);
      const sn = await ingestPaths(['data/articles'], n);
      expect(sk.articles.failed).toBe(0);
      expect(sn).toEqual(sk);
      expect(await n.stats()).toEqual(await k.stats());
      const people = await runNamedQuery(k, 'people', { limit: 3 });
      expect(people.rows.length).toBeGreaterThan(0);
      const someone = String(people.rows[0]!.id);
      const articles = (await k.query('MATCH (a:Article) RETURN a.file AS f ORDER BY f')).rows.map((r) => String(r.f));
      const calls: [string, Record<string, unknown>][] = [
        ['people', {}],
        ['conference-people', { conference: 'hội nghị' }],
        ['person-conferences', { person: someone }],
        ['position-timeline', { person: someone }],
        ['position-changes', { a: articles[0], b: articles[1] }],
        ['co-attendance', { limit: 1000 }],
        ['conferences', {}],
      ];
      const canon = (rows: Row[]) => rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).map(([c, v]) => [c, Array.isArray(v) ? [...v].sort() : v])))).sort();
      for (const [name, params] of calls) {
        const a = await runNamedQuery(k, name, params);
        const b = await runNamedQuery(n, name, params);
        expect(canon(b.rows), name).toEqual(canon(a.rows));
      }
    } finally {
      await k.close();
      await n.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('applies a query timeout as a QueryTimeout, reads and writes alike', async () => {
    const s = new Neo4jStore({ uri: conn.uri, user: conn.user, password: conn.password, database: conn.database });
    try {
      for (const readOnly of [true, false]) {
        await expect(s.query('UNWIND range(1, 20000) AS x UNWIND range(1, 20000) AS y WITH x, y WHERE (x + y) % 7 = 3 RETURN count(*) AS c', {}, { timeoutMs: 100, readOnly })).rejects.toBeInstanceOf(
          QueryTimeout,
        );
      }
    } finally {
      await s.close();
    }
  });

  it('keeps to one time limit across retries of a read whose connection keeps dropping', async () => {
    const proxy = await flakyProxy(conn.uri);
    // Five attempts with backoff would take several seconds; the limit is one.
    const s = new Neo4jStore({ uri: proxy.uri, user: conn.user, password: conn.password, database: conn.database }, { maxRetryTimeMs: 100, attempts: 5 });
    try {
      proxy.down();
      const started = Date.now();
      await expect(s.query('RETURN 1 AS one', {}, { readOnly: true, timeoutMs: 1_000 })).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(1_800);
    } finally {
      await s.close();
      await proxy.close();
    }
  });
});

describe('Neo4j store without a server', () => {
  it('writes with UNWIND + MERGE and the model merge rules', () => {
    expect(nodeMergeCypher('Person')).toMatch(/^UNWIND \$rows AS row MERGE \(n:Person \{id: row\.id\}\) SET /);
    expect(nodeMergeCypher('Person')).toContain('n.sources = coalesce(n.sources, []) + [v IN coalesce(row.sources, []) WHERE NOT v IN coalesce(n.sources, [])]');
    expect(edgeMergeCypher('AWARDED', 'Organization', 'Conference')).toContain('MERGE (a)-[r:AWARDED {awardId: row.awardId}]->(b)');
    expect(edgeMergeCypher('HELD', 'Person', 'Position')).toContain('r.firstSeen = CASE WHEN r.firstSeen IS NULL OR (row.firstSeen IS NOT NULL AND row.firstSeen < r.firstSeen)');
  });

  it('retries transient errors and lost connections, not others', () => {
    expect(isRetryable({ code: 'Neo.TransientError.Transaction.DeadlockDetected' })).toBe(true);
    expect(isRetryable({ code: 'ServiceUnavailable', message: 'Connection was closed by server' })).toBe(true);
    expect(isRetryable({ code: 'SessionExpired' })).toBe(true);
    expect(isRetryable(new Error('read ECONNRESET'))).toBe(true);
    expect(isRetryable({ code: 'Neo.ClientError.Statement.SyntaxError', message: 'Invalid input' })).toBe(false);
  });

  it('fails with a clear error when the server is not there', async () => {
    const s = new Neo4jStore({ uri: 'bolt://127.0.0.1:1' });
    try {
      await expect(s.query('RETURN 1')).rejects.toThrow();
    } finally {
      await s.close();
    }
  }, 120_000);
});
