// Temporary experiment (not committed): what a COMMIT costs on a large store, by kind of change.
import kuzu from 'kuzu';
import { writeFileSync } from 'node:fs';
const path = process.argv[2];
const which = process.argv[3];
const db = new kuzu.Database(path, 1024 * 1024 * 1024);
const c = new kuzu.Connection(db);
const all = async (q, p) => { const r = p ? await c.execute(await c.prepare(q), p) : await c.query(q); const rr = Array.isArray(r) ? r : [r]; const out = await rr[rr.length - 1].getAll(); return out; };
const t = async (label, q, p) => { const t0 = performance.now(); const out = await all(q, p); console.log(`${label}: ${(performance.now() - t0).toFixed(0)} ms`); return out; };
await t('checkpoint first', 'CHECKPOINT');
const n = Number(process.argv[4] ?? 1000);
if (which === 'conf') {
  const ids = (await all(`MATCH (n:Conference) RETURN n.id AS id ORDER BY id SKIP 1000 LIMIT ${n}`)).map((r) => r.id);
  writeFileSync('/tmp/kx/ids.csv', 'c0\n' + ids.join('\n') + '\n');
  await all('BEGIN TRANSACTION');
  await t('update conf', "LOAD WITH HEADERS (c0 STRING) FROM '/tmp/kx/ids.csv' (header=true) MATCH (n:Conference {id: c0}) SET n.sources = list_append(n.sources, 'art_x')");
} else if (which === 'conftitle') {
  const ids = (await all(`MATCH (n:Conference) RETURN n.id AS id ORDER BY id SKIP 1000 LIMIT ${n}`)).map((r) => r.id);
  writeFileSync('/tmp/kx/ids.csv', 'c0\n' + ids.join('\n') + '\n');
  await all('BEGIN TRANSACTION');
  await t('update conf place', "LOAD WITH HEADERS (c0 STRING) FROM '/tmp/kx/ids.csv' (header=true) MATCH (n:Conference {id: c0}) SET n.place = n.place + 'x'");
} else if (which === 'heldin' || which === 'organized') {
  const type = which === 'heldin' ? 'HELD_IN' : 'ORGANIZED';
  const rows = await all(`MATCH (a)-[r:${type}]->(b) RETURN a.id AS a, b.id AS b SKIP 1000 LIMIT ${n}`);
  writeFileSync('/tmp/kx/ids.csv', 'c0,c1\n' + rows.map((r) => `${r.a},${r.b}`).join('\n') + '\n');
  await all('BEGIN TRANSACTION');
  await t(`update ${type}`, `LOAD WITH HEADERS (c0 STRING, c1 STRING) FROM '/tmp/kx/ids.csv' (header=true) MATCH (a {id: c0})-[r:${type}]->(b {id: c1}) SET r.sources = r.sources + 'x'`);
} else if (which === 'mention') {
  await all('BEGIN TRANSACTION');
  await t('copy mentions', `COPY Mention FROM (UNWIND range(1, ${n}) AS i RETURN 'men_zz' + string(i) AS a, 'art_zz' AS b, 'x' AS c, 'x' AS d, CAST(NULL AS STRING) AS e, '{}' AS f)`);
} else if (which === 'copyedge') {
  const type = process.argv[5];
  const rows = await all(`MATCH (a)-[r:${type}]->(b) RETURN a.id AS a, b.id AS b SKIP ${process.argv[6] ?? 1000} LIMIT ${n}`);
  const cols = (await all(`CALL TABLE_INFO('${type}') RETURN name, type`));
  console.log(cols.map(c=>c.name+':'+c.type).join(','));
  writeFileSync('/tmp/kx/e.csv', 'c0,c1\n' + rows.map((r) => `${r.a},${r.b}`).join('\n') + '\n');
  await all('BEGIN TRANSACTION');
  const extra = cols.map((c, i) => c.type === 'BOOLEAN' ? `false AS x${i}` : c.type === 'INT64' ? `0 AS x${i}` : `'x' AS x${i}`).join(', ');
  await t(`copy ${type}`, `COPY ${type} FROM (LOAD WITH HEADERS (c0 STRING, c1 STRING) FROM '/tmp/kx/e.csv' (header=true) RETURN c0, c1${extra ? ', ' + extra : ''})`);
} else if (which === 'pendingdel') {
  await all('BEGIN TRANSACTION');
  await t('pending add', `COPY Pending FROM (UNWIND range(1, ${n}) AS i RETURN 'pnd_zz' + string(i) AS a, 'name' AS b, 'x' AS c)`);
  await t('commit', 'COMMIT');
  await all('BEGIN TRANSACTION');
  await t('pending del', "MATCH (p:Pending) WHERE p.id STARTS WITH 'pnd_zz' DELETE p");
} else if (which === 'none') {
  await all('BEGIN TRANSACTION');
}
await t('commit', 'COMMIT');
await t('checkpoint', 'CHECKPOINT');
