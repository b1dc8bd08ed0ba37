import { toneKey } from '../ingest/normalize.js';
import { provinceGroup } from './gazetteer.js';
import { mentionId } from './ids.js';
import { addJudgement, judgementsPath, loadJudgements, type Judgement, type MentionRef } from './judgements.js';
import { MentionData, type MentionRecord } from './mention-record.js';
import { openStore } from './open-store.js';
import { resolvePending } from './resolution-run.js';
import { explainPair } from './resolve.js';
import type { GraphStore } from './store.js';

/**
 * `npm run people -- merge A B` / `split A B` / `why A B` / `list`: analysts' identity decisions.
 * A and B are person ids (`per_…`, from `npm run query -- people --name …`) or mentions written
 * `<article file or id>:<name as the report writes it>`. merge/split record a judgement in the
 * judgements file (JUDGEMENTS_FILE, default data/judgements.json) and resolve the names they touch
 * again at once; every later ingest applies them too.
 */

const USAGE = `usage:
  npm run people -- merge <A> <B> [--note text]   A and B are one person
  npm run people -- split <A> <B> [--note text]   A and B are never one person
  npm run people -- why <A> <B>                   the evidence resolution weighs between A and B
  npm run people -- list                          the recorded judgements
A, B: a person id (per_…) or <article file or id>:<name>, e.g. 101.txt:Nguyễn Văn An`;

const [cmd, ...rest] = process.argv.slice(2);
const noteAt = rest.indexOf('--note');
const note = noteAt >= 0 ? rest[noteAt + 1] : undefined;
const args = noteAt >= 0 ? rest.filter((_, i) => i !== noteAt && i !== noteAt + 1) : rest;
const file = judgementsPath();

function fail(msg: string, code = 2): never {
  console.error(msg);
  process.exit(code);
}

/** A person id or `article:name` → a mention ref, with the mentions it stands for. */
async function refOf(store: GraphStore, s: string): Promise<{ ref: MentionRef; mentions: MentionRecord[]; label: string }> {
  if (/^per_[0-9a-f]{16}$/.test(s)) {
    const res = await store.query(
      'MATCH (m:Mention)-[:REFERS_TO]->(p:Person {id: $id}) OPTIONAL MATCH (a:Article) WHERE a.id = m.article RETURN m.id AS id, m.nameKey AS k, m.data AS d, m.name AS name, a.file AS file, p.name AS person ORDER BY id',
      { id: s },
      { readOnly: true },
    );
    if (res.rows.length === 0) fail(`no person ${s} in the store (find ids with: npm run query -- people --name …)`);
    const first = res.rows[0]!;
    return { ref: { article: String(first.file ?? ''), name: String(first.name) }, mentions: res.rows.map(record), label: `${String(first.person)} (${s})` };
  }
  const at = s.lastIndexOf(':');
  if (at <= 0 || at === s.length - 1) fail(`'${s}': expected a person id (per_…) or <article>:<name>`);
  const ref = { article: s.slice(0, at), name: s.slice(at + 1) };
  const arts = ref.article.startsWith('art_')
    ? [ref.article]
    : (await store.query('MATCH (a:Article) WHERE a.file = $f RETURN a.id AS id', { f: ref.article }, { readOnly: true })).rows.map((r) => String(r.id));
  if (arts.length === 0) fail(`no article '${ref.article}' in the store`);
  const ids = arts.map((a) => mentionId(a, toneKey(ref.name)));
  const res = await store.query('UNWIND $ids AS i MATCH (m:Mention {id: i}) RETURN m.id AS id, m.nameKey AS k, m.data AS d', { ids }, { readOnly: true });
  if (res.rows.length === 0) fail(`'${ref.name}' is not named in ${ref.article}`);
  return { ref, mentions: res.rows.map(record), label: `${ref.name} in ${ref.article}` };
}

function record(r: Record<string, unknown>): MentionRecord {
  return { id: String(r.id), nameKey: String(r.k), data: MentionData.parse(JSON.parse(String(r.d))) };
}

async function personOf(store: GraphStore, mention: string): Promise<string | null> {
  const res = await store.query('MATCH (m:Mention {id: $id})-[:REFERS_TO]->(p:Person) RETURN p.id AS id', { id: mention }, { readOnly: true });
  return res.rows[0] ? String(res.rows[0].id) : null;
}

if (!cmd || cmd === 'help' || cmd === '--help') fail(USAGE, cmd ? 0 : 2);

if (cmd === 'list') {
  const all = loadJudgements(file);
  if (all.length === 0) console.log(`no judgements in ${file}`);
  for (const j of all) console.log(`${j.kind.padEnd(9)} ${j.a.article}:${j.a.name}  ~  ${j.b.article}:${j.b.name}${j.note ? `  (${j.note})` : ''}`);
  process.exit(0);
}
if (!['merge', 'split', 'why'].includes(cmd)) fail(`unknown command '${cmd}'\n${USAGE}`);
if (args.length !== 2) fail(`${cmd} takes two people\n${USAGE}`);

let judgements: Judgement[];
try {
  judgements = loadJudgements(file);
} catch (e) {
  fail(`error: ${(e as Error).message}`);
}
const store = await openStore({ readOnly: cmd === 'why' }).catch((e: Error) => fail(`error: ${e.message}`, 1));
try {
  const a = await refOf(store, args[0]!);
  const b = await refOf(store, args[1]!);
  if (args[0] === args[1]) fail('A and B are the same; name two of its mentions as <article>:<name> to split a person');
  if (cmd === 'why') {
    const pa = await personOf(store, a.mentions[0]!.id);
    const pb = await personOf(store, b.mentions[0]!.id);
    const ev = explainPair(a.mentions, b.mentions, provinceGroup);
    console.log(`${a.label}: person ${pa}\n${b.label}: person ${pb}`);
    console.log(pa && pa === pb ? 'resolution made them one person.' : 'resolution keeps them apart.');
    if (ev.veto) console.log(`evidence against: ${ev.veto}`);
    else console.log(`evidence: score ${ev.score} (joins at 3): ${ev.reasons.join('; ') || 'nothing in common but the name'}`);
    const judged = judgements.filter((j) => [j.a, j.b].some((r) => r.article === a.ref.article && toneKey(r.name) === toneKey(a.ref.name)));
    for (const j of judged) console.log(`judgement: ${j.kind} ${j.a.article}:${j.a.name} ~ ${j.b.article}:${j.b.name}`);
  } else {
    const j: Judgement = { kind: cmd === 'merge' ? 'same' : 'different', a: a.ref, b: b.ref, at: new Date().toISOString(), ...(note ? { note } : {}) };
    const { added, all } = addJudgement(file, j);
    console.log(added ? `recorded in ${file}: ${j.kind} ${a.label} ~ ${b.label}` : `already recorded in ${file}`);
    const summary = await resolvePending(store, { judgements: all });
    console.log(`resolved again: ${summary.blocks} name blocks, ${summary.persons} persons`);
    const pa = await personOf(store, a.mentions[0]!.id);
    const pb = await personOf(store, b.mentions[0]!.id);
    console.log(pa === pb ? `now one person: ${pa}` : `now two persons: ${pa} and ${pb}`);
  }
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await store.close();
}
