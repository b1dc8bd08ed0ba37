import { describe, expect, it } from 'vitest';
import { buildGraph, checkExtraction } from '../../graph/build.js';
import { provinceGazetteer } from '../../graph/gazetteer.js';
import { toneKey as fold } from '../../ingest/normalize.js';
import { validateBatch } from '../../graph/schema.js';
import { parseEvidencePointer } from '../../graph/ids.js';
import { fixture, loadFixtures } from './fixtures.js';

const people = (b: ReturnType<typeof buildGraph>, name: string) => b.nodes.Person.filter((p) => fold(p.name) === fold(name));

describe('buildGraph', () => {
  const all = loadFixtures();
  const batch = buildGraph(all, { gazetteer: provinceGazetteer });

  it('produces rows that satisfy the model', () => {
    expect(validateBatch(batch)).toEqual([]);
  });

  it('is deterministic', () => {
    expect(buildGraph(loadFixtures(), { gazetteer: provinceGazetteer })).toEqual(batch);
  });

  it('makes one person of the same name and compatible posts across reports (tone placement folded)', () => {
    const hoa = people(batch, 'Nguyễn Thị Hoà');
    expect(hoa).toHaveLength(1);
    expect(hoa[0]!.sources).toHaveLength(2);
    const held = batch.edges.HELD.filter((h) => h.source === hoa[0]!.id);
    expect(held).toHaveLength(2);
    expect(held.every((h) => h.firstSeen === '2023-12-22' && h.lastSeen === '2024-01-10' && h.sources.length === 2)).toBe(true);
  });

  it('makes a namesake in another province another person', () => {
    const khai = people(batch, 'Trần Văn Khải');
    expect(khai.map((p) => p.scope).sort()).toEqual(['lâm đồng', 'quảng ninh']);
  });

  it('scopes a holder of national posts nationally', () => {
    expect(people(batch, 'Lê Quang Minh')[0]!.scope).toBe('national');
  });

  it('keeps the post apart from its holding, and the body apart from the post', () => {
    const chair = batch.nodes.Position.find((p) => p.title === 'Chủ tịch')!;
    expect(chair.body).toBe('Ủy ban nhân dân tỉnh Lâm Đồng');
    const of = batch.edges.OF.find((e) => e.source === chair.id)!;
    expect(batch.nodes.Organization.find((o) => o.id === of.target)!.kind).toBe('peoples_committee');
  });

  it("attaches evidence to the facts: pointers into the article's sentences, each sentence stored once", () => {
    const hoa = people(batch, 'Nguyễn Thị Hoà')[0]!;
    const chaired = batch.edges.CHAIRED.find((e) => e.source === hoa.id)!;
    expect(chaired.evidence).toHaveLength(1);
    const ptr = parseEvidencePointer(chaired.evidence[0]!)!;
    const article = batch.nodes.Article.find((a) => a.id === ptr.article)!;
    const s = JSON.parse(article.sentences[ptr.sentence]!) as { text: string; start: number; end: number };
    expect(s.text).toContain('chủ trì');
    expect(s.end).toBeGreaterThan(s.start);
    expect(new Set(article.sentences).size).toBe(article.sentences.length);
  });

  it('links places to their province and the country, and awards to recipients', () => {
    const dalat = batch.nodes.Locality.find((l) => l.name === 'Đà Lạt')!;
    expect(dalat.level).toBe('district');
    const up = batch.edges.LOCATED_IN.find((e) => e.source === dalat.id)!;
    expect(batch.nodes.Locality.find((l) => l.id === up.target)!.name).toBe('Lâm Đồng');
    expect(batch.edges.AWARDED.map((e) => e.from).sort()).toEqual(['Organization', 'Person']);
    expect(batch.edges.RECEIVED).toHaveLength(2);
  });

  it('maps a pre-2025 province onto the province it merged into', () => {
    const x = fixture('a');
    x.province = 'Đắk Nông';
    const b = buildGraph([x], { gazetteer: provinceGazetteer });
    const dn = b.nodes.Locality.find((l) => l.name === 'Đắk Nông')!;
    expect(dn.mergedInto).toBe('Lâm Đồng');
    const m = b.edges.MERGED_INTO.find((e) => e.source === dn.id)!;
    expect(b.nodes.Locality.find((l) => l.id === m.target)!.name).toBe('Lâm Đồng');
    expect(m.date).toBe('2025-07-01');
  });

  it('rejects an invalid extraction with the field and the reason', () => {
    const x = fixture('a') as unknown as Record<string, unknown>;
    x.contentHash = 'not-a-hash';
    (x.people as { name: string }[])[0]!.name = '';
    const r = checkExtraction(x);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const fields = r.issues.map((i) => i.field);
    expect(fields).toContain('contentHash');
    expect(fields).toContain('people.0.name');
    expect(r.issues.every((i) => i.reason.length > 0)).toBe(true);
  });

  it('makes one body of names that differ only in punctuation', () => {
    const x = fixture('a');
    const org = x.conference.organizerOrgs[0]!;
    const dotted = structuredClone(x);
    dotted.conference.organizerOrgs[0]!.name = `${org.name}.`;
    const b = buildGraph([x, dotted], { gazetteer: provinceGazetteer });
    expect(b.nodes.Organization.filter((o) => fold(o.name) === fold(org.name))).toHaveLength(1);
  });

  it("holds a conference in its place, else its named locality, else the report's province", () => {
    const heldIn = (x: ReturnType<typeof fixture>) => {
      const b = buildGraph([x], { gazetteer: provinceGazetteer });
      const e = b.edges.HELD_IN;
      expect(e).toHaveLength(1);
      return b.nodes.Locality.find((l) => l.id === e[0]!.target)!;
    };
    const place = fixture('a');
    place.conference.place = { name: 'xã Dân Chủ', level: 'commune', parent: 'Đà Lạt' };
    expect(heldIn(place)).toMatchObject({ name: 'xã Dân Chủ', level: 'commune', parent: 'Đà Lạt' });
    const named = fixture('a');
    named.conference.place = null;
    named.conference.locality = 'Bảo Lộc';
    expect(heldIn(named)).toMatchObject({ name: 'Bảo Lộc', level: 'district', parent: 'Lâm Đồng' });
    const otherProvince = fixture('a');
    otherProvince.conference.place = null;
    otherProvince.conference.locality = 'Quảng Ninh';
    expect(heldIn(otherProvince)).toMatchObject({ name: 'Quảng Ninh', level: 'province' });
    const none = fixture('a');
    none.conference.place = null;
    none.conference.locality = null;
    expect(heldIn(none)).toMatchObject({ name: 'Lâm Đồng', level: 'province' });
  });
});
