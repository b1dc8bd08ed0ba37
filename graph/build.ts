import { Extraction, type Evidence, type SourceSentence, type Locality as ExtLocality, type Organization as ExtOrganization } from '../ingest/extraction-schema.js';
import { fold as plainKey, toneKey } from '../ingest/normalize.js';
import { BatchBuilder } from './batch.js';
import {
  NATIONAL,
  UNKNOWN_SCOPE,
  articleId,
  awardId,
  clean,
  conferenceId,
  evidenceEntry,
  localityId,
  organizationId,
  personId,
  placeKey,
  positionId,
} from './ids.js';
import { EDGE_OF_ROLE, type GraphBatch } from './schema.js';

/**
 * Pure: extractions → one GraphBatch. No I/O; the same input always gives the same rows and ids.
 */

/**
 * The province gazetteer hook (the lead's ingest/gazetteer.ts plugs in here via graph/gazetteer.ts):
 * turns a province name into its canonical spelling and, for the 63 pre-2025 provinces, the
 * post-merger province it became part of. Without one, names are kept as written and no merger
 * edges are produced.
 */
export interface ProvinceGazetteer {
  /** Canonical name of a province ('tp hcm' → 'Thành phố Hồ Chí Minh'), or null when unknown. */
  canonical(name: string): string | null;
  /** The post-merger province this one became part of (null when unchanged or unknown). */
  mergedInto(name: string): string | null;
  /** Date the merger took effect (YYYY-MM-DD). */
  mergerDate: string;
}

export interface BuildOptions {
  gazetteer?: ProvinceGazetteer | null;
}

export const COUNTRY = 'Việt Nam';

// Bodies of the Party and State at national level; a name that also names a province, district
// or commune ('Đoàn ĐBQH tỉnh ...', 'Ủy ban MTTQ Việt Nam tỉnh ...') is local, whatever else it says.
const NATIONAL_BODY = /trung ương|bộ chính trị|ban bí thư|quốc hội|chính phủ|thủ tướng|chủ tịch nước|văn phòng nhà nước|việt nam|^bộ /u;
const LOCAL_WORD = /(^|\s)(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|tỉnh ủy|thành ủy|huyện ủy|quận ủy|thị ủy|đảng ủy)(\s|$)/u;
const COMMUNE_WORD = /^(xã|phường|thị trấn|đặc khu)\s/u;
// Award recipients that are collectives rather than people.
const COLLECTIVE = /^(tập thể|ban|hội|đoàn|ủy ban|ubnd|hđnd|mặt trận|ủy ban mặt trận|tỉnh ủy|thành ủy|huyện ủy|đảng ủy|chi bộ|chi hội|công ty|trường|phòng|sở|cục|liên đoàn|liên minh|hợp tác xã|htx|văn phòng|trung tâm|bệnh viện|công an|bộ chỉ huy|ban chỉ huy|xã|phường|thị trấn|huyện|thôn|bản|ấp|khu phố|tổ dân phố|gia đình)(\s|$)/u;

/** The field path and reason of each problem in an extraction that fails the contract. */
export interface ExtractionIssue {
  field: string;
  reason: string;
}

export function checkExtraction(x: unknown): { ok: true; value: Extraction } | { ok: false; issues: ExtractionIssue[] } {
  const r = Extraction.safeParse(x);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, issues: r.error.issues.map((i) => ({ field: i.path.join('.') || '(root)', reason: i.message })) };
}

export function formatIssues(issues: ExtractionIssue[]): string {
  return issues.map((i) => `${i.field}: ${i.reason}`).join('; ');
}

export function buildGraph(extractions: Extraction[], opts: BuildOptions = {}): GraphBatch {
  const bb = new BatchBuilder();
  for (const x of extractions) addExtraction(bb, x, opts.gazetteer ?? null);
  return bb.build();
}

function addExtraction(bb: BatchBuilder, x: Extraction, gz: ProvinceGazetteer | null): void {
  const art = articleId(x.contentHash);
  const reportDate = x.eventDate ?? x.publishedDate;
  const asOf = x.publishedDate ?? x.eventDate;
  const province = x.province ? (gz?.canonical(x.province) ?? x.province.trim()) : null;
  const reportScope = province ? placeKey(province) : UNKNOWN_SCOPE;
  const src = [art];

  bb.addNode('Article', {
    id: art,
    file: x.article,
    contentHash: x.contentHash,
    headline: x.headline,
    publisher: x.publisher,
    publishedDate: x.publishedDate,
    eventDate: x.eventDate,
    province,
  });

  // ---- places ----------------------------------------------------------------------------
  const country = bb.addNode('Locality', { id: localityId('country', COUNTRY, null), name: COUNTRY, level: 'country', parent: null, mergedInto: null });

  const addProvince = (name: string): string => {
    const canon = gz?.canonical(name) ?? name.trim();
    const merged = gz?.mergedInto(canon) ?? null;
    const id = bb.addNode('Locality', { id: localityId('province', canon, null), name: canon, level: 'province', parent: COUNTRY, mergedInto: merged });
    bb.addEdge('LOCATED_IN', { from: 'Locality', to: 'Locality', source: id, target: country });
    if (merged && placeKey(merged) !== placeKey(canon)) {
      const into = addProvince(merged);
      bb.addEdge('MERGED_INTO', { from: 'Locality', to: 'Locality', source: id, target: into, date: gz!.mergerDate });
    }
    return id;
  };

  /** A place of any level, with the chain up to its province (the report's province when the parent is unnamed). */
  const addPlace = (loc: ExtLocality): string => {
    if (loc.level === 'country') return country;
    if (loc.level === 'province') return addProvince(loc.name);
    const parentName = loc.parent ?? province;
    let parentId: string | null = null;
    if (parentName) {
      const parentIsProvince = loc.level === 'district' || !province || placeKey(parentName) === placeKey(province) || !!gz?.canonical(parentName);
      parentId = parentIsProvince ? addProvince(parentName) : addPlace({ name: parentName, level: 'district', parent: province });
    }
    const id = bb.addNode('Locality', { id: localityId(loc.level, loc.name, parentName), name: loc.name.trim(), level: loc.level, parent: parentName, mergedInto: null });
    if (parentId) bb.addEdge('LOCATED_IN', { from: 'Locality', to: 'Locality', source: id, target: parentId });
    return id;
  };

  /** The province key of a place (national for the country). */
  const scopeOfPlace = (loc: ExtLocality): string => {
    if (loc.level === 'country') return NATIONAL;
    if (loc.level === 'province') return placeKey(gz?.canonical(loc.name) ?? loc.name);
    if (loc.parent && (loc.level === 'district' || (gz?.canonical(loc.parent) ?? null))) return placeKey(gz?.canonical(loc.parent) ?? loc.parent);
    return reportScope;
  };

  /** A place named only by its name: the country, a province (the gazetteer's or the report's), a commune by its word, else a district of the report's province. */
  const placeOfName = (name: string): ExtLocality => {
    if (placeKey(name) === placeKey(COUNTRY)) return { name: COUNTRY, level: 'country', parent: null };
    if (gz?.canonical(name) || (province && placeKey(name) === placeKey(province))) return { name, level: 'province', parent: COUNTRY };
    if (COMMUNE_WORD.test(toneKey(name))) return { name, level: 'commune', parent: province };
    return { name, level: 'district', parent: province };
  };

  if (province) addProvince(province);

  // ---- bodies ----------------------------------------------------------------------------
  const scopeOfOrg = (o: ExtOrganization): string => {
    if (o.locality) return scopeOfPlace(o.locality);
    const f = toneKey(o.name);
    if (LOCAL_WORD.test(f)) return reportScope;
    if (NATIONAL_BODY.test(f)) return NATIONAL;
    return reportScope;
  };

  const addOrg = (o: ExtOrganization): string => {
    const scope = scopeOfOrg(o);
    const id = bb.addNode('Organization', { id: organizationId(o.name, scope), name: o.name.trim(), kind: o.kind, scope });
    if (o.locality) bb.addEdge('LOCATED_IN', { from: 'Organization', to: 'Locality', source: id, target: addPlace(o.locality) });
    else if (scope === NATIONAL) bb.addEdge('LOCATED_IN', { from: 'Organization', to: 'Locality', source: id, target: country });
    else if (province && scope === reportScope) bb.addEdge('LOCATED_IN', { from: 'Organization', to: 'Locality', source: id, target: addProvince(province) });
    return id;
  };

  // ---- the conference --------------------------------------------------------------------
  const c = x.conference;
  const organizerIds = c.organizerOrgs.map(addOrg);
  const conf = conferenceId({ date: x.eventDate, organizerIds, title: c.title, contentHash: x.contentHash, scope: reportScope });
  bb.addNode('Conference', {
    id: conf,
    title: c.title,
    date: x.eventDate,
    place: c.place?.name ?? c.locality,
    online: c.online,
    bridgePoints: dedupe(c.bridgePoints),
    organizers: dedupe(c.organizers),
    sources: src,
  });
  bb.addEdge('COVERS', { from: 'Article', to: 'Conference', source: art, target: conf });
  // Where it was held: the conference's place, else its named locality, else the report's province.
  const heldIn = c.place ? addPlace(c.place) : c.locality?.trim() ? addPlace(placeOfName(c.locality)) : province ? addProvince(province) : null;
  if (heldIn) bb.addEdge('HELD_IN', { from: 'Conference', to: 'Locality', source: conf, target: heldIn, sources: src });
  c.organizerOrgs.forEach((o, i) => {
    const ev = evidenceFor(x, 'organizer', null, o.name);
    bb.addEdge('ORGANIZED', { from: 'Organization', to: 'Conference', source: organizerIds[i]!, target: conf, sources: src, evidence: ev.map((e) => evidenceEntry({ article: art, sentence: e.text, start: e.start, end: e.end })) });
  });

  // ---- people, posts, roles ----------------------------------------------------------------
  const peopleByName = new Map<string, string>();
  for (const p of x.people) {
    const orgScopes = p.posts.flatMap((post) => (post.org ? [scopeOfOrg(post.org)] : []));
    const local = orgScopes.find((s) => s !== NATIONAL && s !== UNKNOWN_SCOPE);
    const scope = local ?? (orgScopes.includes(NATIONAL) ? NATIONAL : p.locality ? scopeOfPlace(p.locality) : reportScope);
    const pid = bb.addNode('Person', personRow(p.name, scope, dedupe(p.aliases), src, reportDate));
    peopleByName.set(toneKey(p.name), pid);
    for (const a of p.aliases) if (!peopleByName.has(toneKey(a))) peopleByName.set(toneKey(a), pid);

    const posts = p.posts.length > 0 ? p.posts : p.positions.map((t) => ({ text: t, title: t, org: null }));
    for (const post of posts) {
      const orgId = post.org ? addOrg(post.org) : null;
      const posId = bb.addNode('Position', { id: positionId(post.title, orgId, scope), title: post.title.trim(), body: post.org?.name.trim() ?? '', text: post.text.trim(), level: '', province: '' });
      if (orgId) bb.addEdge('OF', { from: 'Position', to: 'Organization', source: posId, target: orgId });
      const ev = evidenceFor(x, 'position', p.name, post.text);
      bb.addEdge('HELD', {
        from: 'Person',
        to: 'Position',
        source: pid,
        target: posId,
        asOf,
        firstSeen: reportDate,
        lastSeen: reportDate,
        startDate: null,
        startEvent: null,
        endDate: null,
        endEvent: null,
        endInferred: false,
        status: 'current',
        sources: src,
        evidence: ev.map((e) => evidenceEntry({ article: art, sentence: e.text, start: e.start, end: e.end })),
      });
    }

    for (const role of [...new Set(p.roles)]) {
      if (role === 'awarded') continue; // carried by x.awards below
      const ev = evidenceFor(x, 'role', p.name, role);
      bb.addEdge(EDGE_OF_ROLE[role], { from: 'Person', to: 'Conference', source: pid, target: conf, sources: src, evidence: ev.map((e) => evidenceEntry({ article: art, sentence: e.text, start: e.start, end: e.end })) });
    }
  }

  // ---- awards ----------------------------------------------------------------------------
  const awarded = new Set<string>();
  const addAward = (recipient: string, award: string, giver: string | null, recipientLocality: string | null): void => {
    const known = peopleByName.get(toneKey(recipient));
    let rid: string;
    let from: 'Person' | 'Organization';
    if (known) {
      rid = known;
      from = 'Person';
    } else if (COLLECTIVE.test(toneKey(recipient))) {
      const loc: ExtLocality | null = recipientLocality ? { name: recipientLocality, level: 'commune', parent: province } : null;
      rid = addOrg({ name: recipient, kind: 'other', locality: loc && placeKey(recipientLocality!) === reportScope ? null : loc });
      from = 'Organization';
    } else {
      rid = bb.addNode('Person', personRow(recipient, reportScope, [], src, reportDate));
      from = 'Person';
    }
    const awd = bb.addNode('Award', { id: awardId(award, giver, reportScope), name: award.trim() });
    const ev = evidenceFor(x, 'award', recipient, award).map((e) => evidenceEntry({ article: art, sentence: e.text, start: e.start, end: e.end }));
    bb.addEdge('AWARDED', { from, to: 'Conference', source: rid, target: conf, awardId: awd, award: award.trim(), giver, sources: src, evidence: ev });
    bb.addEdge('RECEIVED', { from, to: 'Award', source: rid, target: awd, conferenceId: conf, sources: src, evidence: ev });
    awarded.add(toneKey(recipient));
  };
  for (const a of x.awards) addAward(a.recipient, a.award, a.giver, a.recipientLocality);
  // A person marked 'awarded' whom the award list does not name: keep the fact, with the award the evidence names.
  for (const p of x.people) {
    if (!p.roles.includes('awarded') || awarded.has(toneKey(p.name))) continue;
    const named = x.evidence.find((e) => e.kind === 'award' && e.person && toneKey(e.person) === toneKey(p.name));
    addAward(p.name, named?.value || 'Khen thưởng', null, null);
  }
}

/** The sightings of one fact: same kind, same person, same value; failing that, same kind and person. */
function evidenceFor(x: Extraction, kind: Evidence['kind'], person: string | null, value: string): SourceSentence[] {
  const all = x.evidence;
  const fp = person ? toneKey(person) : null;
  const fv = toneKey(value);
  const mine = all.filter((e) => e.kind === kind && (fp === null || (e.person !== null && toneKey(e.person) === fp)));
  const exact = mine.filter((e) => toneKey(e.value) === fv);
  const chosen = exact.length > 0 || fp === null ? exact : mine;
  return chosen.map((e) => x.sentences[e.sentence]!);
}

function personRow(name: string, scope: string, aliases: string[], sources: string[], date: string | null) {
  return { id: personId(name, scope), name: name.trim(), nameKey: toneKey(name), plainName: plainKey(name), scope, aliases, sources, provinces: [], gender: null, firstSeen: date, lastSeen: date, latestPost: null, mentions: 1 };
}

/** A list property's values: cleaned, empty ones dropped, each once. */
function dedupe(xs: string[]): string[] {
  return [...new Set(xs.map(clean).filter((x) => x !== ''))];
}
