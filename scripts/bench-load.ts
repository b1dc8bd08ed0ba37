/**
 * `npm run bench:load`: load ≥100,000 generated facts (node and edge rows) into a fresh embedded
 * Kùzu and into Neo4j (NEO4J_URI, or the running test server: `scripts/neo4j/server.sh status`), then load the same
 * set again and report the new nodes (must be 0). The last two lines are the rates:
 *   neo4j rows/s: N
 *   embedded rows/s: M
 * A benchmark, not a timed test. `--articles N` sets the size (default 2,400 reports).
 */
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Extraction } from '../ingest/extraction-schema.js';
import { buildGraph } from '../graph/build.js';
import { provinceGazetteer } from '../graph/gazetteer.js';
import { KuzuStore } from '../graph/kuzu-store.js';
import { Neo4jStore, neo4jConfigFromEnv, type Neo4jConfig } from '../graph/neo4j-store.js';
import { NODE_LABELS, batchSize, type GraphBatch } from '../graph/schema.js';
import type { GraphStore } from '../graph/store.js';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '2400' } } });
const ARTICLES = Number(values.articles);
// A salt per run keeps this run's ids apart from anything already in a shared Neo4j.
const SALT = randomBytes(4).toString('hex');

const PROVINCES = ['Lâm Đồng', 'Quảng Ninh', 'Nghệ An', 'Đắk Lắk', 'Thanh Hóa', 'Cần Thơ', 'Gia Lai', 'Hà Tĩnh', 'Bình Thuận', 'Sơn La'];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Ngọc'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hòa', 'Khải', 'Lan', 'Mai', 'Nam', 'Phúc', 'Quang', 'Sơn', 'Tâm', 'Thủy', 'Vinh', 'Yến'];
const BODIES: [string, Extraction['conference']['organizerOrgs'][number]['kind'], string[]][] = [
  ['Tỉnh ủy', 'party_committee', ['Bí thư', 'Phó Bí thư', 'Ủy viên Ban Thường vụ']],
  ['Ủy ban nhân dân tỉnh', 'peoples_committee', ['Chủ tịch', 'Phó Chủ tịch']],
  ['Hội đồng nhân dân tỉnh', 'peoples_council', ['Chủ tịch', 'Phó Chủ tịch']],
  ['Ban Dân vận Tỉnh ủy', 'party_board', ['Trưởng ban', 'Phó Trưởng ban']],
  ['Ủy ban MTTQ Việt Nam tỉnh', 'front', ['Chủ tịch', 'Phó Chủ tịch']],
  ['Sở Nội vụ tỉnh', 'department', ['Giám đốc', 'Phó Giám đốc']],
];
const ROLES = ['chaired', 'attended', 'attended', 'attended', 'spoke', 'reported', 'directed'] as const;

/** A deterministic pseudo-random stream, so every run generates the same reports. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function generate(n: number, salt = SALT, seed = 42): Extraction[] {
  const SALT = salt;
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const out: Extraction[] = [];
  for (let i = 0; i < n; i++) {
    const province = PROVINCES[i % PROVINCES.length]!;
    const loc = { name: province, level: 'province' as const, parent: null };
    const [bodyWord, kind] = pick(BODIES);
    const organizer = { name: `${bodyWord} ${province} ${SALT}`, kind, locality: loc };
    const day = new Date(Date.UTC(2019, 0, 1) + i * 86_400_000 * 0.7).toISOString().slice(0, 10);
    const people: Extraction['people'] = [];
    const seen = new Set<string>();
    const awards: Extraction['awards'] = [];
    for (let k = 0; k < 12; k++) {
      // A pool of ~300 names per province: people recur across reports, as in the real corpus.
      const name = `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)} ${SALT}`;
      if (seen.has(name)) continue;
      seen.add(name);
      const posts = Array.from({ length: 1 + Math.floor(r() * 2) }, () => {
        const [bw, bk, titles] = pick(BODIES);
        const title = pick(titles);
        return { text: `${title} ${bw} ${province}`, title, org: { name: `${bw} ${province} ${SALT}`, kind: bk, locality: loc } };
      });
      people.push({ name, aliases: [], positions: posts.map((p) => p.text), posts, roles: [k === 0 ? 'chaired' : pick(ROLES)], locality: null });
      if (r() < 0.15) awards.push({ recipient: name, award: 'Bằng khen của Chủ tịch UBND tỉnh', giver: `Ủy ban nhân dân tỉnh ${province}`, recipientLocality: null });
    }
    const text = `bench ${SALT} ${i}`;
    out.push({
      article: `bench_${i}.txt`,
      contentHash: createHash('sha256').update(text).digest('hex'),
      headline: `Hội nghị số ${i}`,
      publisher: `Báo ${province}`,
      eventDate: day,
      publishedDate: day,
      province,
      conference: { title: `Hội nghị số ${i} của ${organizer.name}`, organizers: [organizer.name], organizerOrgs: [organizer], locality: province, place: loc, online: r() < 0.2, bridgePoints: [] },
      people,
      awards,
      evidence: people.map((p, j) => ({ kind: 'role' as const, person: p.name, value: p.roles[0]!, sentence: `Đồng chí ${p.name} ${p.roles[0]} hội nghị.`, start: j * 100, end: j * 100 + 60 })),
    });
  }
  return out;
}

interface Measure {
  rowsPerSecond: number;
  reloadNewNodes: number;
  reloadNewEdges: number;
}

async function measure(store: GraphStore, batch: GraphBatch, label: string): Promise<Measure> {
  const rows = batchSize(batch);
  const total = rows.nodes + rows.edges;
  const t0 = performance.now();
  const first = await store.writeBatch(batch);
  const secs = (performance.now() - t0) / 1000;
  console.log(`${label}: loaded ${total} rows (${first.nodesCreated} nodes, ${first.edgesCreated} edges created) in ${secs.toFixed(2)} s`);
  const t1 = performance.now();
  const again = await store.writeBatch(batch);
  console.log(`${label}: re-load of the same set: ${again.nodesCreated} new nodes, ${again.edgesCreated} new edges (${((performance.now() - t1) / 1000).toFixed(2)} s)`);
  return { rowsPerSecond: Math.round(total / secs), reloadNewNodes: again.nodesCreated, reloadNewEdges: again.edgesCreated };
}

/** The batch's node ids that the store already holds. */
async function idsPresent(store: GraphStore, batch: GraphBatch): Promise<Set<string>> {
  const present = new Set<string>();
  for (const l of NODE_LABELS) {
    const res = await store.query(`UNWIND $ids AS id MATCH (n:${l} {id: id}) RETURN n.id AS id`, { ids: batch.nodes[l].map((n) => n.id) }, { readOnly: true });
    for (const r of res.rows) present.add(String(r.id));
  }
  return present;
}

/** Deletes the batch's nodes except those that were there before it. */
async function removeAllBut(store: GraphStore, batch: GraphBatch, keep: Set<string>): Promise<void> {
  for (const l of NODE_LABELS) {
    const ids = batch.nodes[l].map((n) => n.id).filter((id) => !keep.has(id));
    for (let i = 0; i < ids.length; i += 10_000) {
      await store.query(`UNWIND $ids AS id MATCH (n:${l} {id: id}) DETACH DELETE n`, { ids: ids.slice(i, i + 10_000) });
    }
  }
}

function neo4jTarget(): Neo4jConfig | { skip: string } {
  const env = neo4jConfigFromEnv();
  if (env) return env;
  // Only the test server that server.sh started and still runs, not whatever answers on a recorded port.
  try {
    const out = execFileSync('bash', [join(import.meta.dirname, 'neo4j', 'server.sh'), 'status'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 });
    const uri = out.split('\n').find((l) => l.startsWith('bolt://'));
    if (uri) return { uri: uri.trim() };
  } catch {
    // not running
  }
  return { skip: 'no NEO4J_URI and no running test server; start one with `npm run neo4j:start`' };
}

async function main(): Promise<void> {
  const t = performance.now();
  const batch = buildGraph(generate(ARTICLES), { gazetteer: provinceGazetteer });
  const size = batchSize(batch);
  console.log(`generated ${ARTICLES} reports → ${size.nodes} node rows + ${size.edges} edge rows = ${size.nodes + size.edges} facts (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  if (size.nodes + size.edges < 100_000) console.log('warning: fewer than 100,000 facts; raise --articles');

  // Embedded: a fresh Kùzu in a temp dir.
  const dir = mkdtempSync(join(tmpdir(), 'bench-kuzu-'));
  let embedded: Measure;
  const kuzu = new KuzuStore({ path: join(dir, 'kuzu') });
  try {
    await kuzu.init();
    embedded = await measure(kuzu, batch, 'embedded (kuzu)');
  } finally {
    await kuzu.close();
    rmSync(dir, { recursive: true, force: true });
  }

  // Neo4j: this run's nodes are salted apart from what is there, and removed afterwards.
  const target = neo4jTarget();
  let neo: Measure | { skip: string };
  if ('skip' in target) neo = target;
  else {
    const store = new Neo4jStore(target);
    try {
      await store.init();
      // Warm-up, not counted: a load of other names (then removed), so the figure is the server's
      // steady rate and not its JIT compiling the MERGE plans on first use.
      const warm = buildGraph(generate(600, `${SALT}w`, 7), { gazetteer: provinceGazetteer });
      const warmBefore = await idsPresent(store, warm);
      await store.writeBatch(warm);
      await removeAllBut(store, warm, warmBefore);
      // Nodes that were there before (provinces, the country) stay; only this run's are removed.
      const before = await idsPresent(store, batch);
      neo = await measure(store, batch, `neo4j (${store.location})`);
      await removeAllBut(store, batch, before);
    } catch (e) {
      neo = { skip: `failed: ${(e as Error).message}` };
    } finally {
      await store.close();
    }
  }

  if ('skip' in neo) console.log(`neo4j was not measured: ${neo.skip}`);
  console.log(`re-load new nodes: embedded ${embedded.reloadNewNodes}${'skip' in neo ? '' : `, neo4j ${neo.reloadNewNodes}`}`);
  console.log(`neo4j rows/s: ${'skip' in neo ? 'not measured' : neo.rowsPerSecond}`);
  console.log(`embedded rows/s: ${embedded.rowsPerSecond}`);
  if (embedded.reloadNewNodes !== 0 || (!('skip' in neo) && neo.reloadNewNodes !== 0)) process.exitCode = 1;
}

await main();
