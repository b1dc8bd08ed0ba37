import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import { articleId, pendingId } from './ids.js';
import { assertConsoleShape, neo4jIterationRefusal, neo4jPlanRefusal, type Neo4jPlan } from './query-guard.js';
import { EDGES, EDGE_TYPES, NODES, NODE_LABELS, emptyBatch, neo4jDDL, type EdgeRow, type EdgeType, type GraphBatch, type NodeLabel, type NodeRow, type PropDef } from './schema.js';
import {
  QueryLimitExceeded,
  QueryRefused,
  QueryTimeout,
  StaleWork,
  assertOneStatement,
  looksLikeWrite,
  type GraphNode,
  type GraphRel,
  type GraphStore,
  type GraphValue,
  type QueryOptions,
  type QueryResult,
  type Row,
  type StoreStats,
  type StoredHolder,
  HOLDER_COLUMNS,
  movedMentions,
  storedHolder,
  type SpellUpdate,
  type SuccessionWriteOptions,
  type WriteCounts,
  type SettleOptions,
} from './store.js';

/**
 * Neo4j over Bolt: constraints first, then UNWIND batches of MERGE in write transactions. The
 * merge rules of the model are stated in Cypher, so writing the same rows twice changes nothing.
 * Integers come back as JS numbers (disableLosslessIntegers).
 */

export interface Neo4jConfig {
  uri: string;
  user?: string;
  password?: string;
  database?: string;
}

/** How the store writes and retries; the defaults suit loads of 10⁵ rows on a small server. */
export interface Neo4jTuning {
  /** Rows per UNWIND statement (default 5,000). */
  rowsPerStatement?: number;
  /** Rows per write transaction when a batch is too large for one (default 20,000). */
  rowsPerTransaction?: number;
  /** The driver's own retry window for a transaction, in ms (default 30,000). */
  maxRetryTimeMs?: number;
  /** Attempts of a whole transaction after the driver gives up (default 5), with backoff. */
  attempts?: number;
}

export function neo4jConfigFromEnv(env: NodeJS.ProcessEnv = process.env): Neo4jConfig | null {
  if (!env.NEO4J_URI) return null;
  return { uri: env.NEO4J_URI, user: env.NEO4J_USER, password: env.NEO4J_PASSWORD, database: env.NEO4J_DATABASE || undefined };
}

/** The Cypher for one property's merge rule: `x` is the stored entity, `row` the incoming row. */
function mergeExpr(x: string, k: string, p: PropDef): string {
  const cur = `${x}.${k}`;
  const val = `row.${k}`;
  switch (p.merge) {
    case 'key':
    case 'first':
      return `${cur} = coalesce(${cur}, ${val})`;
    case 'min':
      return `${cur} = CASE WHEN ${cur} IS NULL OR (${val} IS NOT NULL AND ${val} < ${cur}) THEN ${val} ELSE ${cur} END`;
    case 'max':
      return `${cur} = CASE WHEN ${cur} IS NULL OR (${val} IS NOT NULL AND ${val} > ${cur}) THEN ${val} ELSE ${cur} END`;
    case 'union':
      return `${cur} = coalesce(${cur}, []) + [v IN coalesce(${val}, []) WHERE NOT v IN coalesce(${cur}, [])]`;
    case 'last':
      return `${cur} = coalesce(${val}, ${cur})`;
  }
}

export function nodeMergeCypher(label: NodeLabel): string {
  const props = NODES[label] as Record<string, PropDef>;
  const sets = Object.entries(props).map(([k, p]) => mergeExpr('n', k, p));
  return `UNWIND $rows AS row MERGE (n:${label} {id: row.id})${sets.length ? ` SET ${sets.join(', ')}` : ''}`;
}

export function edgeMergeCypher(type: EdgeType, from: NodeLabel, to: NodeLabel): string {
  const props = EDGES[type].props as Record<string, PropDef>;
  const keys = Object.entries(props).filter(([, p]) => p.merge === 'key');
  const keyMap = keys.length ? ` {${keys.map(([k]) => `${k}: row.${k}`).join(', ')}}` : '';
  const sets = Object.entries(props)
    .filter(([, p]) => p.merge !== 'key')
    .map(([k, p]) => mergeExpr('r', k, p));
  return (
    `UNWIND $rows AS row MATCH (a:${from} {id: row.source}) MATCH (b:${to} {id: row.target}) ` +
    `MERGE (a)-[r:${type}${keyMap}]->(b)${sets.length ? ` SET ${sets.join(', ')}` : ''}`
  );
}

/**
 * Two ingests into one database resolve at the same time as the other writes: a stamp, new each
 * time work is marked pending, lets a replacement tell that its input changed after it was read.
 * It lives on the Pending row only (bookkeeping the finished graph no longer holds).
 */
const PENDING_STAMP = 'n.stamp = randomUUID()';
/** No Pending row when the input was read (the work was done, or never marked). */
const ABSENT = Symbol('absent');

interface Step {
  cypher: string;
  rows: Record<string, unknown>[];
  kind: 'node' | 'edge';
}

export class Neo4jStore implements GraphStore {
  readonly kind = 'neo4j' as const;
  readonly location: string;
  private driver: Driver;
  private database: string | undefined;
  private tuning: Required<Neo4jTuning>;
  /** The stamp each Pending row had when its work's input was last read, by Pending id (null: a row without one). */
  private seen = new Map<string, string | null | typeof ABSENT>();

  constructor(cfg: Neo4jConfig, tuning: Neo4jTuning = {}) {
    this.location = cfg.uri.replace(/\/\/[^@/]*@/, '//');
    this.database = cfg.database;
    this.tuning = { rowsPerStatement: 5_000, rowsPerTransaction: 20_000, maxRetryTimeMs: 30_000, attempts: 5, ...tuning };
    this.driver = neo4j.driver(cfg.uri, neo4j.auth.basic(cfg.user ?? 'neo4j', cfg.password ?? 'neo4j'), {
      disableLosslessIntegers: true,
      useBigInt: false,
      maxTransactionRetryTime: this.tuning.maxRetryTimeMs,
      connectionTimeout: 15_000,
      logging: { level: 'error', logger: () => undefined },
    });
  }

  private session(mode: 'READ' | 'WRITE' = 'WRITE'): Session {
    return this.driver.session({ database: this.database, defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE });
  }

  /**
   * Runs `fn` again (with backoff) when the connection is lost or the server says the error is
   * transient beyond the driver's own retries. Safe because every write is a MERGE. With a
   * `deadline` (epoch ms) no attempt starts, and no backoff waits, past it.
   */
  private async retrying<T>(fn: () => Promise<T>, deadline = Infinity): Promise<T> {
    let delay = 250;
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        if (attempt >= this.tuning.attempts || !isRetryable(e) || Date.now() + delay >= deadline) throw e;
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 5_000);
      }
    }
  }

  async init(): Promise<void> {
    await this.retrying(async () => {
      const s = this.session();
      try {
        // Schema statements cannot share a transaction with writes; each runs on its own.
        for (const ddl of neo4jDDL()) await s.run(ddl);
        await s.run('CALL db.awaitIndexes(60)');
      } finally {
        await s.close();
      }
    });
  }

  async hasArticle(contentHash: string): Promise<boolean> {
    const res = await this.query('MATCH (a:Article {id: $id}) WHERE a.contentHash = $h RETURN count(a) AS c', { id: articleId(contentHash), h: contentHash }, { readOnly: true });
    return Number(res.rows[0]?.c ?? 0) > 0;
  }

  /** Nothing is kept aside: Neo4j's cost of a write does not grow with what is stored, so `defer` changes nothing. */
  async settle(_opts?: SettleOptions): Promise<WriteCounts> {
    return { nodesCreated: 0, edgesCreated: 0, nodesWritten: 0, edgesWritten: 0 };
  }

  async writeBatch(batch: GraphBatch): Promise<WriteCounts> {
    const { steps, counts } = this.stepsOf(batch);
    // Small batches are one transaction; big ones are cut into transactions of rowsPerTransaction
    // rows, in order, so memory stays bounded. Article nodes go last: an article counts as stored
    // only when everything it brought has landed, so a failed run is completed by running again.
    const transactions: Step[][] = [[]];
    let inTx = 0;
    for (const step of steps) {
      for (let i = 0; i < step.rows.length; i += this.tuning.rowsPerStatement) {
        const part = step.rows.slice(i, i + this.tuning.rowsPerStatement);
        if (inTx + part.length > this.tuning.rowsPerTransaction && inTx > 0) {
          transactions.push([]);
          inTx = 0;
        }
        transactions[transactions.length - 1]!.push({ ...step, rows: part });
        inTx += part.length;
      }
    }
    for (const tx of transactions) {
      if (tx.length === 0) continue;
      const c = await this.write((t) => this.runSteps(t, tx));
      counts.nodesCreated += c.nodes;
      counts.edgesCreated += c.edges;
    }
    return counts;
  }

  /** The MERGE statements of a batch, Pending rows, Article nodes and COVERS edges last. */
  private stepsOf(batch: GraphBatch): { steps: Step[]; counts: WriteCounts } {
    const steps: Step[] = [];
    const counts: WriteCounts = { nodesCreated: 0, edgesCreated: 0, nodesWritten: 0, edgesWritten: 0 };
    const nodeStep = (label: NodeLabel): void => {
      const rows = batch.nodes[label] as NodeRow[];
      counts.nodesWritten += rows.length;
      // Work marked pending gets a new stamp each time, so a resolver can tell it was marked again (see PENDING_STAMP).
      if (rows.length) steps.push({ cypher: label === 'Pending' ? `${nodeMergeCypher(label)}, ${PENDING_STAMP}` : nodeMergeCypher(label), rows, kind: 'node' });
    };
    const edgeStep = (type: EdgeType): void => {
      const rows = batch.edges[type] as EdgeRow[];
      counts.edgesWritten += rows.length;
      for (const [from, to] of EDGES[type].pairs) {
        const group = rows.filter((r) => r.from === from && r.to === to).map(({ from: _f, to: _t, ...rest }) => rest);
        if (group.length) steps.push({ cypher: edgeMergeCypher(type, from, to), rows: group, kind: 'edge' });
      }
    };
    NODE_LABELS.filter((l) => l !== 'Article' && l !== 'Pending').forEach(nodeStep);
    EDGE_TYPES.filter((t) => t !== 'COVERS').forEach(edgeStep);
    // Work is marked pending only once the mentions it is about can be read (a batch may span transactions).
    nodeStep('Pending');
    nodeStep('Article');
    edgeStep('COVERS');
    return { steps, counts };
  }

  private async runSteps(t: ManagedTransaction, steps: Step[]): Promise<{ nodes: number; edges: number }> {
    let nodes = 0;
    let edges = 0;
    for (const step of steps) {
      for (let i = 0; i < step.rows.length; i += this.tuning.rowsPerStatement) {
        const res = await t.run(step.cypher, { rows: toNeo4jParams(step.rows.slice(i, i + this.tuning.rowsPerStatement)) });
        const u = res.summary.counters.updates();
        nodes += u.nodesCreated;
        edges += u.relationshipsCreated;
      }
    }
    return { nodes, edges };
  }

  /**
   * One write transaction, retried (driver retries, then ours with backoff) on transient errors,
   * lost connections and a uniqueness conflict with a concurrent writer: every write is a MERGE
   * or a replacement of what the same inputs determine, so running it again is safe.
   */
  private write<T>(work: (t: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.retrying(async () => {
      const s = this.session();
      try {
        return await s.executeWrite(work);
      } finally {
        await s.close();
      }
    });
  }

  private async read(cypher: string, params: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    return this.retrying(async () => {
      const s = this.session('READ');
      try {
        const res = await s.executeRead((t) => t.run(cypher, toNeo4jParams(params) as Record<string, unknown>));
        return res.records.map((r) => r.toObject() as Record<string, unknown>);
      } finally {
        await s.close();
      }
    });
  }

  async storedArticles(contentHashes: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunks([...new Set(contentHashes)], 10_000)) {
      for (const r of await this.read('UNWIND $ids AS i MATCH (a:Article {id: i}) RETURN a.contentHash AS h', { ids: part.map(articleId) })) out.add(String(r.h));
    }
    return out;
  }

  // ---- the Person layer ------------------------------------------------------------------------

  async dirtyNames(): Promise<string[]> {
    return (await this.read("MATCH (p:Pending) WHERE p.kind = 'name' RETURN p.target AS id ORDER BY id", {})).map((r) => String(r.id));
  }

  /** Notes the stamps of these targets' Pending rows (absent ones too), read before the work's input is. */
  private async noteStamps(targets: string[]): Promise<void> {
    for (const part of chunks(targets.map(pendingId), 10_000)) {
      const now = new Map((await this.read('UNWIND $ids AS i MATCH (p:Pending {id: i}) RETURN p.id AS id, p.stamp AS stamp', { ids: part })).map((r) => [String(r.id), r.stamp == null ? null : String(r.stamp)]));
      for (const id of part) this.seen.set(id, now.has(id) ? now.get(id)! : ABSENT);
    }
  }

  /**
   * In a replacement's transaction: locks the Pending rows of these targets, then throws StaleWork
   * when one is not as it was when the work's input was read (noteStamps): another process marked
   * the work again since (a report adding a mention, a person layer changing a post's holders), so
   * what was read may be out of date. The transaction then writes nothing; the caller reads again.
   */
  private async assertUnchanged(t: ManagedTransaction, targets: string[]): Promise<void> {
    const ids = [...new Set(targets.map(pendingId))].sort();
    const res = await t.run('UNWIND $ids AS i MATCH (p:Pending {id: i}) SET p._lock = true REMOVE p._lock RETURN p.id AS id, p.stamp AS stamp', { ids });
    const now = new Map(res.records.map((r) => [String(r.get('id')), (r.get('stamp') as string | null) ?? null]));
    const changed = ids.filter((id) => this.seen.has(id) && (now.has(id) ? now.get(id)! : ABSENT) !== this.seen.get(id));
    if (changed.length > 0) throw new StaleWork(`${changed.length} of ${ids.length} pending items were marked again by another writer since they were read`);
  }

  async judgedNames(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const r of await this.read("MATCH (n:Name) WHERE n.judgements IS NOT NULL AND n.judgements <> '' RETURN n.id AS id, n.judgements AS j", {})) out.set(String(r.id), String(r.j));
    for (const part of chunks(ids, 10_000)) {
      for (const r of await this.read('UNWIND $ids AS i MATCH (n:Name {id: i}) RETURN n.id AS id, n.judgements AS j', { ids: part })) out.set(String(r.id), String(r.j ?? ''));
    }
    return out;
  }

  async markNamesDirty(ids: string[]): Promise<void> {
    for (const part of chunks(ids, 10_000)) await this.write((t) => t.run("UNWIND $rows AS r MERGE (p:Pending {id: r.id}) SET p.kind = 'name', p.target = r.target, p.stamp = randomUUID()", { rows: part.map((target) => ({ id: pendingId(target), target })) }));
  }

  async linkedNames(ids: string[]): Promise<[string, string][]> {
    const out: [string, string][] = [];
    for (const part of chunks(ids, 10_000)) {
      const rows = await this.read(
        'UNWIND $ids AS i MATCH (:Name {id: i})<-[:NAMED]-(:Mention)-[:REFERS_TO]->(p:Person) WITH DISTINCT i, p MATCH (p)<-[:REFERS_TO]-(:Mention)-[:NAMED]->(n:Name) WHERE n.id <> i RETURN DISTINCT i AS from, n.id AS id',
        { ids: part },
      );
      for (const r of rows) out.push([String(r.from), String(r.id)]);
    }
    return out;
  }

  async mentionsOf(nameIds: string[]): Promise<{ id: string; nameKey: string; data: string }[]> {
    await this.noteStamps(nameIds);
    const out: { id: string; nameKey: string; data: string }[] = [];
    for (const part of chunks(nameIds, 5_000)) {
      const rows = await this.read('UNWIND $ids AS i MATCH (:Name {id: i})<-[:NAMED]-(m:Mention) RETURN m.id AS id, m.nameKey AS k, m.data AS d', { ids: part });
      for (const r of rows) out.push({ id: String(r.id), nameKey: String(r.k), data: String(r.d) });
    }
    return out;
  }

  async replacePersonLayer(nameIds: string[], layer: GraphBatch, fingerprints: Map<string, string>): Promise<WriteCounts> {
    const { steps, counts } = this.stepsOf(layer);
    const c = await this.write(async (t) => {
      // Names locked first, as replaceSuccessions does with its predecessors' names (see there).
      await t.run('UNWIND $ids AS i MATCH (n:Name {id: i}) WITH n ORDER BY n.id SET n._lock = true REMOVE n._lock', { ids: [...nameIds].sort() });
      await this.assertUnchanged(t, nameIds);
      // The posts the old persons held or succeeded in (their SUCCEEDED edges go with them), then the old persons themselves (with their edges).
      const old = await t.run(
        'UNWIND $ids AS i MATCH (:Name {id: i})<-[:NAMED]-(:Mention)-[:REFERS_TO]->(p:Person) WITH DISTINCT p OPTIONAL MATCH (p)-[:HELD]->(pos:Position) WITH p, collect(pos.id) AS posts OPTIONAL MATCH (p)-[s:SUCCEEDED]-(:Person) WITH p, posts, collect(s.position) AS succ DETACH DELETE p RETURN posts + succ AS posts',
        { ids: nameIds },
      );
      const touched = new Set<string>(old.records.flatMap((r) => r.get('posts') as string[]));
      const written = await this.runSteps(t, steps);
      for (const h of layer.edges.HELD) touched.add(h.target);
      await t.run("UNWIND $rows AS r MERGE (p:Pending {id: r.id}) SET p.kind = 'position', p.target = r.target, p.stamp = randomUUID()", { rows: [...touched].map((target) => ({ id: pendingId(target), target })) });
      await t.run('UNWIND $rows AS r MATCH (n:Name {id: r.id}) SET n.judgements = r.j', { rows: nameIds.map((id) => ({ id, j: fingerprints.get(id) || null })) });
      await t.run('UNWIND $ids AS i MATCH (p:Pending {id: i}) DELETE p', { ids: nameIds.map(pendingId) });
      return written;
    });
    counts.nodesCreated += c.nodes;
    counts.edgesCreated += c.edges;
    return counts;
  }

  async dirtyPositions(): Promise<string[]> {
    return (await this.read("MATCH (p:Pending) WHERE p.kind = 'position' RETURN p.target AS id ORDER BY id", {})).map((r) => String(r.id));
  }

  async holdersOf(positionIds: string[]): Promise<Map<string, { title: string; holders: StoredHolder[] }>> {
    await this.noteStamps(positionIds);
    const out = new Map<string, { title: string; holders: StoredHolder[] }>();
    for (const part of chunks(positionIds, 10_000)) {
      for (const r of await this.read('UNWIND $ids AS i MATCH (pos:Position {id: i}) RETURN pos.id AS id, pos.title AS title', { ids: part })) out.set(String(r.id), { title: String(r.title), holders: [] });
      const rows = await this.read(
        `UNWIND $ids AS i MATCH (p:Person)-[h:HELD]->(pos:Position {id: i}) RETURN pos.id AS pos, ${HOLDER_COLUMNS}`,
        { ids: part },
      );
      for (const r of rows) out.get(String(r.pos))?.holders.push(storedHolder(r as Record<string, unknown>));
    }
    for (const v of out.values()) v.holders.sort((a, b) => (a.person < b.person ? -1 : 1));
    return out;
  }

  async personsOfMentions(mentionIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks([...new Set(mentionIds)], 10_000)) {
      for (const r of await this.read('UNWIND $ids AS i MATCH (m:Mention {id: i})-[:REFERS_TO]->(p:Person) RETURN m.id AS m, p.id AS p', { ids: part })) out.set(String(r.m), String(r.p));
    }
    return out;
  }

  async replaceSuccessions(positionIds: string[], rows: GraphBatch['edges']['SUCCEEDED'], spells: SpellUpdate[], opts: SuccessionWriteOptions = {}): Promise<void> {
    const b = emptyBatch();
    b.edges.SUCCEEDED = rows;
    const { steps } = this.stepsOf(b);
    const mentions = [...new Set(opts.predecessors?.mentions ?? [])].sort();
    await this.write(async (t) => {
      // The predecessors' Name nodes first: replacePersonLayer locks its names before anything else, so the two
      // serialize — it either sees these edges (and marks their posts again) or has changed what is re-read here.
      if (mentions.length > 0) {
        await t.run('UNWIND $ids AS i MATCH (:Mention {id: i})-[:NAMED]->(n:Name) WITH DISTINCT n ORDER BY n.id SET n._lock = true REMOVE n._lock', { ids: mentions });
        const res = await t.run('UNWIND $ids AS i MATCH (m:Mention {id: i})-[:REFERS_TO]->(p:Person) RETURN m.id AS m, p.id AS p', { ids: mentions });
        const now = new Map(res.records.map((r) => [String(r.get('m')), String(r.get('p'))]));
        const moved = movedMentions(opts.predecessors!.personOf, now, mentions);
        if (moved.length > 0) throw new StaleWork(`${moved.length} stated predecessors were resolved again by another writer since they were read`);
      }
      await this.assertUnchanged(t, positionIds);
      await t.run('MATCH (:Person)-[s:SUCCEEDED]->(:Person) WHERE s.position IN $ids DELETE s', { ids: positionIds });
      await this.runSteps(t, steps);
      await t.run('UNWIND $rows AS r MATCH (p:Person {id: r.person})-[h:HELD]->(pos:Position {id: r.position}) SET h.succeededOn = r.succeededOn, h.status = r.status', { rows: spells });
      const keep = new Set(opts.keepPending ?? []);
      await t.run('UNWIND $ids AS i MATCH (p:Pending {id: i}) DELETE p', { ids: positionIds.filter((id) => !keep.has(id)).map(pendingId) });
    });
  }

  async query(cypher: string, params: Record<string, unknown> = {}, opts: QueryOptions = {}): Promise<QueryResult> {
    const untrusted = opts.untrusted ?? false;
    const readOnly = (opts.readOnly ?? false) || untrusted;
    assertOneStatement(cypher);
    if (untrusted) {
      assertConsoleShape(cypher);
      const why = neo4jIterationRefusal(cypher);
      if (why) throw new QueryLimitExceeded(`query refused: ${why}`);
    }
    if (readOnly && looksLikeWrite(cypher)) throw new QueryRefused('read-only query refused: it contains a writing clause');
    const limit = opts.rowLimit ?? Infinity;
    // One time limit for the whole call: a retry gets only what is left of it.
    const timeoutMs = opts.timeoutMs;
    const deadline = timeoutMs !== undefined ? Date.now() + timeoutMs : Infinity;
    const timedOut = (cause?: unknown) => new QueryTimeout(`query terminated: it ran past the time limit of ${timeoutMs} ms`, cause ? { cause } : undefined);
    const p = toNeo4jParams(params) as Record<string, unknown>;
    const collect = async (result: AsyncIterable<neo4j.Record> & { keys(): Promise<PropertyKey[]> }) => {
      const records: neo4j.Record[] = [];
      let truncated = false;
      for await (const rec of result) {
        if (records.length >= limit) {
          truncated = true;
          break;
        }
        records.push(rec);
      }
      const columns = (await result.keys()).map(String);
      return { records, truncated, columns };
    };
    // Reads are retried on a lost connection; ad-hoc writes are not, as one may have committed.
    const attempt = readOnly ? <T>(fn: () => Promise<T>) => this.retrying(fn, deadline) : <T>(fn: () => Promise<T>) => fn();
    const out = await attempt(async () => {
      const left = deadline - Date.now();
      if (left <= 0) throw timedOut();
      const txConfig = timeoutMs !== undefined ? { timeout: Math.max(1, Math.ceil(left)) } : undefined;
      const s = this.session(readOnly ? 'READ' : 'WRITE');
      // The server checks transaction timeouts only every few seconds; a client-side deadline closes
      // the session (which cancels the query on the server) when the limit is reached.
      let timer: NodeJS.Timeout | undefined;
      let expired = false;
      const expiry =
        timeoutMs !== undefined
          ? new Promise<never>((_, reject) => {
              timer = setTimeout(() => {
                expired = true;
                void s.close().catch(() => undefined);
                reject(timedOut());
              }, left);
            })
          : null;
      try {
        const work = readOnly
          ? s.executeRead(async (tx) => {
              // Ask the server what the query is before running it: its plan must be a read query's.
              if (untrusted) {
                const { summary } = await tx.run(`EXPLAIN ${cypher}`, p);
                const why = neo4jPlanRefusal(summary.queryType, summary.plan ? (summary.plan as Neo4jPlan) : null);
                if (why) throw new QueryRefused(`read-only query refused: ${why}`);
              }
              return collect(tx.run(cypher, p) as never);
            }, txConfig)
          : // Not in a managed transaction: ad-hoc Cypher may use CALL { } IN TRANSACTIONS or schema commands.
            collect(s.run(cypher, p, txConfig) as never);
        if (!expiry) return await work;
        work.catch(() => undefined); // its failure after the deadline is expected and reported by the deadline
        return await Promise.race([work, expiry]);
      } catch (e) {
        // The server's own transaction timeout, when it fires first.
        if (timeoutMs !== undefined && /TransactionTimedOut/.test(String((e as { code?: string })?.code ?? ''))) throw timedOut(e);
        throw e;
      } finally {
        clearTimeout(timer);
        // Past the limit the caller is answered at once: the timer has closed the session, which a
        // busy server can take many seconds to let go of (28 s once, under load).
        if (!expired) await s.close();
      }
    });
    const rows = await this.toRows(out.records.map((r) => r.toObject() as Record<string, unknown>));
    return { columns: out.columns, rows, truncated: out.truncated };
  }

  private async toRows(raw: Record<string, unknown>[]): Promise<Row[]> {
    const idOf = new Map<string, string>();
    const wanted = new Set<string>();
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) return v.forEach(visit);
      if (!v || typeof v !== 'object') return;
      if (neo4j.isNode(v as never)) {
        const n = v as neo4j.Node;
        idOf.set(n.elementId, String(n.properties.id ?? n.elementId));
      } else if (neo4j.isRelationship(v as never)) {
        const r = v as neo4j.Relationship;
        wanted.add(r.startNodeElementId);
        wanted.add(r.endNodeElementId);
      } else if (neo4j.isPath(v as never)) {
        for (const seg of (v as neo4j.Path).segments) {
          visit(seg.start);
          visit(seg.end);
        }
      } else for (const x of Object.values(v as object)) visit(x);
    };
    raw.forEach(visit);
    const missing = [...wanted].filter((e) => !idOf.has(e));
    if (missing.length) {
      const s = this.session('READ');
      try {
        const res = await s.executeRead((tx) => tx.run('MATCH (n) WHERE elementId(n) IN $ids RETURN elementId(n) AS e, n.id AS id', { ids: missing }));
        for (const r of res.records) idOf.set(r.get('e') as string, String(r.get('id') ?? r.get('e')));
      } finally {
        await s.close();
      }
    }
    return raw.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, convert(v, idOf)])));
  }

  async stats(): Promise<StoreStats> {
    const s: StoreStats = { nodes: {}, edges: {}, totalNodes: 0, totalEdges: 0 };
    for (const l of NODE_LABELS) {
      const n = Number((await this.query(`MATCH (n:${l}) RETURN count(n) AS c`, {}, { readOnly: true })).rows[0]?.c ?? 0);
      s.nodes[l] = n;
      s.totalNodes += n;
    }
    for (const t of EDGE_TYPES) {
      const n = Number((await this.query(`MATCH ()-[r:${t}]->() RETURN count(r) AS c`, {}, { readOnly: true })).rows[0]?.c ?? 0);
      s.edges[t] = n;
      s.totalEdges += n;
    }
    return s;
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

// ---- helpers ---------------------------------------------------------------------------------

// A uniqueness conflict means a concurrent writer created the node first: the MERGE finds it on the retry.
const RETRYABLE_CODES = /^Neo\.TransientError\.|ServiceUnavailable|SessionExpired|ConstraintValidationFailed/;

export function isRetryable(e: unknown): boolean {
  const err = e as { code?: string; retriable?: boolean; retryable?: boolean; message?: string };
  if (err?.retriable || err?.retryable) return true;
  if (err?.code && RETRYABLE_CODES.test(err.code)) return true;
  return /ECONNRESET|ECONNREFUSED|EPIPE|Connection was closed|connection.*(lost|closed)/i.test(err?.message ?? '');
}

function* chunks<T>(xs: T[], n: number): Generator<T[]> {
  for (let i = 0; i < xs.length; i += n) yield xs.slice(i, i + n);
}

/** JS numbers that are whole go to Neo4j as integers (the driver sends every number as a float). */
function toNeo4jParams(v: unknown): unknown {
  if (typeof v === 'number' && Number.isInteger(v)) return neo4j.int(v);
  if (Array.isArray(v)) return v.map(toNeo4jParams);
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toNeo4jParams(x)]));
  }
  return v;
}

function plain(v: unknown): GraphValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (neo4j.isInt(v as never)) return (v as neo4j.Integer).toNumber();
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object') {
    // Temporal and spatial values print as their ISO/WKT text.
    if (neo4j.isDate(v as never) || neo4j.isDateTime(v as never) || neo4j.isLocalDateTime(v as never) || neo4j.isDuration(v as never) || neo4j.isTime(v as never) || neo4j.isLocalTime(v as never) || neo4j.isPoint(v as never)) {
      return String(v);
    }
    return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, plain(x)]));
  }
  return v as GraphValue;
}

function nodeOf(n: neo4j.Node): GraphNode {
  const { id, ...rest } = n.properties as Record<string, unknown>;
  return { _kind: 'node', id: String(id ?? n.elementId), label: n.labels[0] ?? '', properties: plain(rest) as Record<string, GraphValue> };
}

function relOf(r: neo4j.Relationship, idOf: Map<string, string>): GraphRel {
  return {
    _kind: 'rel',
    type: r.type,
    source: idOf.get(r.startNodeElementId) ?? r.startNodeElementId,
    target: idOf.get(r.endNodeElementId) ?? r.endNodeElementId,
    properties: plain(r.properties) as Record<string, GraphValue>,
  };
}

function convert(v: unknown, idOf: Map<string, string>): GraphValue {
  if (Array.isArray(v)) return v.map((x) => convert(x, idOf));
  if (!v || typeof v !== 'object') return plain(v);
  if (neo4j.isNode(v as never)) return nodeOf(v as neo4j.Node);
  if (neo4j.isRelationship(v as never)) return relOf(v as neo4j.Relationship, idOf);
  if (neo4j.isPath(v as never)) {
    const p = v as neo4j.Path;
    const nodes = [nodeOf(p.start), ...p.segments.map((s) => nodeOf(s.end))];
    return { _kind: 'path', nodes, rels: p.segments.map((s) => relOf(s.relationship, idOf)) };
  }
  if (neo4j.isInt(v as never) || neo4j.isDate(v as never) || neo4j.isDateTime(v as never) || neo4j.isPoint(v as never)) return plain(v);
  return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, convert(x, idOf)]));
}
