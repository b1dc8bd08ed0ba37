/**
 * npm run bench:api — a benchmark, not a test: the viewer's API under 50 concurrent clients.
 * Generates a corpus (scripts/generate-articles.ts), loads it with `npm run ingest` into a temporary
 * KUZU_PATH (about 26,000 nodes with the default 1,000 articles), serves it with `npm start` in a
 * process of its own, as users run it (the store opened read-only, console queries isolated), then
 * drives each endpoint from this process with autocannon for a few seconds and prints the latency
 * percentiles, p95 per endpoint last. The clients share the machine's cores with the server, not
 * its event loop.
 *
 *   npm run bench:api -- [--articles 1000] [--seconds 10] [--connections 50] [--people 500] [--store path] [--keep]
 *
 * VIEWER_CACHE_MS=0 measures every request read from the store; --people 50 a few nodes opened again and again.
 *
 * --store reuses a store loaded before (its folder is kept); --keep keeps the generated one.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { KuzuStore } from '../graph/kuzu-store.js';
import { generateArticle } from './generate-articles.js';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    people: { type: 'string', default: '500' },
    store: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const articles = Number(values.articles);
const seconds = Number(values.seconds);
const connections = Number(values.connections);

const work = await mkdtemp(join(tmpdir(), 'bench-api-'));
const storePath = values.store ?? join(work, 'kuzu');
const generated = !values.store || !existsSync(storePath);
if (generated) {
  const dir = join(work, 'articles');
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < articles; i++) await writeFile(join(dir, `${String(i).padStart(5, '0')}.txt`), generateArticle(i));
  console.error(`generated ${articles} articles; loading them with npm run ingest into ${storePath} …`);
  const t0 = Date.now();
  execFileSync('npx', ['tsx', 'graph/cli-ingest.ts', '--quiet', dir], { env: { ...process.env, KUZU_PATH: storePath, NEO4J_URI: '' }, stdio: ['ignore', 'inherit', 'inherit'] });
  console.error(`loaded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

const store = new KuzuStore({ path: storePath, readOnly: true });
const stats = await store.stats();
const ids = async (label: string, n: number) => (await store.query(`MATCH (x:${label}) RETURN x.id AS id ORDER BY x.id LIMIT ${n}`, {}, { readOnly: true })).rows.map((r) => String(r.id));
// The people and conferences cycled through: many (most requests a node not read yet) or a few (an analyst team on one case).
const people = await ids('Person', Number(values.people));
const conferences = await ids('Conference', Math.min(200, Number(values.people)));
const names = (await store.query('MATCH (p:Person) RETURN p.plainName AS n LIMIT 200', {}, { readOnly: true })).rows.map((r) => String(r.n ?? 'nguyen').split(' ').slice(-2).join(' '));
const reports = Number((await store.query('MATCH (a:Article) RETURN count(a) AS n', {}, { readOnly: true })).rows[0]?.n ?? 0);
await store.close();

// The server as users start it: `npm start` on the loaded folder (every report found unchanged) or,
// on a store loaded before, an empty one; port 0 asks for a free port, read from its start line.
const dataDir = join(work, generated ? 'articles' : 'none');
await mkdir(dataDir, { recursive: true });
const server = spawn('npx', ['tsx', 'ingest/start.ts'], {
  env: { ...process.env, KUZU_PATH: storePath, NEO4J_URI: '', DATA_DIR: dataDir, PORT: '0' },
  stdio: ['ignore', 'pipe', 'inherit'],
  detached: true,
});
const base = await new Promise<string>((resolve, reject) => {
  const lines = createInterface({ input: server.stdout! });
  lines.on('line', (line) => {
    const m = /viewer and API on (http:\/\/\S+)/.exec(line);
    if (m) resolve(m[1]!.replace(/\/$/, ''));
  });
  server.once('exit', (code) => reject(new Error(`npm start ended (exit ${code}) before serving`)));
});
console.error(`npm start serves ${base} (pid ${server.pid})`);

/** Endpoints, each a path maker cycling through real ids. */
const endpoints: [string, (i: number) => string][] = [
  ['GET /api/nodes/:id (person)', (i) => `/api/nodes/${people[i % people.length]}`],
  ['GET /api/nodes/:id (conference)', (i) => `/api/nodes/${conferences[i % conferences.length]}`],
  ['GET /api/nodes/:id/neighbours', (i) => `/api/nodes/${people[i % people.length]}/neighbours?limit=200`],
  ['GET /api/search', (i) => `/api/search?q=${encodeURIComponent(names[i % names.length]!)}`],
  ['GET /api/stats', () => '/api/stats'],
];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

console.error(`read cache: ${process.env.VIEWER_CACHE_MS ?? '30000 (default)'} ms (VIEWER_CACHE_MS)`);
console.error(`store ${storePath}: ${reports} reports, ${stats.totalNodes} nodes, ${stats.totalEdges} edges; ${connections} clients, ${seconds} s per endpoint; ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)} before`);
const results: { name: string; requests: number; errors: number; p50: number; p95: number; p99: number }[] = [];
try {
  // One request each first: the search index is built on first use, and would otherwise time the build.
  for (const [, path] of endpoints) await fetch(base + path(0));
  for (const [name, path] of endpoints) {
    let i = 0;
    const times: number[] = [];
    let errors = 0;
    // Called without a callback it is both the running instance (events) and a promise of the result.
    const instance = autocannon({
      url: base,
      connections,
      duration: seconds,
      requests: [{ setupRequest: (req) => ({ ...req, path: path(i++) }) }],
    }) as unknown as autocannon.Instance & Promise<autocannon.Result>;
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      times.push(ms);
      if (status >= 400) errors++;
    });
    await instance;
    times.sort((a, b) => a - b);
    results.push({ name, requests: times.length, errors, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) });
    console.error(`${name}: ${times.length} requests, p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms`);
  }
} finally {
  // npm start closes the server and the store on SIGTERM; its process group, so npx's child goes too.
  const ended = once(server, 'exit');
  process.kill(-server.pid!, 'SIGTERM');
  await ended;
  if (!values.keep && !values.store) await rm(work, { recursive: true, force: true });
  else console.error(`store kept at ${storePath} (reuse with --store)`);
}

console.log(`store: ${reports} reports, ${stats.totalNodes} nodes; read cache ${process.env.VIEWER_CACHE_MS ?? '30000'} ms; ${people.length} people and ${conferences.length} conferences cycled; ${connections} clients, ${seconds} s per endpoint; load average after: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`);
for (const r of results) console.log(`${r.name}: ${r.requests} requests (${(r.requests / seconds).toFixed(0)}/s), ${r.errors} errors, p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms`);
for (const r of results) console.log(`p95 ${r.name}: ${r.p95.toFixed(0)} ms`);
