/**
 * Rebuilding an embedded store from its own rows: `EXPORT DATABASE`, then `IMPORT DATABASE` into a
 * fresh file, whose primary-key indexes are built anew by the bulk load into empty tables.
 *
 * Why: Kùzu 0.11.3's hash primary-key index can lose a key that its table holds — once in the
 * 5,208,074 Mention keys of a million-report load — and every later write that looks the key up
 * then fails ("Unable to find primary key value …"). The rows are all there; only the index is
 * wrong, so building it again from them mends the store.
 *
 * Killed at any point, the store is either the old file or the new one: the new file is made
 * beside it and put in place by renames, and a rebuild stopped between those renames is finished
 * (or undone) by recoverRebuild, which the store runs whenever it opens.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { totalmem } from 'node:os';
import kuzu from 'kuzu';
import { readLast, resultList } from './kuzu-read-pool.js';

type Db = InstanceType<typeof kuzu.Database>;
type Conn = InstanceType<typeof kuzu.Connection>;

/** The message of a write that met a key the primary-key index does not find. */
export const LOST_KEY = /Unable to find primary key value (\S+?)[.,;]?(?:\s|$)/;

/** The key a failed write could not find, if that is why it failed. */
export function lostKey(error: unknown): string | null {
  const m = LOST_KEY.exec(error instanceof Error ? error.message : String(error));
  return m ? m[1]! : null;
}

/** The message of a statement that needed more of the buffer pool than it has. */
const POOL_FULL = /buffer pool is full/i;

/** Whether a statement failed for want of buffer pool. */
export function poolFull(error: unknown): boolean {
  return POOL_FULL.test(error instanceof Error ? error.message : String(error));
}

/**
 * The buffer pool of the export and the import, and of a settle that ran out of the writer's:
 * the writer's 512 MB ran out exporting a 100,000-report store (1.6 GB) and settling a
 * million-report one. Kùzu takes the pool's memory only as it uses it, so this may ask for much more.
 */
export const LARGE_POOL_BYTES = Math.floor(totalmem() * 0.4);

const work = (location: string): string => `${location}.rebuild`;
const walOf = (file: string): string => `${file}.wal`;

async function rows(conn: Conn, cypher: string): Promise<Record<string, unknown>[]> {
  return readLast(resultList(await conn.query(cypher)), async (r) => (await r.getAll()) as Record<string, unknown>[]);
}

/** Rows per table, node and relationship (the check that the new file holds what the old one did). */
async function tableCounts(conn: Conn): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const t of await rows(conn, 'CALL SHOW_TABLES() RETURN name, type')) {
    const name = String(t.name);
    const q = t.type === 'NODE' ? `MATCH (n:\`${name}\`) RETURN count(*) AS n` : t.type === 'REL' ? `MATCH ()-[r:\`${name}\`]->() RETURN count(*) AS n` : null;
    if (q) out.set(name, Number((await rows(conn, q))[0]?.n ?? 0));
  }
  return out;
}

/** Opens the file, hands `fn` a connection, and closes both whatever `fn` does (an open file stays locked). */
async function withDatabase<T>(path: string, bufferPoolBytes: number, fn: (conn: Conn) => Promise<T>): Promise<T> {
  const db: Db = new kuzu.Database(path, bufferPoolBytes, true, false);
  const conn: Conn = new kuzu.Connection(db);
  try {
    return await fn(conn);
  } finally {
    await conn.close();
    await db.close();
  }
}

/** A path as a Cypher string literal. */
const quoted = (path: string): string => `'${path.replaceAll("'", "\\'")}'`;

/**
 * Finishes or undoes a rebuild that was stopped: if the store's file is gone and the old one waits
 * in the work folder, it is put back (the new file was not yet in place); then the work folder goes.
 */
export function recoverRebuild(location: string): void {
  const dir = work(location);
  if (!existsSync(dir)) return;
  const old = `${dir}/old`;
  if (!existsSync(location) && existsSync(old)) {
    renameSync(old, location);
    if (existsSync(walOf(old))) renameSync(walOf(old), walOf(location));
  }
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Rebuilds the closed store at `location` from its rows and puts the new file in its place.
 * Throws, leaving the store as it was, when the export, the import or the count check fails.
 */
export async function rebuildKuzuStore(location: string, bufferPoolBytes = LARGE_POOL_BYTES): Promise<{ tables: number; rows: number }> {
  recoverRebuild(location);
  if (!existsSync(location)) throw new Error(`no embedded graph at ${location}`);
  const dir = work(location);
  mkdirSync(dir, { recursive: true });
  const exported = `${dir}/export`;
  const fresh = `${dir}/db`;
  try {
    const before = await withDatabase(location, bufferPoolBytes, async (conn) => {
      const counts = await tableCounts(conn);
      await rows(conn, `EXPORT DATABASE ${quoted(exported)}`);
      return counts;
    });
    await withDatabase(fresh, bufferPoolBytes, (conn) => rows(conn, `IMPORT DATABASE ${quoted(exported)}`));
    // Written to after an import in the same process, Kùzu 0.11.3 can crash: the file is closed and opened again.
    const after = await withDatabase(fresh, bufferPoolBytes, tableCounts);
    const differ = [...new Set([...before.keys(), ...after.keys()])].filter((t) => before.get(t) !== after.get(t));
    if (differ.length > 0) {
      throw new Error(`the rebuilt store differs in ${differ.map((t) => `${t} (${before.get(t) ?? 0} rows before, ${after.get(t) ?? 0} after)`).join(', ')}`);
    }
    rmSync(exported, { recursive: true, force: true });
    // Old aside, new in place; recoverRebuild mends a stop between the two.
    renameSync(location, `${dir}/old`);
    if (existsSync(walOf(location))) renameSync(walOf(location), walOf(`${dir}/old`));
    renameSync(fresh, location);
    if (existsSync(walOf(fresh))) renameSync(walOf(fresh), walOf(location));
    return { tables: after.size, rows: [...after.values()].reduce((a, b) => a + b, 0) };
  } catch (e) {
    if (!existsSync(location)) recoverRebuild(location);
    throw new Error(`${location}: rebuilding the store failed, and it is left as it was: ${(e as Error).message}`);
  } finally {
    // The old file (when the new one is in place) or the half-made new one.
    if (existsSync(location)) rmSync(dir, { recursive: true, force: true });
  }
}
