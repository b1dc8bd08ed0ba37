import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import kuzu from 'kuzu';
import { BatchBuilder, edgeKey } from './batch.js';
import { decodeEdgeList, encodeEdgeList, joinItems } from './kuzu-edge-lists.js';
import { articleId, pendingId } from './ids.js';
import { mergeInto } from './merge.js';
import { boundParameters, ReadPool, readLast, resultList, runOn, type KuzuConnection } from './kuzu-read-pool.js';
import { LARGE_POOL_BYTES, lostKey, poolFull, rebuildKuzuStore, recoverRebuild } from './kuzu-rebuild.js';
import { KuzuSandbox, type KuzuSandboxOptions } from './kuzu-sandbox.js';
import { assertConsoleShape, kuzuPlanOperators, kuzuPlanRefusal, kuzuStatementRefusal } from './query-guard.js';
import { EDGE_TYPES, NODES, NODE_LABELS, edgeDef, emptyBatch, kuzuDDL, kuzuEdgeColumn, type EdgeRow, type EdgeType, type GraphBatch, type KuzuType, type NodeLabel, type NodeRow, type PropDef } from './schema.js';
import {
  QueryRefused,
  QueryTimeout,
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
  StaleWork,
  storedHolder,
  type SpellUpdate,
  type PersonLayerOptions,
  type SuccessionWriteOptions,
  type WriteCounts,
  type WriteOptions,
  type SettleOptions,
} from './store.js';

/**
 * The embedded store: Kùzu in-process. Writing reads what is already stored for the batch's keys,
 * merges in JS by the model's rules, bulk-inserts what is new with `COPY` from a temporary CSV
 * and updates only rows that changed: Kùzu's per-row MERGE on relationships is orders of magnitude
 * slower. A batch is one transaction, so an article lands whole or not at all.
 */

export const DEFAULT_KUZU_PATH = 'data/graph/kuzu';

export interface KuzuStoreOptions {
  /** Database file; ':memory:' for a throwaway store. Default KUZU_PATH or data/graph/kuzu. */
  path?: string;
  /** Open read-only (a server reading a store another process writes). */
  readOnly?: boolean;
  /** Buffer pool in bytes (Kùzu's default takes most of RAM). */
  bufferPoolBytes?: number;
  /** Connections for read-only queries, run side by side (default 4). */
  readConnections?: number;
  /**
   * Console queries (`untrusted`) in isolated processes (kuzu-sandbox.ts). Default: on when the store
   * is a folder opened read-only (another process cannot open a folder opened read-write); with
   * false, or otherwise, they run here, checked but not isolated.
   */
  sandbox?: boolean | Omit<KuzuSandboxOptions, 'path'>;
  /** Staged rows settle() applies a transaction (default 250,000, or KUZU_SETTLE_ROWS). */
  settleRows?: number;
  /** Mentions of unstored articles a write looks up one by one, at most (default 500; see rowsOfNewArticles). */
  lookedUpMentions?: number;
  /** A stored row's columns are read back by primary key while found rows ≤ stored rows / this (default 1,000), else by a join. */
  storedRowsPerLookup?: number;
}

/** A console query's time limit when the caller gives none. */
const UNTRUSTED_TIMEOUT_MS = 10_000;

type Conn = InstanceType<typeof kuzu.Connection>;
type KResult = Awaited<ReturnType<Conn['query']>>;
type KQueryResult = InstanceType<typeof kuzu.QueryResult>;

const CHUNK = 20_000;
/** A primary-key lookup costs about as much as this many rows of a join over the whole table (measured on Kùzu 0.11.3). */
const STORED_ROWS_PER_LOOKUP = 1_000;
/** Mentions of unstored articles a batch looks up one by one (see rowsOfNewArticles); more are taken as new. */
const LOOKED_UP_MENTIONS = 500;
/** Staged rows applied a transaction (see settle()); KUZU_SETTLE_ROWS for tests that stop between them. */
const SETTLE_ROWS = Number(process.env.KUZU_SETTLE_ROWS ?? 250_000);
/**
 * The store's own bookkeeping, not part of the model: what a deferred write keeps for settle(), in
 * one table (each node table more costs every label-free pattern memory). A row is an update of a
 * stored node (`kind` its label, `row` its JSON) or an edge (`kind` its type, its ends and its
 * properties in columns of their own, so settle() can COPY the new ones as they are).
 */
const STAGED_PROPS = new Map<string, KuzuType>();
const PROP_COLUMNS = new Map<string, string>();
for (const e of EDGE_TYPES) {
  for (const [k, p] of Object.entries(edgeDef(e).props)) {
    const t = kuzuEdgeColumn(p);
    const clash = EDGE_TYPES.some((o) => Object.entries(edgeDef(o).props).some(([k2, p2]) => k2 === k && kuzuEdgeColumn(p2) !== t));
    const column = `e_${k}${clash ? `_${t.toLowerCase()}` : ''}`;
    PROP_COLUMNS.set(`${k}:${t}`, column);
    STAGED_PROPS.set(column, t);
  }
}
/** The Staged column of an edge property: its name, or its name and type when two types disagree on it. */
const propColumn = (name: string, t: KuzuType): string => PROP_COLUMNS.get(`${name}:${t}`)!;
/** The Staged columns of an edge type's properties, in the order of its definition (and of its table). */
const stagedEdgeColumns = (type: EdgeType): string[] => Object.entries(edgeDef(type).props).map(([k, p]) => propColumn(k, kuzuEdgeColumn(p)));
/** An edge row as a Staged row: lists encoded, as the edge table keeps them. */
function stagedEdge(type: EdgeType, r: EdgeRow, fresh: boolean): Record<string, unknown> {
  const row: Record<string, unknown> = { kind: type, fresh, fromLabel: r.from, toLabel: r.to, src: r.source, dst: r.target };
  for (const [k, p] of Object.entries(edgeDef(type).props)) row[propColumn(k, kuzuEdgeColumn(p))] = p.kuzu === 'STRING[]' ? encodeEdgeList(r[k]) : r[k];
  return row;
}
/** A Staged row read back as the edge row it came from (plain() decodes the lists, as for a stored edge). */
function edgeOfStaged(type: EdgeType, raw: Record<string, unknown>): EdgeRow {
  const r = plain(raw) as Record<string, unknown>;
  const row: Record<string, unknown> = { from: r.fromLabel, to: r.toLabel, source: r.src, target: r.dst };
  for (const [k, p] of Object.entries(edgeDef(type).props)) row[k] = r[propColumn(k, kuzuEdgeColumn(p))] ?? null;
  return row as EdgeRow;
}
const STAGED_COLUMNS: { name: string; kuzu: KuzuType }[] = [
  { name: 'kind', kuzu: 'STRING' },
  { name: 'fresh', kuzu: 'BOOLEAN' },
  { name: 'row', kuzu: 'STRING' },
  { name: 'fromLabel', kuzu: 'STRING' },
  { name: 'toLabel', kuzu: 'STRING' },
  { name: 'src', kuzu: 'STRING' },
  { name: 'dst', kuzu: 'STRING' },
  ...[...STAGED_PROPS].map(([name, kuzu]) => ({ name, kuzu })),
];
const STAGED_DDL = `CREATE NODE TABLE IF NOT EXISTS Staged(id SERIAL PRIMARY KEY, ${STAGED_COLUMNS.map((c) => `${c.name} ${c.kuzu}`).join(', ')})`;
/** Emptied of at least this many rows, Staged is dropped and made again, to give back their space. */
const REMAKE_STAGED_ROWS = 50_000;

/**
 * How writeRows writes. `allNew`: the caller knows no row exists yet (a Person layer just removed),
 * so nothing is looked up. `stage`: edge rows and updates of stored nodes go to Staged (settle()).
 */
interface WriteMode {
  allNew: boolean;
  stage: boolean;
  /** Filled by the writes of a staging writeRows, appended to Staged at its end. */
  staged?: Record<string, unknown>[];
  /** Rows staged that a later identical row need not repeat (KuzuStore.stagedOnce), once the write lands. */
  stagedOnce?: string[];
}
/** At most this many rows remembered as staged (a few bytes each; the ones that repeat are few). */
const STAGED_ONCE_MAX = 1_000_000;
const NO_TIMEOUT_MS = 2_147_483_647;
/** Bytes as the notices name them. */
const mb = (bytes: number): string => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MB`;

export class KuzuStore implements GraphStore {
  readonly kind = 'kuzu' as const;
  readonly location: string;
  private db!: InstanceType<typeof kuzu.Database>;
  private conn!: Conn;
  private bufferPoolBytes: number;
  private readonly readConnections: number;
  private readonly readOnly: boolean;
  /** Opened read-only, the database file is locked against every writer. */
  get frozen(): boolean {
    return this.readOnly;
  }
  get scratch(): string | undefined {
    return this.readOnly ? undefined : this.scratchDir;
  }
  /** Every call runs alone: a Kùzu connection carries one transaction at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private tableNames: Map<number, string> | null = null;
  private reads!: ReadPool;
  private readonly sandbox: KuzuSandbox | null;
  /** Internal id → stable id of nodes, kept only when read-only (nothing can change under it then). */
  private readonly stableIds: Map<string, string> | null;
  private readonly scratchDir: string;
  private copies = 0;
  private readonly settleRows: number;
  private readonly lookedUpMentions: number;
  private readonly storedRowsPerLookup: number;
  /**
   * Edge rows without lists, staged as they may exist, that this process has staged and seen land:
   * the same row again would merge into nothing new (merging is idempotent), so it is not staged
   * again. Every report repeats its bodies' LOCATED_IN and OF edges and the merger's MERGED_INTO:
   * without this they were over a third of the rows staged for 100,000 reports.
   */
  private readonly stagedOnce = new Set<string>();

  constructor(opts: KuzuStoreOptions = {}) {
    const path = opts.path ?? process.env.KUZU_PATH ?? DEFAULT_KUZU_PATH;
    this.location = path === ':memory:' ? path : resolve(path);
    this.readOnly = opts.readOnly ?? false;
    this.settleRows = Math.max(1, opts.settleRows ?? SETTLE_ROWS);
    this.lookedUpMentions = Math.max(0, opts.lookedUpMentions ?? LOOKED_UP_MENTIONS);
    this.storedRowsPerLookup = Math.max(1e-9, opts.storedRowsPerLookup ?? STORED_ROWS_PER_LOOKUP);
    if (path !== ':memory:' && !this.readOnly) mkdirSync(dirname(this.location), { recursive: true });
    if (path !== ':memory:' && this.readOnly && !existsSync(this.location)) {
      throw new Error(`no embedded graph at ${this.location} (run \`npm run ingest\` first, or set KUZU_PATH)`);
    }
    // Bulk-load files live beside the database, not in the system's temp folder; whatever a killed
    // run left there is removed at the next open by a writer.
    this.scratchDir = path === ':memory:' ? join(tmpdir(), `kuzu-scratch-${process.pid}`) : `${this.location}.scratch`;
    if (!this.readOnly) rmSync(this.scratchDir, { recursive: true, force: true });
    // A rebuild stopped half-way is finished or undone before the file is opened (kuzu-rebuild.ts).
    if (path !== ':memory:' && !this.readOnly) recoverRebuild(this.location);
    this.bufferPoolBytes = opts.bufferPoolBytes ?? 512 * 1024 * 1024;
    this.readConnections = Math.max(1, opts.readConnections ?? 4);
    this.open();
    this.stableIds = this.readOnly ? new Map() : null;
    const isolate = opts.sandbox ?? (this.readOnly && path !== ':memory:');
    this.sandbox = isolate && path !== ':memory:' && this.readOnly ? new KuzuSandbox({ ...(typeof isolate === 'object' ? isolate : {}), path: this.location }) : null;
  }

  /** Opens the database file, the writer's connection and the read pool. */
  private open(): void {
    this.db = new kuzu.Database(this.location === ':memory:' ? ':memory:' : this.location, this.bufferPoolBytes, true, this.readOnly);
    this.conn = new kuzu.Connection(this.db);
    // One thread per read: requests run side by side instead of one query taking both cores.
    this.reads = new ReadPool(() => new kuzu.Connection(this.db, 1), this.readConnections, this.readOnly);
    this.tableNames = null;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async all(cypher: string, params?: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    return this.withResult(cypher, params, async (res) => (await res.getAll()) as Record<string, unknown>[]);
  }

  /** The rows of one statement run once for each parameter set, prepared once. */
  private async eachOf(cypher: string, paramSets: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
    if (paramSets.length === 0) return [];
    const ps = await this.prepared(cypher);
    const out: Record<string, unknown>[] = [];
    for (const params of paramSets) {
      const results = resultList(await this.conn.execute(ps, params as Record<string, never>));
      out.push(...(await readLast(results, async (res) => (await res.getAll()) as Record<string, unknown>[])));
    }
    return out;
  }

  /** Runs a statement whose result is not needed, releasing it at once. */
  private async run(cypher: string, params?: Record<string, unknown>): Promise<void> {
    await this.withResult(cypher, params, async () => undefined);
  }

  /**
   * Runs the text and hands `read` the last statement's result; every result is closed afterwards,
   * whatever `read` does. Several statements give a chain of results that share native state:
   * closing an earlier one before the last is read crashes the process, so the last is read first.
   */
  private async withResult<T>(cypher: string, params: Record<string, unknown> | undefined, read: (res: KQueryResult) => Promise<T>): Promise<T> {
    return readLast(await this.exec(cypher, params), read);
  }

  private async exec(text: string, params?: Record<string, unknown>): Promise<KQueryResult[]> {
    let res: KResult;
    const { cypher, used } = boundParameters(text, params);
    if (Object.keys(used).length > 0) res = await this.conn.execute(await this.prepared(cypher), used as Record<string, never>);
    else res = await this.conn.query(cypher);
    return resultList(res);
  }

  /** The statement prepared, or its error thrown. */
  private async prepared(cypher: string): Promise<Awaited<ReturnType<Conn['prepare']>>> {
    const ps = await this.conn.prepare(cypher);
    if (!ps.isSuccess()) throw new Error(ps.getErrorMessage());
    return ps;
  }

  init(): Promise<void> {
    return this.serial(async () => {
      if (this.readOnly) return;
      for (const ddl of kuzuDDL()) await this.run(ddl);
      await this.run(STAGED_DDL);
      // A store made before edge lists were kept encoded has STRING[] edge columns: it reads as ever, but cannot take new rows.
      const held = await this.all("CALL TABLE_INFO('HELD') RETURN name, type");
      if (held.some((c) => c.name === 'sources' && c.type === 'STRING[]')) {
        throw new Error(`${this.location}: this store keeps edge lists in an earlier layout (STRING[] columns), which this version does not write; load into a new KUZU_PATH, or open it read-only (npm start, cypher --read-only)`);
      }
    });
  }

  hasArticle(contentHash: string): Promise<boolean> {
    return this.storedArticles([contentHash]).then((s) => s.has(contentHash));
  }

  storedArticles(contentHashes: string[]): Promise<Set<string>> {
    return this.serial(async () => {
      const out = new Set<string>();
      // The id is derived from the hash: primary-key lookups, not a scan.
      const byId = new Map([...new Set(contentHashes)].map((h) => [articleId(h), h]));
      for (const id of await this.storedArticleIds([...byId.keys()])) out.add(byId.get(id)!);
      return out;
    });
  }

  writeBatch(batch: GraphBatch, opts: WriteOptions = {}): Promise<WriteCounts> {
    return this.serial(async () => {
      const mode: WriteMode = { allNew: false, stage: opts.defer === true, stagedOnce: [] };
      const counts = await this.inTransaction(() => this.writeRows(batch, mode));
      // Only once they have landed: a batch rolled back is written again, one article at a time.
      for (const k of mode.stagedOnce!) if (this.stagedOnce.size < STAGED_ONCE_MAX) this.stagedOnce.add(k);
      return counts;
    });
  }

  /**
   * Kùzu 0.11.3 keeps a relationship table's edges in CSR storage groups by node offset, and a
   * COMMIT that adds or changes edges of a group rewrites that group's edges: with groups of
   * 131,072 nodes, every Organization, Locality, Award, Position and (below that many) Person sits
   * in the first group, so each commit rewrote all edges stored so far (100,000 reports: 0.5 s a
   * commit at the start, 7.6 s at the end, in groups of 2,000; resolution's REFERS_TO alone 5–6 s a
   * chunk), and an in-place update of a list column rewrites its node group the same way. A
   * deferred write therefore appends its edge rows and its updates of stored nodes to `Staged` (a
   * serial key: a commit only appends to it). settle() then writes every edge known new when it
   * was staged with one COPY per type, straight from Staged (a group rewritten once per settle, not
   * once per batch, and nothing read into this process), and merges the rest (edges that may
   * exist, node updates) in the order written, a page a transaction. Each step lands with
   * the deletion of what it applied, so a killed settle is finished by the next, with the same
   * result: the new edge of a key always comes first in the order written (an edge is known new
   * only while one of its ends is), so applying the new ones first changes nothing.
   */
  settle(opts: SettleOptions = {}): Promise<WriteCounts> {
    return this.serial(async () => {
      const counts: WriteCounts = { nodesCreated: 0, edgesCreated: 0, nodesWritten: 0, edgesWritten: 0 };
      if (this.readOnly) return counts;
      // Two failures of Kùzu's own are mended, each once, and settling goes on where it stopped
      // (each step landed whole or not at all); anything else, or the same failure again, is thrown.
      const mended = new Set<string>();
      for (;;) {
        try {
          await this.settleSteps(opts, counts);
          break;
        } catch (e) {
          if (this.location === ':memory:') throw e;
          // A key its table holds but its index has lost (kuzu-rebuild.ts): the store is built again from its rows.
          const key = lostKey(e);
          if (key !== null && !mended.has('key')) {
            mended.add('key');
            opts.onNotice?.(`${this.location}: Kùzu's primary-key index does not find ${key}; rebuilding the store from its rows (EXPORT and IMPORT DATABASE), then settling again`);
            await this.reopenRebuilt();
            continue;
          }
          // A COPY of millions of staged edges outgrew the writer's pool (a million reports: 512 MB
          // ran out); the pool stays small while streaming, where a larger one only grows memory.
          if (poolFull(e) && !mended.has('pool') && this.bufferPoolBytes < LARGE_POOL_BYTES) {
            mended.add('pool');
            opts.onNotice?.(`${this.location}: Kùzu's buffer pool of ${mb(this.bufferPoolBytes)} is full; opening the store again with ${mb(LARGE_POOL_BYTES)}, then settling again`);
            await this.reopen(LARGE_POOL_BYTES);
            continue;
          }
          throw e;
        }
      }
      return counts;
    });
  }

  /** Closes the store's file, rebuilds it from its rows (kuzu-rebuild.ts) and opens it again, rebuilt or, when that failed, as it was. */
  private async reopenRebuilt(): Promise<void> {
    await this.shut();
    try {
      await rebuildKuzuStore(this.location, Math.max(this.bufferPoolBytes, LARGE_POOL_BYTES));
    } finally {
      this.open();
    }
  }

  /** Closes the file and opens it again with a buffer pool of `poolBytes` (a transaction that failed is gone with the close). */
  private async reopen(poolBytes: number): Promise<void> {
    await this.shut();
    this.bufferPoolBytes = poolBytes;
    this.open();
  }

  /** Closes the read pool, the writer's connection and the database file, in that order. */
  private async shut(): Promise<void> {
    await this.reads.close();
    await this.conn.close();
    await this.db.close();
  }

  /** One pass of settle() over Staged: the new edges by COPY, then the rest page by page. */
  private async settleSteps(opts: SettleOptions, counts: WriteCounts): Promise<void> {
    const total = Number((await this.all('MATCH (s:Staged) RETURN count(*) AS n'))[0]?.n ?? 0);
    if (total === 0) return;
    // The new edges by type and pair, in one scan of Staged.
    const freshOf = new Map<string, number>();
    for (const r of await this.all('MATCH (s:Staged) WHERE s.fresh RETURN s.kind AS kind, s.fromLabel AS f, s.toLabel AS t, count(*) AS n')) {
      freshOf.set(`${String(r.kind)}:${String(r.f)}:${String(r.t)}`, Number(r.n));
    }
    let done = 0;
    const progressed = (n: number): void => {
      done += n;
      opts.onProgress?.({ done, total });
    };
    // Edges known new, a COPY per type and pair, straight from Staged.
    for (const type of EDGE_TYPES) {
      const def = edgeDef(type);
      const pairs = def.pairs.filter(([from, to]) => freshOf.has(`${type}:${from}:${to}`));
      if (pairs.length === 0) continue;
      const fresh = pairs.reduce((n, [from, to]) => n + freshOf.get(`${type}:${from}:${to}`)!, 0);
      await this.inTransaction(async () => {
        for (const [from, to] of pairs) {
          const where = `WHERE s.kind = '${type}' AND s.fresh AND s.fromLabel = '${from}' AND s.toLabel = '${to}'`;
          const ret = ['s.src', 's.dst', ...stagedEdgeColumns(type).map((c) => `s.${c}`)].join(', ');
          await this.run(`COPY ${type} FROM (MATCH (s:Staged) ${where} RETURN ${ret})${def.pairs.length > 1 ? ` (from='${from}', to='${to}')` : ''}`);
        }
        await this.run(`MATCH (s:Staged) WHERE s.kind = '${type}' AND s.fresh DELETE s`);
      });
      counts.edgesCreated += fresh;
      progressed(fresh);
    }
    // The rest in the order written: node updates and edges that may exist, merged a page a transaction.
    const ret = ['s.kind AS kind', 's.row AS row', 's.fromLabel AS fromLabel', 's.toLabel AS toLabel', 's.src AS src', 's.dst AS dst', ...[...STAGED_PROPS.keys()].map((c) => `s.${c} AS ${c}`)].join(', ');
    for (;;) {
      const page = await this.all(`MATCH (s:Staged) RETURN s.id AS seq, ${ret} ORDER BY seq LIMIT ${this.settleRows}`);
      if (page.length === 0) break;
      const bb = new BatchBuilder();
      for (const raw of page) {
        const kind = String(raw.kind);
        if (kind in NODES) {
          bb.addNode(kind as NodeLabel, JSON.parse(String(raw.row)) as NodeRow);
          continue;
        }
        bb.addEdge(kind as EdgeType, edgeOfStaged(kind as EdgeType, raw));
      }
      const last = Number(page[page.length - 1]!.seq);
      await this.inTransaction(async () => {
        const c = await this.writeRows(bb.build(), { allNew: false, stage: false });
        counts.nodesCreated += c.nodesCreated;
        counts.edgesCreated += c.edgesCreated;
        await this.run('MATCH (s:Staged) WHERE s.id <= $last DELETE s', { last });
      });
      progressed(page.length);
    }
    // Deleted rows keep their space: emptied of many, the table is made again (killed in between, init() makes it).
    if (total >= REMAKE_STAGED_ROWS) {
      await this.run('DROP TABLE Staged');
      await this.run(STAGED_DDL);
    }
  }

  /** Appends rows for settle() (in the order given: the order settle() merges them in). */
  private async stage(rows: Record<string, unknown>[]): Promise<void> {
    await this.copyRows('Staged', STAGED_COLUMNS, rows, '');
  }

  /** Runs `fn` in one transaction: everything it writes lands, or nothing does. */
  private async inTransaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.readOnly) throw new QueryRefused('store is open read-only');
    await this.run('BEGIN TRANSACTION');
    try {
      const out = await fn();
      await this.run('COMMIT');
      return out;
    } catch (e) {
      await this.run('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  /**
   * Writes a batch inside the caller's transaction, as `mode` says; rows it stages go in one COPY.
   */
  private async writeRows(batch: GraphBatch, mode: WriteMode): Promise<WriteCounts> {
    const counts: WriteCounts = { nodesCreated: 0, edgesCreated: 0, nodesWritten: 0, edgesWritten: 0 };
    const fresh = new Set<string>();
    const knownNew = mode.allNew ? null : await this.rowsOfNewArticles(batch);
    if (mode.stage) mode.staged = [];
    // Article nodes last: an article is only "stored" (hasArticle) once everything it brought is.
    const order = [...NODE_LABELS.filter((l) => l !== 'Article'), 'Article' as const];
    for (const label of order) {
      const rows = batch.nodes[label] as NodeRow[];
      counts.nodesWritten += rows.length;
      counts.nodesCreated += await this.writeNodes(label, rows, mode, fresh, knownNew);
    }
    for (const type of EDGE_TYPES) {
      const rows = batch.edges[type] as EdgeRow[];
      counts.edgesWritten += rows.length;
      counts.edgesCreated += await this.writeEdges(type, rows, mode, fresh);
    }
    if (mode.staged && mode.staged.length > 0) await this.stage(mode.staged);
    return counts;
  }

  /** Of these article ids, the stored ones (primary-key lookups; on the caller's queue turn). */
  private async storedArticleIds(ids: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunks(ids, CHUNK)) for (const r of await this.all('UNWIND $ids AS i MATCH (a:Article {id: i}) RETURN a.id AS id', { ids: part })) out.add(String(r.id));
    return out;
  }

  /**
   * Ids of the batch's rows that cannot exist yet, so need no lookup: its articles not stored, and
   * their mentions (a mention's id derives from its article's). A mention can be stored without
   * its article only when an earlier write was cut short outside a transaction of this store (a
   * library caller's half batch); a batch of a few articles looks each of its mentions up by
   * primary key and finds such a one. A larger batch does not look: reading the Mention table by
   * article is a hash join built from the whole table, which outgrew the 512 MB buffer pool at
   * 700,000 reports (3.7 million mentions) and failed every group from there on. Should such a
   * mention be there, the batch's COPY fails on its primary key, writing nothing, and the ingest
   * writes that group's articles one at a time, each looking its mentions up.
   */
  private async rowsOfNewArticles(batch: GraphBatch): Promise<Set<string>> {
    const ids = (batch.nodes.Article as NodeRow[]).map((r) => r.id);
    const stored = await this.storedArticleIds(ids);
    const unstored = new Set(ids.filter((id) => !stored.has(id)));
    const out = new Set(unstored);
    const mentions = (batch.nodes.Mention as NodeRow[]).filter((m) => unstored.has(String(m.article)));
    for (const m of mentions) out.add(m.id);
    if (mentions.length > 0 && mentions.length <= this.lookedUpMentions) {
      for (const r of await this.eachOf('MATCH (m:Mention {id: $id}) RETURN m.id AS id', mentions.map((m) => ({ id: m.id })))) out.delete(String(r.id));
    }
    return out;
  }

  /**
   * `knownNew`: ids of rows that cannot exist, not looked up. The lookup is a hash join that scans
   * the whole table (Kùzu 0.11 plans `UNWIND … {id: i}` so), which for Mention and Article, the
   * tables that grow with every report, would read all their data on every batch.
   */
  private async writeNodes(label: NodeLabel, rows: NodeRow[], mode: WriteMode, fresh: Set<string>, knownNew: Set<string> | null = null): Promise<number> {
    if (rows.length === 0) return 0;
    const allNew = mode.allNew;
    const props = NODES[label] as Record<string, PropDef>;
    const names = Object.keys(props);
    const existing = new Map<string, Record<string, unknown>>();
    const maybe = allNew ? [] : knownNew ? rows.filter((r) => !knownNew.has(r.id)) : rows;
    if (maybe.length > 0) {
      // Which exist first, by id alone: the join scans the whole table, and with one column instead of
      // every one it costs a third (1.5 million rows: 0.2 s against 0.6 s a chunk, whatever is found).
      const found: string[] = [];
      for (const part of chunks(maybe.map((r) => r.id), CHUNK)) {
        for (const r of await this.all(`UNWIND $ids AS i MATCH (n:${label} {id: i}) RETURN n.id AS id`, { ids: part })) found.push(String(r.id));
      }
      // Then the columns of those found: by primary key (0.3 ms each) when that costs less than the
      // join over the whole table (about 0.4 µs a stored row with every column), else by the join.
      const ret = names.map((k) => `n.${k} AS ${k}`).join(', ');
      const keep = (r: Record<string, unknown>) => existing.set(r.id as string, plain(r) as Record<string, unknown>);
      const stored = found.length === 0 ? 0 : Number((await this.all(`MATCH (n:${label}) RETURN count(*) AS n`))[0]?.n ?? 0);
      if (found.length <= stored / this.storedRowsPerLookup) {
        for (const r of await this.eachOf(`MATCH (n:${label} {id: $id}) RETURN n.id AS id, ${ret}`, found.map((id) => ({ id })))) keep(r);
      } else {
        for (const part of chunks(found, CHUNK)) for (const r of await this.all(`UNWIND $ids AS i MATCH (n:${label} {id: i}) RETURN n.id AS id, ${ret}`, { ids: part })) keep(r);
      }
    }
    const created: NodeRow[] = [];
    const changed: Record<string, unknown>[] = [];
    const staged: NodeRow[] = [];
    // A 'last' value can undo what a row staged before it set: a row bringing one is staged whether or not it changes the stored row.
    const last = names.filter((k) => props[k]!.merge === 'last');
    const bringsLast = (row: NodeRow): boolean => last.some((k) => (row as Record<string, unknown>)[k] != null);
    for (const row of rows) {
      const prev = existing.get(row.id);
      if (!prev) {
        created.push(row);
        fresh.add(row.id);
      } else if (mergeInto(props, prev, row) || (mode.stage && bringsLast(row))) (mode.stage ? staged.push(row) : changed.push(prev));
    }
    await this.copyRows(label, [{ name: 'id', kuzu: 'STRING' }, ...names.map((k) => ({ name: k, kuzu: props[k]!.kuzu }))], created, '');
    for (const row of staged) mode.staged!.push({ kind: label, fresh: false, row: JSON.stringify(row) });
    const cols = [{ name: 'id', kuzu: 'STRING' as const }, ...names.map((k) => ({ name: k, kuzu: props[k]!.kuzu }))];
    await this.updateFromCsv(cols, changed, (c, id) => `MATCH (n:${label} {id: ${id('id')}}) SET ${names.map((k) => `n.${k} = ${c(k)}`).join(', ')}`);
    return created.length;
  }

  /**
   * Bulk insert through a temporary CSV file and `COPY ... FROM (LOAD WITH HEADERS ...)`: Kùzu's
   * CSV reader is 3-5 times faster than passing the rows as a parameter. Every column is read as
   * declared (no type sniffing); see csvField for how null, '' and lists are written. The file
   * lives in the store's own scratch folder (emptied at every open), not in the system's.
   */
  private async copyRows(table: string, cols: { name: string; kuzu: KuzuType }[], rows: Record<string, unknown>[], pairOpt: string): Promise<void> {
    if (rows.length === 0) return;
    mkdirSync(this.scratchDir, { recursive: true });
    const file = join(this.scratchDir, `${table}-${process.pid}-${++this.copies}.csv`);
    try {
      // A last constant column: Kùzu's reader drops an empty field at the end of a line.
      const header = [...cols.map((_, i) => `c${i}`), 'eol'].join(',');
      const parts: string[] = [header, '\n'];
      for (const row of rows) {
        for (const c of cols) parts.push(csvField(row[c.name], c.kuzu), ',');
        parts.push('1\n');
      }
      writeFileSync(file, parts.join(''));
      const types = [...cols.map((c, i) => `c${i} ${c.kuzu === 'STRING[]' ? 'STRING' : c.kuzu}`), 'eol INT64'].join(', ');
      const exprs = cols.map((c, i) => fromCsv(`c${i}`, c.kuzu)).join(', ');
      // parallel=false: the parallel reader refuses newlines inside quoted fields.
      await this.run(`COPY ${table} FROM (LOAD WITH HEADERS (${types}) FROM '${file.replaceAll("'", "\\'")}' (header=true, escape='"', parallel=false) RETURN ${exprs})${pairOpt}`);
    } finally {
      rmSync(file, { force: true });
    }
  }

  /**
   * A set-based update: the rows go to a CSV file in the scratch folder and one
   * `LOAD WITH HEADERS … FROM 'file' <match> SET …` applies them. Kùzu runs an `UNWIND` over a list
   * of structs row by row at a cost that grows with the list (about 1.5 ms a row at 20,000 rows),
   * while its CSV reader takes the same update in a tenth of a second. `statement` names the
   * columns as c0, c1, … (already turned back into their values: lists split, '' restored).
   */
  private async updateFromCsv(
    cols: { name: string; kuzu: KuzuType }[],
    rows: Record<string, unknown>[],
    statement: (col: (name: string) => string, id: (name: string) => string) => string,
  ): Promise<void> {
    // One statement's memory grows with its rows: an update of a relationship takes a copy of the
    // storage chunk it lives in (about 128 KB each), held until the statement ends, so 2,000 HELD
    // updates at once exhausted a 256 MB pool; 250 at a time stay near 32 MB.
    if (rows.length > UPDATE_ROWS) {
      for (const part of chunks(rows, UPDATE_ROWS)) await this.updateFromCsv(cols, part, statement);
      return;
    }
    if (rows.length === 0) return;
    mkdirSync(this.scratchDir, { recursive: true });
    const file = join(this.scratchDir, `update-${process.pid}-${++this.copies}.csv`);
    try {
      const parts: string[] = [[...cols.map((_, i) => `c${i}`), 'eol'].join(','), '\n'];
      for (const row of rows) {
        for (const c of cols) parts.push(csvField(row[c.name], c.kuzu), ',');
        parts.push('1\n');
      }
      writeFileSync(file, parts.join(''));
      const types = [...cols.map((c, i) => `c${i} ${c.kuzu === 'STRING[]' ? 'STRING' : c.kuzu}`), 'eol INT64'].join(', ');
      const index = new Map(cols.map((c, i) => [c.name, i]));
      const col = (name: string): string => fromCsv(`c${index.get(name)!}`, cols[index.get(name)!]!.kuzu);
      // An id is never '', so it is matched on as read: a key computed by an expression makes Kùzu
      // join without its hash join (270 ms against 12 ms for 250 rows on 90,000 conferences).
      const id = (name: string): string => `c${index.get(name)!}`;
      await this.run(`LOAD WITH HEADERS (${types}) FROM '${file.replaceAll("'", "\\'")}' (header=true, escape='"', parallel=false) ${statement(col, id)}`);
    } finally {
      rmSync(file, { force: true });
    }
  }

  private async writeEdges(type: EdgeType, rows: EdgeRow[], mode: WriteMode, fresh: Set<string>): Promise<number> {
    if (rows.length === 0) return 0;
    const allNew = mode.allNew;
    const def = edgeDef(type);
    const props = def.props;
    const names = Object.keys(props);
    const keyNames = names.filter((k) => props[k]!.merge === 'key');
    // Lists are kept encoded (graph/kuzu-edge-lists.ts); a stored edge read back has them decoded by plain().
    const lists = names.filter((k) => props[k]!.kuzu === 'STRING[]');
    const multi = def.pairs.length > 1;
    const fromTarget = def.lookup === 'target';
    let created = 0;
    // One group per endpoint pair: Kùzu's COPY into a multi-pair rel table names the pair.
    for (const [from, to] of def.pairs) {
      const group = rows.filter((r) => r.from === from && r.to === to);
      if (group.length === 0) continue;
      // An edge with an end created in this batch (or keyed by one) is new: no lookup.
      const isFresh = (r: EdgeRow): boolean =>
        allNew || fresh.has(r.source) || fresh.has(r.target) || keyNames.some((k) => fresh.has(String(r[k])));
      if (mode.stage) {
        // Copied as they are when settled if known new; otherwise looked up and merged then, in the order written.
        for (const r of group) {
          const known = !isFresh(r);
          if (known && lists.length === 0) {
            const once = `${edgeKey(type, r)}\u0001${JSON.stringify(names.map((k) => r[k] ?? null))}`;
            if (this.stagedOnce.has(once)) continue;
            mode.stagedOnce?.push(once);
          }
          mode.staged!.push(stagedEdge(type, r, !known));
        }
        continue;
      }
      const maybe = group.filter((r) => !isFresh(r));
      const existing = new Map<string, Record<string, unknown>>();
      if (maybe.length > 0) {
        const ret = names.map((k) => `, r.${k} AS ${k}`).join('');
        const ends = [...new Set(maybe.map((r) => (fromTarget ? r.target : r.source)))];
        const pattern = fromTarget ? `(b:${to} {id: i})<-[r:${type}]-(a:${from})` : `(a:${from} {id: i})-[r:${type}]->(b:${to})`;
        for (const part of chunks(ends, CHUNK)) {
          const found = await this.all(`UNWIND $ids AS i MATCH ${pattern} RETURN a.id AS source, b.id AS target${ret}`, { ids: part });
          for (const r of found) {
            const e = { from, to, ...(plain(r) as Record<string, unknown>) } as EdgeRow;
            existing.set(edgeKey(type, e), e);
          }
        }
      }
      const createdRows: EdgeRow[] = [];
      const changed: Record<string, unknown>[] = [];
      for (const row of group) {
        const prev = existing.get(edgeKey(type, row));
        if (!prev) createdRows.push(row);
        else if (mergeInto(props, prev, row)) changed.push(prev);
      }
      const pairOpt = multi ? ` (from='${from}', to='${to}')` : '';
      const cols = [{ name: 'source', kuzu: 'STRING' as const }, { name: 'target', kuzu: 'STRING' as const }, ...names.map((k) => ({ name: k, kuzu: kuzuEdgeColumn(props[k]!) }))];
      const encoded = (r: Record<string, unknown>): Record<string, unknown> => (lists.length === 0 ? r : { ...r, ...Object.fromEntries(lists.map((k) => [k, encodeEdgeList(r[k])])) });
      await this.copyRows(type, cols, createdRows.map(encoded), pairOpt);
      const setNames = names.filter((k) => props[k]!.merge !== 'key');
      if (setNames.length > 0) {
        await this.updateFromCsv(cols, changed.map(encoded), (c, id) => {
          const keyWhere = keyNames.length > 0 ? ` WHERE ${keyNames.map((k) => `r.${k} = ${c(k)}`).join(' AND ')}` : '';
          return `MATCH (a:${from} {id: ${id('source')}})-[r:${type}]->(b:${to} {id: ${id('target')}})${keyWhere} SET ${setNames.map((k) => `r.${k} = ${c(k)}`).join(', ')}`;
        });
      }
      created += createdRows.length;
    }
    return created;
  }

  /**
   * Writing and ad-hoc queries run one at a time on the store's connection; read-only ones on a
   * connection of the read pool, side by side; console queries (`untrusted`) are checked and, on a
   * store opened read-only, run in the sandbox.
   */
  // ---- the Person layer ------------------------------------------------------------------------

  dirtyNames(): Promise<string[]> {
    return this.serial(async () => (await this.all("MATCH (p:Pending) WHERE p.kind = 'name' RETURN p.target AS id ORDER BY id")).map((r) => String(r.id)));
  }

  judgedNames(ids: string[]): Promise<Map<string, string>> {
    return this.serial(async () => {
      const out = new Map<string, string>();
      for (const r of await this.all("MATCH (n:Name) WHERE n.judgements IS NOT NULL AND n.judgements <> '' RETURN n.id AS id, n.judgements AS j")) out.set(String(r.id), String(r.j));
      for (const part of chunks(ids, CHUNK)) {
        for (const r of await this.all('UNWIND $ids AS i MATCH (n:Name {id: i}) RETURN n.id AS id, n.judgements AS j', { ids: part })) out.set(String(r.id), String(r.j ?? ''));
      }
      return out;
    });
  }

  markNamesDirty(ids: string[]): Promise<void> {
    return this.serial(() => this.inTransaction(() => this.addPending(ids, 'name')));
  }

  /** Pending rows for these ids (those already pending stay as they are). */
  private async addPending(ids: string[], kind: 'name' | 'position'): Promise<void> {
    const b = emptyBatch();
    b.nodes.Pending = [...new Set(ids)].map((target) => ({ id: pendingId(target), kind, target }));
    await this.writeRows(b, { allNew: false, stage: false });
  }

  private async clearPending(ids: string[]): Promise<void> {
    for (const part of chunks(ids.map(pendingId), CHUNK)) await this.run('UNWIND $ids AS i MATCH (p:Pending {id: i}) DELETE p', { ids: part });
  }

  linkedNames(ids: string[]): Promise<[string, string][]> {
    return this.serial(async () => {
      const out: [string, string][] = [];
      for (const part of chunks(ids, CHUNK)) {
        const rows = await this.all(
          'UNWIND $ids AS i MATCH (:Name {id: i})<-[:NAMED]-(:Mention)-[:REFERS_TO]->(p:Person) WITH DISTINCT i, p MATCH (p)<-[:REFERS_TO]-(:Mention)-[:NAMED]->(n:Name) WHERE n.id <> i RETURN DISTINCT i AS from, n.id AS id',
          { ids: part },
        );
        for (const r of rows) out.push([String(r.from), String(r.id)]);
      }
      return out;
    });
  }

  mentionsOf(nameIds: string[]): Promise<{ id: string; nameKey: string; data: string }[]> {
    return this.serial(async () => {
      const out: { id: string; nameKey: string; data: string }[] = [];
      for (const part of chunks(nameIds, CHUNK)) {
        // Not `UNWIND $ids … {id: i}`: Kùzu plans that as a hash join whose build side is every Mention with its data,
        // which outgrows the buffer pool once the store holds a few hundred thousand mentions. A list filter
        // on Name semi-joins instead, and reads the data of the matching mentions only.
        const rows = await this.all('MATCH (n:Name)<-[:NAMED]-(m:Mention) WHERE n.id IN $ids RETURN m.id AS id, m.nameKey AS k, m.data AS d', { ids: part });
        for (const r of rows) out.push({ id: String(r.id), nameKey: String(r.k), data: String(r.d) });
      }
      return out;
    });
  }

  replacePersonLayer(nameIds: string[], layer: GraphBatch, fingerprints: Map<string, string>, opts: PersonLayerOptions = {}): Promise<WriteCounts> {
    return this.serial(() =>
      this.inTransaction(async () => {
        const oldPersons = new Set<string>();
        const touched = new Set<string>();
        const stored = new Map<string, string>();
        // Fresh blocks have no person and no stored judgements: at a million reports these two reads took a second a chunk.
        for (const part of opts.fresh ? [] : chunks(nameIds, CHUNK)) {
          const rows = await this.all('UNWIND $ids AS i MATCH (:Name {id: i})<-[:NAMED]-(:Mention)-[:REFERS_TO]->(p:Person) RETURN DISTINCT p.id AS id', { ids: part });
          for (const r of rows) oldPersons.add(String(r.id));
          for (const r of await this.all('UNWIND $ids AS i MATCH (n:Name {id: i}) RETURN n.id AS id, n.judgements AS j', { ids: part })) stored.set(String(r.id), String(r.j ?? ''));
        }
        for (const part of chunks([...oldPersons], CHUNK)) {
          for (const r of await this.all('UNWIND $ids AS i MATCH (:Person {id: i})-[:HELD]->(pos:Position) RETURN DISTINCT pos.id AS id', { ids: part })) touched.add(String(r.id));
          // A succession edge goes with its person: its post is derived again, whether or not the person held it.
          for (const r of await this.all('UNWIND $ids AS i MATCH (:Person {id: i})-[s:SUCCEEDED]-(:Person) RETURN DISTINCT s.position AS id', { ids: part })) touched.add(String(r.id));
          await this.run('UNWIND $ids AS i MATCH (p:Person {id: i}) DETACH DELETE p', { ids: part });
        }
        const counts = await this.writeRows(layer, { allNew: true, stage: opts.defer === true });
        for (const h of layer.edges.HELD) touched.add(h.target);
        await this.addPending([...touched], 'position');
        // Only fingerprints that changed are written: an update in place costs a rewrite at the next checkpoint.
        const changed = nameIds.filter((id) => (stored.get(id) ?? '') !== (fingerprints.get(id) ?? '')).map((id) => ({ id, j: fingerprints.get(id) || null }));
        await this.updateFromCsv([{ name: 'id', kuzu: 'STRING' }, { name: 'j', kuzu: 'STRING' }], changed, (c, id) => `MATCH (n:Name {id: ${id('id')}}) SET n.judgements = ${c('j')}`);
        await this.clearPending(nameIds);
        return counts;
      }),
    );
  }

  dirtyPositions(): Promise<string[]> {
    return this.serial(async () => (await this.all("MATCH (p:Pending) WHERE p.kind = 'position' RETURN p.target AS id ORDER BY id")).map((r) => String(r.id)));
  }

  holdersOf(positionIds: string[]): Promise<Map<string, { title: string; holders: StoredHolder[] }>> {
    return this.serial(async () => {
      const out = new Map<string, { title: string; holders: StoredHolder[] }>();
      for (const part of chunks(positionIds, CHUNK)) {
        for (const r of await this.all('UNWIND $ids AS i MATCH (pos:Position {id: i}) RETURN pos.id AS id, pos.title AS title', { ids: part })) out.set(String(r.id), { title: String(r.title), holders: [] });
        const rows = await this.all(
          `UNWIND $ids AS i MATCH (p:Person)-[h:HELD]->(pos:Position {id: i}) RETURN pos.id AS pos, ${HOLDER_COLUMNS}`,
          { ids: part },
        );
        for (const r of rows) out.get(String(r.pos))?.holders.push(storedHolder(plain(r) as Record<string, unknown>));
      }
      for (const v of out.values()) v.holders.sort((a, b) => (a.person < b.person ? -1 : 1));
      return out;
    });
  }

  personsOfMentions(mentionIds: string[]): Promise<Map<string, string>> {
    return this.serial(() => this.referredPersons(mentionIds));
  }

  /** Mention id → Person id, on the writer's connection (inside a caller's transaction or queue turn). */
  private async referredPersons(mentionIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks([...new Set(mentionIds)], CHUNK)) {
      for (const r of await this.all('UNWIND $ids AS i MATCH (m:Mention {id: i})-[:REFERS_TO]->(p:Person) RETURN m.id AS m, p.id AS p', { ids: part })) out.set(String(r.m), String(r.p));
    }
    return out;
  }

  replaceSuccessions(positionIds: string[], rows: GraphBatch['edges']['SUCCEEDED'], spells: SpellUpdate[], opts: SuccessionWriteOptions = {}): Promise<void> {
    return this.serial(() =>
      this.inTransaction(async () => {
        // One writer holds the database, so nothing moves under this process; checked all the same, as the contract says.
        const mentions = [...new Set(opts.predecessors?.mentions ?? [])];
        if (mentions.length > 0) {
          const moved = movedMentions(opts.predecessors!.personOf, await this.referredPersons(mentions), mentions);
          if (moved.length > 0) throw new StaleWork(`${moved.length} stated predecessors were resolved again since they were read`);
        }
        for (const part of chunks(positionIds, CHUNK)) await this.run('MATCH (:Person)-[s:SUCCEEDED]->(:Person) WHERE s.position IN $ids DELETE s', { ids: part });
        const b = emptyBatch();
        b.edges.SUCCEEDED = rows;
        await this.writeRows(b, { allNew: true, stage: false });
        await this.updateFromCsv(
          [{ name: 'person', kuzu: 'STRING' }, { name: 'position', kuzu: 'STRING' }, { name: 'succeededOn', kuzu: 'STRING' }, { name: 'status', kuzu: 'STRING' }],
          spells,
          (c, id) => `MATCH (p:Person {id: ${id('person')}})-[h:HELD]->(pos:Position {id: ${id('position')}}) SET h.succeededOn = ${c('succeededOn')}, h.status = ${c('status')}`,
        );
        const keep = new Set(opts.keepPending ?? []);
        await this.clearPending(positionIds.filter((id) => !keep.has(id)));
      }),
    );
  }

  query(cypher: string, params: Record<string, unknown> = {}, opts: QueryOptions = {}): Promise<QueryResult> {
    if (opts.untrusted) return this.untrustedQuery(cypher, params, opts);
    if (opts.readOnly) return this.reads.use((c) => this.runQuery(c, cypher, params, opts));
    return this.serial(() => this.runQuery(this.conn, cypher, params, opts));
  }

  /** The console: size, statement kind and plan checked first; then the sandbox, or a read connection. */
  private async untrustedQuery(cypher: string, params: Record<string, unknown>, opts: QueryOptions): Promise<QueryResult> {
    assertOneStatement(cypher);
    assertConsoleShape(cypher);
    const why = kuzuStatementRefusal(cypher);
    if (why) throw new QueryRefused(`read-only query refused: ${why}`);
    const timeoutMs = opts.timeoutMs ?? UNTRUSTED_TIMEOUT_MS;
    if (this.sandbox) {
      const res = await this.sandbox.run(cypher, { timeoutMs, rowLimit: opts.rowLimit, params });
      const rows = await this.reads.use((c) => this.toRows(res.rows, c));
      return { columns: res.columns, rows, truncated: res.truncated };
    }
    return this.reads.use(async (c) => {
      const plan = await runOn(c, `EXPLAIN ${cypher}`, params, async (res) => (await res.getAll()).map((r) => Object.values(r).join('\n')).join('\n'));
      const refused = kuzuPlanRefusal(kuzuPlanOperators(plan));
      if (refused) throw new QueryRefused(`read-only query refused: ${refused}`);
      return this.runQuery(c, cypher, params, { readOnly: true, timeoutMs, rowLimit: opts.rowLimit });
    });
  }

  private async runQuery(conn: KuzuConnection, cypher: string, params: Record<string, unknown>, opts: QueryOptions): Promise<QueryResult> {
    assertOneStatement(cypher);
    if (opts.readOnly && looksLikeWrite(cypher)) throw new QueryRefused('read-only query refused: it contains a writing clause');
    if (opts.timeoutMs) conn.setQueryTimeout(opts.timeoutMs);
    try {
      const { columns, raw, truncated } = await runOn(conn, cypher, params, async (res) => {
        const raw: Record<string, unknown>[] = [];
        const limit = opts.rowLimit ?? Infinity;
        let truncated = false;
        while (res.hasNext()) {
          if (raw.length >= limit) {
            truncated = true;
            break;
          }
          raw.push((await res.getNext()) as Record<string, unknown>);
        }
        return { columns: res.getColumnNamesSync(), raw, truncated };
      });
      const rows = await this.toRows(raw, conn);
      return { columns, rows, truncated };
    } catch (e) {
      // Kùzu reports a query stopped by its timeout as 'Interrupted.'.
      if (opts.timeoutMs && /interrupt/i.test((e as Error)?.message ?? '')) {
        throw new QueryTimeout(`query terminated: it ran past the time limit of ${opts.timeoutMs} ms`, { cause: e });
      }
      throw e;
    } finally {
      // The binding refuses 0 ('no timeout'); a very long one stands in for it.
      if (opts.timeoutMs) conn.setQueryTimeout(NO_TIMEOUT_MS);
    }
  }

  /** Kùzu values → plain values; relationships get their end nodes' stable ids. */
  private async toRows(raw: Record<string, unknown>[], conn: KuzuConnection): Promise<Row[]> {
    const idOf = new Map<string, string>();
    const wanted = new Set<string>();
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) return v.forEach(visit);
      if (!v || typeof v !== 'object' || v instanceof Date) return;
      const o = v as Record<string, unknown>;
      if (isKuzuNode(o)) idOf.set(internalKey(o._id), String(o.id));
      else if (isKuzuRel(o)) {
        wanted.add(internalKey(o._src));
        wanted.add(internalKey(o._dst));
      } else for (const x of Object.values(o)) visit(x);
    };
    raw.forEach(visit);
    for (const k of wanted) {
      const known = this.stableIds?.get(k);
      if (known !== undefined && !idOf.has(k)) idOf.set(k, known);
    }
    const missing = [...wanted].filter((k) => !idOf.has(k));
    if (missing.length > 0) await this.resolveInternal(missing, idOf, conn);
    if (this.stableIds) {
      // A bounded memo: cleared whole when full rather than tracked entry by entry.
      if (this.stableIds.size > 500_000) this.stableIds.clear();
      for (const k of wanted) {
        const id = idOf.get(k);
        if (id !== undefined) this.stableIds.set(k, id);
      }
    }
    return raw.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, convert(v, idOf)])));
  }

  private async resolveInternal(keys: string[], idOf: Map<string, string>, conn: KuzuConnection): Promise<void> {
    const all = (q: string, params?: Record<string, unknown>) => runOn(conn, q, params, async (res) => (await res.getAll()) as Record<string, unknown>[]);
    if (!this.tableNames) {
      const tables = await all('CALL show_tables() RETURN id, name');
      this.tableNames = new Map(tables.map((t) => [Number(t.id), String(t.name)]));
    }
    const byTable = new Map<number, number[]>();
    for (const k of keys) {
      const [t, o] = k.split(':').map(Number) as [number, number];
      byTable.set(t, [...(byTable.get(t) ?? []), o]);
    }
    for (const [t, offsets] of byTable) {
      const name = this.tableNames.get(t);
      if (!name) continue;
      const rows = await all(`MATCH (n:${name}) WHERE offset(id(n)) IN $o RETURN offset(id(n)) AS o, n.id AS id`, { o: offsets });
      for (const r of rows) idOf.set(`${t}:${Number(r.o)}`, String(r.id));
    }
  }

  stats(): Promise<StoreStats> {
    return this.serial(async () => {
      const s: StoreStats = { nodes: {}, edges: {}, totalNodes: 0, totalEdges: 0 };
      for (const l of NODE_LABELS) {
        const n = Number((await this.all(`MATCH (n:${l}) RETURN count(*) AS c`))[0]?.c ?? 0);
        s.nodes[l] = n;
        s.totalNodes += n;
      }
      for (const t of EDGE_TYPES) {
        const n = Number((await this.all(`MATCH ()-[r:${t}]->() RETURN count(*) AS c`))[0]?.c ?? 0);
        s.edges[t] = n;
        s.totalEdges += n;
      }
      return s;
    });
  }

  close(): Promise<void> {
    return this.serial(async () => {
      await this.sandbox?.close();
      await this.shut();
      if (!this.readOnly) rmSync(this.scratchDir, { recursive: true, force: true });
    });
  }
}

// ---- helpers ---------------------------------------------------------------------------------

/**
 * Lists travel as one string joined by U+001F and are split in Kùzu: it infers a parameter's type
 * from its values and fails on rows where some lists are empty, and strings convert faster than
 * nested arrays. Empty strings inside lists are dropped on the way.
 */
const SEP = '\u001f';

/** A node's list as one SEP-joined CSV field. */
const joinList = (v: unknown[]): string => joinItems(v, SEP);

/** The Cypher that splits a SEP-joined string (null or '' is the empty list) back into a list. */
const splitList = (expr: string): string => `CASE WHEN ${expr} IS NULL OR ${expr} = '' THEN CAST([] AS STRING[]) ELSE string_split(${expr}, '${SEP}') END`;

/** '' is written as this marker: Kùzu reads an empty CSV field, quoted or not, as null. */
const EMPTY = '\u0001';

/** One CSV field: null → empty; strings quoted ('' as EMPTY); lists joined by SEP; numbers, booleans bare. */
function csvField(v: unknown, t: KuzuType): string {
  if (v === null || v === undefined) return '';
  if (t === 'STRING[]') {
    const joined = joinList(v as unknown[]);
    return joined === '' ? '' : `"${joined.replaceAll('"', '""')}"`;
  }
  if (t === 'STRING') {
    const str = String(v);
    return str === '' ? EMPTY : `"${str.replaceAll('"', '""')}"`;
  }
  return String(v);
}

/** The Cypher that turns a CSV column back into its value. */
function fromCsv(col: string, t: KuzuType): string {
  if (t === 'STRING[]') return splitList(col);
  if (t === 'STRING') return `CASE WHEN ${col} = '${EMPTY}' THEN '' ELSE ${col} END`;
  return col;
}

/** Rows per set-based update statement (see updateFromCsv). */
const UPDATE_ROWS = 250;

function* chunks<T>(xs: T[], n: number): Generator<T[]> {
  for (let i = 0; i < xs.length; i += n) yield xs.slice(i, i + n);
}

interface KId {
  offset: number | bigint;
  table: number | bigint;
}
const internalKey = (id: unknown): string => `${Number((id as KId).table)}:${Number((id as KId).offset)}`;
const isKuzuNode = (o: Record<string, unknown>): boolean => '_label' in o && '_id' in o && !('_src' in o);
const isKuzuRel = (o: Record<string, unknown>): boolean => '_src' in o && '_dst' in o;
const isKuzuPath = (o: Record<string, unknown>): boolean => '_nodes' in o && '_rels' in o;

/** Plain value: bigint → number, Date → ISO string, nested values converted. */
function plain(v: unknown): GraphValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) {
    // Kùzu gives DATE and TIMESTAMP alike as Date: a date prints as YYYY-MM-DD, a timestamp in full.
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, plain(x)]));
  // An edge's list, kept as one string (graph/kuzu-edge-lists.ts), whether the query returned the edge or the property.
  if (typeof v === 'string') return decodeEdgeList(v) ?? v;
  return v as GraphValue;
}

function props(o: Record<string, unknown>, skip: string[]): Record<string, GraphValue> {
  const out: Record<string, GraphValue> = {};
  for (const [k, v] of Object.entries(o)) if (!skip.includes(k) && v !== null) out[k] = plain(v);
  return out;
}

function convert(v: unknown, idOf: Map<string, string>): GraphValue {
  if (Array.isArray(v)) return v.map((x) => convert(x, idOf));
  if (!v || typeof v !== 'object' || v instanceof Date) return plain(v);
  const o = v as Record<string, unknown>;
  if (isKuzuPath(o)) {
    return {
      _kind: 'path',
      nodes: (o._nodes as Record<string, unknown>[]).map((n) => convert(n, idOf) as GraphNode),
      rels: (o._rels as Record<string, unknown>[]).map((r) => convert(r, idOf) as GraphRel),
    };
  }
  if (isKuzuNode(o)) return { _kind: 'node', id: String(o.id), label: String(o._label), properties: props(o, ['_label', '_id', 'id']) };
  if (isKuzuRel(o)) {
    return {
      _kind: 'rel',
      type: String(o._label),
      source: idOf.get(internalKey(o._src)) ?? internalKey(o._src),
      target: idOf.get(internalKey(o._dst)) ?? internalKey(o._dst),
      properties: props(o, ['_label', '_id', '_src', '_dst']),
    };
  }
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, convert(x, idOf)]));
}
