import kuzu from 'kuzu';

/**
 * Several Kùzu connections for read-only queries, so one slow read does not hold up the others
 * (a connection runs one query at a time; the database runs many connections' reads side by side).
 * Connections are opened on first need, up to `size`; a caller waits for a free one beyond that.
 */

export type KuzuConnection = InstanceType<typeof kuzu.Connection>;
type KQueryResult = InstanceType<typeof kuzu.QueryResult>;

export class ReadPool {
  private readonly free: KuzuConnection[] = [];
  private readonly all: KuzuConnection[] = [];
  private readonly waiting: ((c: KuzuConnection) => void)[] = [];
  private busy = 0;
  private closed = false;
  private drained: (() => void) | null = null;

  /** `reusePlans`: keep each connection's prepared statements (only where the schema cannot change: a read-only store). */
  constructor(
    private readonly open: () => KuzuConnection,
    private readonly size: number,
    private readonly reusePlans = false,
  ) {}

  private acquire(): Promise<KuzuConnection> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    const c = this.free.pop() ?? (this.all.length < this.size ? this.opened() : undefined);
    if (c) {
      this.busy++;
      return Promise.resolve(c);
    }
    // A connection handed over by release() stays counted as busy.
    return new Promise<KuzuConnection>((resolve) => this.waiting.push(resolve));
  }

  private opened(): KuzuConnection {
    const c = this.open();
    if (this.reusePlans) PREPARED.set(c, new Map());
    this.all.push(c);
    return c;
  }

  private release(c: KuzuConnection): void {
    const next = this.waiting.shift();
    if (next) return next(c);
    this.busy--;
    this.free.push(c);
    if (this.busy === 0) this.drained?.();
  }

  /** Runs `fn` on a connection of its own for the duration. */
  async use<T>(fn: (c: KuzuConnection) => Promise<T>): Promise<T> {
    const c = await this.acquire();
    try {
      return await fn(c);
    } finally {
      this.release(c);
    }
  }

  /** Waits for the reads in flight, then closes every connection. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.busy > 0) await new Promise<void>((r) => (this.drained = r));
    for (const c of this.all) await c.close();
    this.all.length = 0;
    this.free.length = 0;
  }
}

type KPrepared = Awaited<ReturnType<KuzuConnection['prepare']>>;

/**
 * Statements prepared on a read-only store's pooled connections, by text: the application asks
 * the same few again and again. Only there: a plan bound to tables a writer later changes is stale.
 */
const PREPARED = new WeakMap<KuzuConnection, Map<string, KPrepared>>();
const PREPARED_PER_CONNECTION = 256;

async function prepared(conn: KuzuConnection, cypher: string): Promise<KPrepared> {
  const cache = PREPARED.get(conn);
  const hit = cache?.get(cypher);
  if (cache && hit) {
    // Most recently used last: the first entry is the one to drop.
    cache.delete(cypher);
    cache.set(cypher, hit);
    return hit;
  }
  const ps = await conn.prepare(cypher);
  if (!ps.isSuccess()) throw new Error(ps.getErrorMessage());
  if (cache) {
    if (cache.size >= PREPARED_PER_CONNECTION) cache.delete(cache.keys().next().value!);
    cache.set(cypher, ps);
  }
  return ps;
}

/**
 * Runs one text on `conn` and hands `read` the last statement's result; every result is closed
 * afterwards (the earlier of a chain only after the last is read: closing it first crashes Kùzu).
 * Kùzu rejects parameters a statement does not use, so only those it names are passed.
 */
export async function runOn<T>(conn: KuzuConnection, text: string, params: Record<string, unknown> | undefined, read: (res: KQueryResult) => Promise<T>): Promise<T> {
  const { cypher, used } = boundParameters(text, params);
  let res;
  if (Object.keys(used).length > 0) res = await conn.execute(await prepared(conn, cypher), used as Record<string, never>);
  else res = await conn.query(cypher);
  return readLast(resultList(res), read);
}

/** A query's results as a list: a text of several statements gives one each. */
export const resultList = (res: KQueryResult | KQueryResult[]): KQueryResult[] => (Array.isArray(res) ? res : [res]);

/**
 * Hands `read` the last of the results, then closes them all, whatever `read` does. A chain of
 * results shares native state: closing an earlier one before the last is read crashes Kùzu.
 */
export async function readLast<T>(results: KQueryResult[], read: (res: KQueryResult) => Promise<T>): Promise<T> {
  try {
    return await read(results[results.length - 1]!);
  } finally {
    for (const r of results) r.close();
  }
}

/**
 * The parameters a statement names (Kùzu rejects the others), and its text with every empty list
 * parameter written as the literal `[]`: Kùzu 0.11 cannot type an empty list passed as a
 * parameter, and `x IN $empty` ends the process with SIGSEGV instead of failing.
 */
export function boundParameters(cypher: string, params: Record<string, unknown> | undefined): { cypher: string; used: Record<string, unknown> } {
  const used: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    const named = new RegExp(`\\$${k}\\b`, 'g');
    if (!named.test(cypher)) continue;
    if (Array.isArray(v) && v.length === 0) cypher = cypher.replace(named, '[]');
    else used[k] = v;
  }
  return { cypher, used };
}
