import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWorld, corpusReport, generateReport, peopleLines, reportPath, truthLine, writeCorpus } from '../../scripts/generate-corpus.js';
import { MERGER_DAY, dayOf, spellOn } from '../../scripts/corpus/world.js';
import { PROVINCES_AFTER_2025, PROVINCES_BEFORE_2025 } from '../../ingest/gazetteer.js';
import { SURNAME_SET } from '../../ingest/lexicon.js';
import { extractArticle } from '../../ingest/extract.js';
import { analyzeLayout } from '../../ingest/boilerplate.js';

const world = buildWorld(1);
const reports = Array.from({ length: 400 }, (_, i) => generateReport(world, i));
const tmp = mkdtempSync(join(tmpdir(), 'gen-corpus-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the generated world', () => {
  it('never gives one person two posts at once, nor one post two holders', () => {
    const overlaps: string[] = [];
    const check = (spells: { from: number; to: number | null }[], what: string) => {
      const s = [...spells].sort((a, b) => a.from - b.from);
      for (let i = 1; i < s.length; i++) if ((s[i - 1]!.to ?? Infinity) > s[i]!.from) overlaps.push(what);
    };
    for (const p of world.people) check(p.spells, `person p${p.id}`);
    for (const p of world.posts) check(p.spells, `post ${p.id}`);
    expect(overlaps).toEqual([]);
    // Every spell lasts at least a day (a post taken and left the same day would be in no report).
    const empty = world.people.flatMap((p) => p.spells).filter((s) => s.to !== null && s.to <= s.from);
    expect(empty).toEqual([]);
  });

  it('has careers that climb ladders and cross provinces', () => {
    const climbed = world.people.filter((p) => p.spells.length >= 3 && p.spells.at(-1)!.post.kind.rank > p.spells[0]!.post.kind.rank);
    const rotated = world.people.filter((p) => new Set(p.spells.map((s) => s.post.unit.name).filter(Boolean)).size >= 2);
    const toCentre = world.people.filter((p) => p.spells.some((s) => s.post.unit === world.centre) && p.spells.some((s) => s.post.unit !== world.centre));
    expect(climbed.length).toBeGreaterThan(500);
    expect(rotated.length).toBeGreaterThan(300);
    expect(toCentre.length).toBeGreaterThan(10);
  });

  it('moves the merged provinces’ officials into the 34 provinces on 1 July 2025', () => {
    const before = new Set(world.unitsAt(MERGER_DAY - 1).map((u) => u.name));
    const after = new Set(world.unitsAt(MERGER_DAY).map((u) => u.nameAfter));
    expect(before.size).toBe(63);
    expect([...before].sort()).toEqual([...PROVINCES_BEFORE_2025].sort());
    expect([...after].sort()).toEqual([...PROVINCES_AFTER_2025].sort());
    // Someone who held a post in Bình Thuận (merged into Lâm Đồng) holds one in Lâm Đồng afterwards.
    const moved = world.people.filter((p) => {
      const a = spellOn(p, MERGER_DAY - 1);
      const b = spellOn(p, MERGER_DAY);
      return a?.post.unit.name === 'Bình Thuận' && b?.post.unit.nameAfter === 'Lâm Đồng';
    });
    expect(moved.length).toBeGreaterThan(5);
  });

  it('has namesakes: one name, different people in different provinces in the same years', () => {
    const day = dayOf(2020, 1, 1);
    const byName = new Map<string, Set<string>>();
    for (const p of world.people) {
      const s = spellOn(p, day);
      if (!s || s.post.unit === world.centre) continue;
      byName.set(p.name, (byName.get(p.name) ?? new Set()).add(s.post.unit.name));
    }
    expect([...byName.values()].filter((units) => units.size >= 2).length).toBeGreaterThan(30);
  });

  it('builds the same world for a seed, another for another seed', () => {
    expect(peopleLines(buildWorld(1)).slice(0, 50)).toEqual(peopleLines(world).slice(0, 50));
    expect(buildWorld(2).people[0]!.name + buildWorld(2).people[1]!.name).not.toBe(world.people[0]!.name + world.people[1]!.name);
  });
});

describe('generated reports', () => {
  it('depend only on (seed, index)', () => {
    expect(corpusReport(123).text).toBe(reports[123]!.text);
    expect(generateReport(buildWorld(1), 399)).toEqual(reports[399]);
    expect(corpusReport(5, 7).text).not.toBe(reports[5]!.text);
  });

  it('come in four genres', () => {
    const n = (g: string) => reports.filter((r) => r.genre === g).length;
    expect(n('conference')).toBeGreaterThan(120);
    expect(n('personnel')).toBeGreaterThan(70);
    expect(n('council')).toBeGreaterThan(25);
    expect(n('congress')).toBeGreaterThan(15);
    expect(reports.some((r) => r.genre === 'council' && /miễn nhiệm/.test(r.text) && /bầu (ông|bà) .+, giữ chức/.test(r.text))).toBe(true);
    expect(reports.some((r) => r.genre === 'personnel' && /(chuẩn y|điều động, phân công|bổ nhiệm)/.test(r.text))).toBe(true);
    expect(reports.some((r) => r.genre === 'congress' && /Bí thư (Tỉnh|Thành) ủy/.test(r.text))).toBe(true);
  });

  it('are 3–6 KB, most of them', () => {
    const sizes = reports.map((r) => Buffer.byteLength(r.text));
    const inRange = sizes.filter((b) => b >= 2800 && b <= 6500).length;
    expect(inRange / sizes.length).toBeGreaterThan(0.9);
  });

  it('carry page furniture that the layout stage drops', () => {
    const r = reports[0]!;
    const layout = analyzeLayout(r.text);
    expect(layout.publicationLine?.text).toMatch(/\d{2}\/\d{2}\/20\d\d/);
    expect(layout.publisher).toBeTruthy();
    expect(layout.dropped.some((d) => d.why === 'related')).toBe(true);
    const withCaption = reports.filter((x) => /^(Ảnh: )?Đồng chí .+ (phát biểu|trao đổi)/m.test(x.text)).length;
    expect(withCaption).toBeGreaterThan(50);
  });

  it('name a post in the merged province from 1 July 2025, in the old one before', () => {
    const after = new Set(PROVINCES_AFTER_2025);
    const before = new Set(PROVINCES_BEFORE_2025);
    const late = reports.filter((r) => r.date >= '2025-07-01');
    const early = reports.filter((r) => r.date < '2025-07-01');
    expect(late.length).toBeGreaterThan(10);
    for (const r of late) expect(after.has(r.province), `${r.index}: ${r.province}`).toBe(true);
    for (const r of early) expect(before.has(r.province), `${r.index}: ${r.province}`).toBe(true);
    // Posts in the truth file name their province as it was on the report's day.
    const provinceIn = (post: string) => /(?:Tỉnh ủy|Thành ủy|tỉnh|thành phố) (\p{Lu}[\p{L} -]*)$/u.exec(post)?.[1]?.replace(/^Thành phố /, '');
    for (const r of reports) {
      for (const p of r.persons) {
        const prov = p.post ? provinceIn(p.post) : undefined;
        if (!prov || !(before.has(prov) || after.has(prov))) continue;
        expect(r.date >= '2025-07-01' ? after.has(prov) : before.has(prov), `${r.index} ${r.date}: ${p.post}`).toBe(true);
      }
    }
  });

  it('record in the truth every person named in the text, officials with a stable id', () => {
    const nameOf = new Map<string, string>();
    for (const r of reports) {
      for (const p of r.persons) {
        expect(r.text).toContain(p.name);
        if (p.id.startsWith('p')) {
          expect(nameOf.get(p.id) ?? p.name).toBe(p.name);
          nameOf.set(p.id, p.name);
        } else expect(p.id).toMatch(new RegExp(`^x${r.index}\\.\\d+$`));
        expect(SURNAME_SET.has(p.name.split(' ')[0]!)).toBe(true);
      }
    }
    // Officials recur across reports.
    const seen = new Map<string, number>();
    for (const r of reports) for (const p of r.persons) seen.set(p.id, (seen.get(p.id) ?? 0) + 1);
    expect([...seen.values()].filter((n) => n >= 3).length).toBeGreaterThan(20);
  });

  it('are read by the extractor: nearly everyone who chairs, attends, directs, speaks or reports is found', () => {
    // Elections, dismissals and 'trong đó có …' award lists are left as harder cases; these roles are the extractor's core.
    const ROLES = new Set(['chaired', 'attended', 'directed', 'spoke', 'reported']);
    let truth = 0;
    let found = 0;
    for (const r of reports.slice(0, 80)) {
      const names = new Set(extractArticle(reportPath(r.index), r.text).people.map((p) => p.name));
      for (const p of r.persons) {
        if (p.where !== 'body' || !p.roles.some((x) => ROLES.has(x))) continue;
        truth++;
        if (names.has(p.name)) found++;
      }
    }
    expect(truth).toBeGreaterThan(150);
    expect(found / truth).toBeGreaterThan(0.9);
  });
});

describe('writeCorpus', () => {
  it('writes folders of at most 1,000 reports, truth.jsonl and people.jsonl; a smaller corpus is a prefix of a larger one', async () => {
    const big = join(tmp, 'big');
    const small = join(tmp, 'small');
    const r1 = await writeCorpus(big, 1003, { writers: 2 });
    await writeCorpus(small, 40, { writers: 0 });
    expect(r1.reports).toBe(1003);
    expect(readdirSync(big).sort()).toEqual(['0000', '0001', 'corpus.json', 'people.jsonl', 'truth.jsonl']);
    expect(readdirSync(join(big, '0000')).length).toBe(1000);
    expect(readdirSync(join(big, '0001'))).toEqual(['0001000.txt', '0001001.txt', '0001002.txt']);
    for (const i of [0, 17, 39]) expect(readFileSync(join(small, reportPath(i)), 'utf8')).toBe(readFileSync(join(big, reportPath(i)), 'utf8'));
    const truthBig = readFileSync(join(big, 'truth.jsonl'), 'utf8').trim().split('\n');
    const truthSmall = readFileSync(join(small, 'truth.jsonl'), 'utf8').trim().split('\n');
    expect(truthBig).toHaveLength(1003);
    expect(truthBig.slice(0, 40)).toEqual(truthSmall);
    expect(JSON.parse(truthSmall[3]!)).toMatchObject({ file: '0000/0000003.txt', index: 3 });
    expect(truthSmall[3]).toBe(truthLine(reports[3]!));
    const person = JSON.parse(readFileSync(join(big, 'people.jsonl'), 'utf8').split('\n')[0]!);
    expect(person).toMatchObject({ id: 'p0', name: world.people[0]!.name });
    expect(person.spells[0]).toHaveProperty('post');
  });

  it('rewrites a generated corpus to the new size, and refuses a folder it did not generate', async () => {
    const dir = join(tmp, 'shrink');
    await writeCorpus(dir, 1002, { writers: 1 });
    await writeCorpus(dir, 5);
    expect(readdirSync(dir).sort()).toEqual(['0000', 'corpus.json', 'people.jsonl', 'truth.jsonl']);
    expect(readdirSync(join(dir, '0000'))).toHaveLength(5);
    const other = join(tmp, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'notes.txt'), 'mine');
    await expect(writeCorpus(other, 3)).rejects.toThrow(/not empty and not a generated corpus/);
  });
});

describe('npm run generate', () => {
  const run = promisify(execFile);
  const cli = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'scripts/generate-corpus.ts', ...args], { cwd: join(import.meta.dirname, '../..'), timeout: 60_000 }).catch(
      (e: { stdout: string; stderr: string; code: number }) => e,
    );

  it('writes the corpus it is asked for and says so', async () => {
    const out = join(tmp, 'cli');
    const r = await cli('--reports', '12', '--out', out, '--seed', '3', '--quiet');
    expect(r.stdout).toMatch(/generated 12 reports \(seed 3\)/);
    expect(readdirSync(join(out, '0000'))).toHaveLength(12);
    expect(readFileSync(join(out, reportPath(4)), 'utf8')).toBe(corpusReport(4, 3).text);
  });

  it('refuses missing or bad arguments with one line', async () => {
    const a = await cli('--out', join(tmp, 'x'));
    expect((a as { stderr: string }).stderr).toMatch(/^error: --reports N is required/);
    const b = await cli('--reports', '5', '--out', join(tmp, 'y'), '--seed', 'abc');
    expect((b as { stderr: string }).stderr).toMatch(/^error: --seed must be a whole number/);
    expect((b as { code: number }).code).toBe(1);
  });
});
