import { describe, expect, it } from 'vitest';
import { type GraphStore, type QueryOptions, QueryRefused, QueryTimeout, type QueryResult } from '../../graph/store.js';
import { buildApp, startServer } from '../../viewer/server/app.js';

/**
 * The server without a database: a stand-in store that fails (or answers) as told, for how the
 * console maps store errors to answers, and for starting and stopping the server.
 */

interface Seen {
  cypher: string;
  opts: QueryOptions | undefined;
}

function fakeStore(answer: (cypher: string) => QueryResult | Error, seen: Seen[] = []): GraphStore {
  const unused = async (): Promise<never> => {
    throw new Error('not used by the server');
  };
  return {
    storedArticles: unused,
    dirtyNames: unused,
    judgedNames: unused,
    markNamesDirty: unused,
    linkedNames: unused,
    mentionsOf: unused,
    replacePersonLayer: unused,
    dirtyPositions: unused,
    holdersOf: unused,
    personsOfMentions: unused,
    replaceSuccessions: unused,
    kind: 'kuzu',
    location: ':fake:',
    init: async () => undefined,
    hasArticle: async () => false,
    writeBatch: async () => ({ nodesCreated: 0, edgesCreated: 0, nodesWritten: 0, edgesWritten: 0 }),
    settle: async () => ({ nodesCreated: 0, edgesCreated: 0, nodesWritten: 0, edgesWritten: 0 }),
    query: async (cypher, _params, opts) => {
      seen.push({ cypher, opts });
      const a = answer(cypher);
      if (a instanceof Error) throw a;
      return a;
    },
    stats: async () => ({ nodes: {}, edges: {}, totalNodes: 0, totalEdges: 0 }),
    close: async () => undefined,
  };
}

async function consoleAnswer(err: Error): Promise<{ status: number; reason: string }> {
  const app = await buildApp({ store: fakeStore(() => err), catalog: [], staticDir: '/nonexistent' });
  try {
    const res = await app.inject({ method: 'POST', url: '/api/cypher', payload: { query: 'MATCH (n) RETURN n' } });
    return { status: res.statusCode, reason: (res.json() as { reason: string }).reason };
  } finally {
    await app.close();
  }
}

const withCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });

describe('Cypher console errors', () => {
  it('reports a QueryTimeout from the store as the time limit', async () => {
    const r = await consoleAnswer(new QueryTimeout('query terminated: it ran past the time limit of 5 ms'));
    expect(r.status).toBe(400);
    expect(r.reason).toMatch(/^time limit of 10000 ms reached/);
  });

  it('reports an error named QueryTimeout (another copy of the class) as the time limit', async () => {
    const copy = Object.assign(new Error('Interrupted.'), { name: 'QueryTimeout' });
    expect((await consoleAnswer(copy)).reason).toMatch(/^time limit of/);
  });

  it("reports Neo4j's server-side transaction timeout, known by its code, as the time limit", async () => {
    for (const code of ['Neo.ClientError.Transaction.TransactionTimedOut', 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration']) {
      const r = await consoleAnswer(withCode('The transaction has been terminated.', code));
      expect(r.status, code).toBe(400);
      expect(r.reason, code).toMatch(/^time limit of/);
    }
  });

  it("does not take a syntax error that echoes 'timeout' in the query for a time limit", async () => {
    for (const err of [
      new Error("Parser exception: extraneous input 'timeout' at 'MATCH (n) RETURN timeout interrupted terminated'"),
      withCode('Invalid input \'timeout\': expected ... "MATCH (n) RETURN n.timed_out"', 'Neo.ClientError.Statement.SyntaxError'),
    ]) {
      const r = await consoleAnswer(err);
      expect(r.status).toBe(400);
      expect(r.reason).not.toMatch(/time limit/);
      expect(r.reason).toBe(err.message);
    }
  });

  it('answers 400 read-only when the store refuses the query', async () => {
    const r = await consoleAnswer(new QueryRefused('read-only query refused: it contains a writing clause'));
    expect(r).toEqual({ status: 400, reason: 'read-only query refused: it contains a writing clause' });
    const other = await consoleAnswer(new QueryRefused('one statement at a time'));
    expect(other).toEqual({ status: 400, reason: 'read-only: one statement at a time' });
  });

  it('leaves the write check to the store: every console query reaches it, read-only and limited', async () => {
    const seen: Seen[] = [];
    const store = fakeStore((c) => (/SET/.test(c) ? new QueryRefused('read-only query refused: it contains a writing clause') : { columns: [], rows: [], truncated: false }), seen);
    const app = await buildApp({ store, catalog: [], staticDir: '/nonexistent', limits: { timeoutMs: 700, rowLimit: 9 } });
    try {
      const res = await app.inject({ method: 'POST', url: '/api/cypher', payload: { query: "MATCH (p:Person) SET p.name = 'x'" } });
      expect(res.statusCode).toBe(400);
      expect(seen).toEqual([{ cypher: "MATCH (p:Person) SET p.name = 'x'", opts: { readOnly: true, untrusted: true, timeoutMs: 700, rowLimit: 9 } }]);
    } finally {
      await app.close();
    }
  });
});

describe('startServer', () => {
  it('returns the URL it listens on and a close that stops it', async () => {
    const server = await startServer({ store: fakeStore(() => ({ columns: [], rows: [], truncated: false })), catalog: [], staticDir: '/nonexistent', port: 0 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(new URL('api/queries', server.url));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([]);
    await server.close();
    await expect(fetch(new URL('api/queries', server.url))).rejects.toThrow();
  });

  it('lets a request in flight finish before close resolves', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const store = fakeStore(() => ({ columns: ['n'], rows: [{ n: 1 }], truncated: false }));
    const slow: GraphStore = {
      ...store,
      query: async (c, p, o) => {
        started();
        await gate;
        return store.query(c, p, o);
      },
    };
    const server = await startServer({ store: slow, catalog: [], staticDir: '/nonexistent', port: 0 });
    const pending = fetch(new URL('api/cypher', server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"RETURN 1 AS n"}' });
    await running;
    let closed = false;
    const closing = server.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(false);
    release();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { rows: unknown[][] }).rows).toEqual([[1]]);
    await closing;
    expect(closed).toBe(true);
  });
});

describe('node reads reused for a while', () => {
  const empty: QueryResult = { columns: [], rows: [], truncated: false };
  const get = async (app: Awaited<ReturnType<typeof buildApp>>, url: string) => (await app.inject({ method: 'GET', url })).statusCode;

  it('reads a node once while it is fresh, and again for another node', async () => {
    const seen: Seen[] = [];
    const app = await buildApp({ store: fakeStore(() => empty, seen), catalog: [], staticDir: '/nonexistent', readCacheMs: 60_000 });
    try {
      expect(await get(app, '/api/nodes/org_abc')).toBe(404);
      const once = seen.length;
      expect(once).toBeGreaterThan(0);
      expect(await get(app, '/api/nodes/org_abc')).toBe(404);
      expect(seen.length).toBe(once);
      expect(await get(app, '/api/nodes/org_def')).toBe(404);
      expect(seen.length).toBe(2 * once);
    } finally {
      await app.close();
    }
  });

  it('reuses reads by default only on a store nothing can change while it is open', async () => {
    const counts: number[] = [];
    for (const frozen of [true, false]) {
      const seen: Seen[] = [];
      const app = await buildApp({ store: { ...fakeStore(() => empty, seen), frozen }, catalog: [], staticDir: '/nonexistent' });
      try {
        await get(app, '/api/nodes/org_abc');
        const once = seen.length;
        await get(app, '/api/nodes/org_abc');
        counts.push(seen.length / once);
      } finally {
        await app.close();
      }
    }
    expect(counts).toEqual([1, 2]);
  });

  it('reads every time when the cache is off', async () => {
    const seen: Seen[] = [];
    const app = await buildApp({ store: fakeStore(() => empty, seen), catalog: [], staticDir: '/nonexistent', readCacheMs: 0 });
    try {
      await get(app, '/api/nodes/org_abc');
      const once = seen.length;
      await get(app, '/api/nodes/org_abc');
      expect(seen.length).toBe(2 * once);
    } finally {
      await app.close();
    }
  });

  it('does not keep a failed read: the next request asks the store again', async () => {
    let fail = true;
    const app = await buildApp({ store: fakeStore(() => (fail ? new Error('connection lost') : empty)), catalog: [], staticDir: '/nonexistent', readCacheMs: 60_000 });
    try {
      expect(await get(app, '/api/nodes/org_abc')).toBe(500);
      fail = false;
      expect(await get(app, '/api/nodes/org_abc')).toBe(404);
    } finally {
      await app.close();
    }
  });
});
