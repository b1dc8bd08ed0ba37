import type { Evidence, Extraction, Locality as ExtLocality, Organization as ExtOrganization } from '../ingest/extraction-schema.js';
import { ABBREVIATIONS, expandAbbreviations } from '../ingest/lexicon.js';
import { fold, toneKey } from '../ingest/normalize.js';
import type { BatchBuilder } from './batch.js';
import {
  NATIONAL,
  UNKNOWN_SCOPE,
  articleId,
  awardId,
  clean,
  conferenceId,
  evidencePointer,
  sentenceEntry,
  localityId,
  mentionId,
  nameBlockId,
  pendingId,
  organizationId,
  placeKey,
  positionId,
} from './ids.js';
import { MAX_CO_NAMES, coNameKey, type MentionData, type MentionPost, type MentionRecord } from './mention-record.js';
import { EDGE_OF_ROLE } from './schema.js';

/**
 * Pure: one extraction → its article-level rows (Article, Conference, bodies, posts, places,
 * awards, and one Mention per person it names) added to a BatchBuilder, plus the mention records
 * person resolution clusters. Nothing here decides who a person is across reports: the Person
 * layer is built later from the mentions (graph/resolve.ts, graph/person-layer.ts).
 */

/**
 * The province gazetteer hook (graph/gazetteer.ts plugs ingest/gazetteer.ts in): a province
 * name's canonical spelling and, for the 63 pre-2025 provinces, the province it became part of.
 */
export interface ProvinceGazetteer {
  /** Canonical name of a province ('tp hcm' → 'Thành phố Hồ Chí Minh'), or null when unknown. */
  canonical(name: string): string | null;
  /** The post-merger province this one became part of (null when unchanged or unknown). */
  mergedInto(name: string): string | null;
  /** Date the merger took effect (YYYY-MM-DD). */
  mergerDate: string;
}

export const COUNTRY = 'Việt Nam';

// Bodies of the Party and State at national level; a name that also names a province, district
// or commune ('Đoàn ĐBQH tỉnh ...', 'Ủy ban MTTQ Việt Nam tỉnh ...') is local, whatever else it says.
const NATIONAL_BODY = /trung ương|bộ chính trị|ban bí thư|quốc hội|chính phủ|thủ tướng|chủ tịch nước|văn phòng nhà nước|việt nam|^bộ |^tổng cục /u;
const LOCAL_WORD = /(^|\s)(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|tỉnh ủy|thành ủy|huyện ủy|quận ủy|thị ủy|đảng ủy)(\s|$)/u;
const COMMUNE_WORD = /^(xã|phường|thị trấn|đặc khu)\s/u;
// Award recipients that are collectives rather than people.
const COLLECTIVE = /^(tập thể|ban|hội|đoàn|ủy ban|ubnd|hđnd|mặt trận|ủy ban mặt trận|tỉnh ủy|thành ủy|huyện ủy|đảng ủy|chi bộ|chi hội|công ty|trường|phòng|sở|cục|liên đoàn|liên minh|hợp tác xã|htx|văn phòng|trung tâm|bệnh viện|công an|bộ chỉ huy|ban chỉ huy|xã|phường|thị trấn|huyện|thôn|bản|ấp|khu phố|tổ dân phố|gia đình)(\s|$)/u;

/** Adds one extraction's article-level rows to `bb`; returns its mentions. */
export function addArticleRows(bb: BatchBuilder, x: Extraction, gz: ProvinceGazetteer | null): MentionRecord[] {
  const art = articleId(x.contentHash);
  const reportDate = x.reportDate ?? x.eventDate ?? x.publishedDate;
  const asOf = x.publishedDate ?? reportDate;
  const province = x.province ? (gz?.canonical(x.province) ?? x.province.trim()) : null;
  const reportScope = province ? placeKey(province) : UNKNOWN_SCOPE;
  const src = [art];
  const evOf = (es: number[]): string[] => [...new Set(es.map((i) => evidencePointer(art, i)))];
  const evIdx = (es: number[]): number[] => [...new Set(es)];

  bb.addNode('Article', {
    id: art,
    file: x.article,
    contentHash: x.contentHash,
    headline: x.headline,
    publisher: x.publisher,
    publishedDate: x.publishedDate,
    eventDate: x.eventDate,
    province,
    sentences: x.sentences.map(sentenceEntry),
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

  /** The level and canonical province of a body, for career reasoning and the career export. */
  const placeOfOrg = (o: ExtOrganization): { level: string; province: string } => {
    const scope = scopeOfOrg(o);
    if (scope === NATIONAL) return { level: 'national', province: '' };
    const level = o.locality?.level === 'country' ? 'national' : (o.locality?.level ?? (scope === UNKNOWN_SCOPE ? '' : 'province'));
    const provName =
      o.locality?.level === 'province' ? o.locality.name : o.locality?.parent && gz?.canonical(o.locality.parent) ? o.locality.parent : scope === reportScope ? province : null;
    return { level, province: provName ? (gz?.canonical(provName) ?? provName.trim()) : '' };
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
    bb.addEdge('ORGANIZED', { from: 'Organization', to: 'Conference', source: organizerIds[i]!, target: conf, sources: src, evidence: evOf(evidenceFor(x, 'organizer', null, o.name)) });
  });

  // ---- mentions: what the report says of each person -------------------------------------
  const byKey = new Map<string, MentionData>();
  const order: string[] = [];
  const mentionOf = (name: string): MentionData => {
    const key = toneKey(name);
    let m = byKey.get(key);
    if (!m) {
      m = { article: art, date: reportDate, asOf, name: name.trim(), aliases: [], gender: null, province, posts: [], roles: [], awards: [], co: [], after: [] };
      byKey.set(key, m);
      order.push(key);
    }
    return m;
  };
  const spellings = new Map<string, string>();
  // Each position as the report writes it (Person.positions[i] = posts[i].text) → its Position id, per person.
  const postOfText = new Map<string, string>();

  for (const p of x.people) {
    const m = mentionOf(p.name);
    m.aliases = dedupe([...m.aliases, ...p.aliases]);
    m.gender ??= p.gender ?? null;
    spellings.set(toneKey(p.name), toneKey(p.name));
    for (const a of p.aliases) if (!spellings.has(toneKey(a))) spellings.set(toneKey(a), toneKey(p.name));

    const posts = p.posts.length > 0 ? p.posts : p.positions.map((t) => ({ text: t, title: t, org: null, status: 'current' as const, acting: false, change: null, event: null }));
    for (const post of posts) {
      const orgId = post.org ? addOrg(post.org) : null;
      const where = post.org ? placeOfOrg(post.org) : { level: '', province: province ?? '' };
      const scope = post.org ? scopeOfOrg(post.org) : reportScope;
      const posId = bb.addNode('Position', {
        id: positionId(post.title, orgId, scope),
        title: post.title.trim(),
        body: post.org?.name.trim() ?? '',
        text: post.text.trim(),
        plain: plainPost(post.title, post.org?.name ?? ''),
        level: where.level,
        province: where.province,
      });
      if (orgId) bb.addEdge('OF', { from: 'Position', to: 'Organization', source: posId, target: orgId });
      postOfText.set(`${toneKey(p.name)}\u0000${post.text.trim()}`, posId);
      const mp: MentionPost = {
        pos: posId,
        title: post.title.trim(),
        org: orgId,
        body: post.org?.name.trim() ?? '',
        level: where.level,
        province: where.province,
        status: post.status,
        acting: post.acting,
        change: post.change,
        event: post.event,
        ev: evIdx(evidenceFor(x, 'position', p.name, post.text)),
      };
      const same = m.posts.find((q) => q.pos === mp.pos);
      if (same) mergePost(same, mp);
      else m.posts.push(mp);
    }

    for (const role of [...new Set(p.roles)]) {
      if (role === 'awarded') continue; // carried by x.awards below
      m.roles.push({ edge: EDGE_OF_ROLE[role], conf, ev: evIdx(evidenceFor(x, 'role', p.name, role)) });
    }
  }

  // ---- awards ----------------------------------------------------------------------------
  const awarded = new Set<string>();
  const addAward = (recipient: string, award: string, giver: string | null, recipientLocality: string | null): void => {
    const known = spellings.get(toneKey(recipient));
    const awd = bb.addNode('Award', { id: awardId(award, giver, reportScope), name: award.trim() });
    const evIdxs = evidenceFor(x, 'award', recipient, award);
    const ev = evOf(evIdxs);
    awarded.add(toneKey(recipient));
    if (!known && COLLECTIVE.test(toneKey(recipient))) {
      const loc: ExtLocality | null = recipientLocality ? { name: recipientLocality, level: 'commune', parent: province } : null;
      const rid = addOrg({ name: recipient, kind: 'other', locality: loc && placeKey(recipientLocality!) === reportScope ? null : loc });
      bb.addEdge('AWARDED', { from: 'Organization', to: 'Conference', source: rid, target: conf, awardId: awd, award: award.trim(), giver, sources: src, evidence: ev });
      bb.addEdge('RECEIVED', { from: 'Organization', to: 'Award', source: rid, target: awd, conferenceId: conf, sources: src, evidence: ev });
      return;
    }
    const m = known ? byKey.get(known)! : mentionOf(recipient);
    if (!m.awards.some((a) => a.award === awd)) m.awards.push({ conf, award: awd, name: award.trim(), giver, ev: evIdx(evIdxs) });
  };
  for (const a of x.awards) addAward(a.recipient, a.award, a.giver, a.recipientLocality);
  // A person marked 'awarded' whom the award list does not name: keep the fact, with the award the evidence names.
  for (const p of x.people) {
    if (!p.roles.includes('awarded') || awarded.has(toneKey(p.name))) continue;
    const named = x.evidence.find((e) => e.kind === 'award' && e.person && toneKey(e.person) === toneKey(p.name));
    addAward(p.name, named?.value || 'Khen thưởng', null, null);
  }

  // ---- stated successions: the successor's mention points at the predecessor's -----------
  for (const s of x.successions) {
    const succ = spellings.get(toneKey(s.successor));
    const pred = spellings.get(toneKey(s.predecessor));
    if (!succ || !pred || succ === pred) continue;
    const m = byKey.get(succ)!;
    // The post as the successor's positions write it; failing that, the one this report starts.
    const pos = postOfText.get(`${toneKey(s.successor)}\u0000${s.post.trim()}`) ?? m.posts.find((p) => p.change === 'start' && fold(s.post).startsWith(fold(p.title)))?.pos ?? null;
    if (!pos) continue;
    m.after.push({ pos, predecessor: mentionId(art, pred), ev: s.sentence < x.sentences.length ? [s.sentence] : [] });
  }

  // ---- mention rows ----------------------------------------------------------------------
  const out: MentionRecord[] = [];
  for (const key of order) {
    const data = byKey.get(key)!;
    data.co = order.filter((k) => k !== key).slice(0, MAX_CO_NAMES).map(coNameKey);
    const id = mentionId(art, key);
    const block = nameBlockId(key);
    bb.addNode('Name', { id: block, key, judgements: null });
    bb.addNode('Pending', { id: pendingId(block), kind: 'name', target: block });
    bb.addNode('Mention', { id, article: art, name: data.name, nameKey: key, date: data.date, data: JSON.stringify(data) });
    bb.addEdge('NAMED', { from: 'Mention', to: 'Name', source: id, target: block });
    out.push({ id, nameKey: key, data });
  }
  return out;
}

/** Two sightings of one post in one report: the stronger statement wins (an event over none, current over former). */
function mergePost(into: MentionPost, next: MentionPost): void {
  if (next.status === 'current') into.status = 'current';
  into.acting ||= next.acting;
  into.change ??= next.change;
  into.event ??= next.event;
  into.ev = [...new Set([...into.ev, ...next.ev])].sort((a, b) => a - b);
}

/** The sightings of one fact (indexes into the extraction's sentences): same kind, same person, same value; failing that, same kind and person. */
function evidenceFor(x: Extraction, kind: Evidence['kind'], person: string | null, value: string): number[] {
  const fp = person ? toneKey(person) : null;
  const fv = toneKey(value);
  const mine = x.evidence.filter((e) => e.kind === kind && (fp === null || (e.person !== null && toneKey(e.person) === fp)));
  const exact = mine.filter((e) => toneKey(e.value) === fv);
  const chosen = exact.length > 0 || fp === null ? exact : mine;
  return chosen.map((e) => e.sentence).filter((i) => i < x.sentences.length);
}

/** A post as typed by anyone: abbreviations expanded, diacritics and case folded ('Chủ tịch UBND tỉnh X' = 'chu tich uy ban nhan dan tinh x'). */
export function plainPost(title: string, body: string): string {
  return fold(expandAbbreviations([title, body].filter(Boolean).join(' '))).replace(TYPED_ABBR_RE, (m) => TYPED_ABBR.get(m) ?? m);
}

// Abbreviations typed in lower case ('chu tich ubnd tinh …'): the folded forms of three letters or
// more (shorter ones are also ordinary syllables: 'tu', 'tt').
const TYPED_ABBR = new Map(ABBREVIATIONS.map(([a, full]) => [fold(a), fold(full)] as const).filter(([a]) => a.length >= 3 && !a.includes(' ')));
const TYPED_ABBR_RE = new RegExp(`\\b(${[...TYPED_ABBR.keys()].join('|')})\\b`, 'g');

/** A list property's values: cleaned, empty ones dropped, each once. */
export function dedupe(xs: string[]): string[] {
  return [...new Set(xs.map(clean).filter((x) => x !== ''))];
}
