// One isolated query process of graph/kuzu-sandbox.ts: opens the embedded graph read-only and runs
// the console queries it is sent over IPC, one at a time. A crash, a runaway or a kill ends only this
// process; the parent answers the request and starts another. Plain JavaScript so it starts without
// a TypeScript loader (under tsx, vitest or a build alike).
import { readFileSync } from 'node:fs';
import { serialize } from 'node:v8';
import kuzu from 'kuzu';

const opts = JSON.parse(process.argv[2] ?? '{}');

/** Virtual memory of this process in bytes (the parent caps growth beyond it). */
function vmBytes() {
  try {
    const m = /VmSize:\s+(\d+)\s*kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

let conn;
try {
  const db = new kuzu.Database(opts.path, opts.bufferPoolBytes, true, true);
  conn = new kuzu.Connection(db, opts.threads);
  const probe = await conn.query('RETURN 1');
  probe.close();
} catch (e) {
  process.send?.({ type: 'fatal', message: e instanceof Error ? e.message : String(e) });
  process.exit(1);
}

const NO_TIMEOUT_MS = 2_147_483_647;

/**
 * Runs the text with the parameters it names (Kùzu refuses ones it does not use), an empty list
 * written as `[]` (Kùzu 0.11 crashes on an empty list parameter): graph/kuzu-read-pool.ts's
 * boundParameters, kept in plain JavaScript here because this process runs without TypeScript.
 */
async function lastResult(cypher, params = {}) {
  const used = {};
  for (const [k, v] of Object.entries(params)) {
    const named = new RegExp(`\\$${k}\\b`, 'g');
    if (!named.test(cypher)) continue;
    if (Array.isArray(v) && v.length === 0) cypher = cypher.replace(named, '[]');
    else used[k] = v;
  }
  let res;
  if (Object.keys(used).length > 0) {
    const ps = await conn.prepare(cypher);
    if (!ps.isSuccess()) throw new Error(ps.getErrorMessage());
    res = await conn.execute(ps, used);
  } else res = await conn.query(cypher);
  const all = Array.isArray(res) ? res : [res];
  return { last: all[all.length - 1], all };
}

async function handle(msg) {
  if (msg.kind === 'explain') {
    const { last, all } = await lastResult(`EXPLAIN ${msg.cypher}`, msg.params);
    try {
      const rows = await last.getAll();
      return { text: rows.map((r) => Object.values(r).join('\n')).join('\n') };
    } finally {
      for (const r of all) r.close();
    }
  }
  conn.setQueryTimeout(msg.timeoutMs > 0 ? msg.timeoutMs : NO_TIMEOUT_MS);
  const { last, all } = await lastResult(msg.cypher, msg.params);
  try {
    const rows = [];
    let bytes = 0;
    let truncated = false;
    while (last.hasNext()) {
      if (rows.length >= msg.rowLimit) {
        truncated = true;
        break;
      }
      const row = await last.getNext();
      bytes += serialize(row).length;
      if (bytes > msg.maxResultBytes) return { tooLarge: bytes };
      rows.push(row);
    }
    return { columns: last.getColumnNamesSync(), rows, truncated };
  } finally {
    for (const r of all) r.close();
  }
}

process.on('message', (msg) => {
  handle(msg).then(
    (out) => process.send?.({ type: 'done', id: msg.id, ...out }),
    (e) => process.send?.({ type: 'failed', id: msg.id, message: e instanceof Error ? e.message : String(e) }),
  );
});
// The parent went away: nothing left to answer.
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready', vmBytes: vmBytes() });
