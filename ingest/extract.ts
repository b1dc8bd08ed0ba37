import { createHash } from 'node:crypto';
import { analyzeLayout } from './boilerplate.js';
import { splitSentences, type Sentence } from './sentences.js';
import { findEventDate, parseHeaderMonth, parsePublicationDate, stampDate, yearHints } from './dates.js';
import { findConference } from './conference.js';
import { reportPlace } from './context.js';
import { mentionsIn, type Mention } from './mentions.js';
import { bodyAwards } from './awards.js';
import { completeOrganizers, organization, toPost, tidyBody, bodyLocality, homeUnitIn, COMMITTEE_OF, splitTerm, type PositionMark, type ReportContext } from './positions.js';
import { absorbedBy, aliasesOf, canonicalName, dedupePositions, mergeMark, mergePeople, type PersonDraft } from './people.js';
import { cleanText, fold, nameKey, toSourceText, squash } from './normalize.js';
import { findSuccessions, positionsOf, resolveShortForms, sentenceTime, type SentenceTime } from './careers.js';
import { CENTRAL_CITIES_AFTER, localityFor } from './gazetteer.js';
import { Extraction, type Evidence, type Role } from './extraction-schema.js';

/**
 * One report → one Extraction. Pure: text in, facts out. The stages run one way:
 * source text → cleaned text → layout (boilerplate dropped) → sentences → dates, conference,
 * place → mentions → people → facts with evidence.
 */
export function extractArticle(article: string, rawText: string): Extraction {
  const source = toSourceText(rawText);
  const text = cleanText(source);
  const layout = analyzeLayout(text);
  const sentences = splitSentences(text, layout.body);
  const lines = layout.body;
  // The lead: the first sentences of the first real paragraph (the headline is not one).
  const leadStart = Math.max(
    0,
    sentences.findIndex((s) => lines[s.line] !== layout.headlineLine && lines[s.line]!.text.trim().split(/\s+/).length >= 15),
  );
  const lead = sentences.slice(leadStart, leadStart + 5);

  const header = parseHeaderMonth(text);
  const publishedDate = layout.publicationLine ? parsePublicationDate(layout.publicationLine.text) : null;
  // Without a publication line or a stamp, the year comes from the report's own words.
  const event = findEventDate(lead, publishedDate, header, publishedDate || header ? null : yearHints(sentences, lead));
  // The date a career step is seen at: the event's, else the publication's, else the archive stamp's.
  const reportDate = event?.iso ?? publishedDate ?? stampDate(header);
  const conf = findConference(lead, sentences, layout.headline);
  const place = reportPlace(sentences, conf.sentence, layout.publisher);

  // The report's home committee: its organizer's ('Thành ủy Hạ Long', 'Ban Dân vận Tỉnh ủy ...'), else its province's.
  // A council's term ('khóa VIII') is not part of the body's name; the organizer keeps it as written.
  const organizerTerms = conf.organizers.map((o) => splitTerm(tidyBody(o.text)));
  const organizerNames = organizerTerms.map((t) => t.core);
  const cityHome = place.city ?? (place.province && CENTRAL_CITIES_AFTER.includes(place.province) ? place.province : null);
  const home = organizerNames.map(homeUnitIn).find(Boolean) ?? (cityHome ? { kind: 'thành phố' as const, name: cityHome } : null);
  const ctx: ReportContext = {
    province: place.province,
    home,
    homeCommittee: home
      ? `${COMMITTEE_OF[home.kind]} ${home.name}`
      : place.province
        ? `Tỉnh ủy ${place.province}`
        : organizerNames.some((o) => /Tỉnh ủy|tỉnh/u.test(o))
          ? 'Tỉnh ủy'
          : null,
  };

  const evidence: Evidence[] = [];
  // Each sentence evidence points at is stored once; evidence holds its index.
  const sentenceTable: { text: string; start: number; end: number }[] = [];
  const sentenceIndex = new Map<number, number>();
  const sourceOf = (s: Sentence): number => {
    let i = sentenceIndex.get(s.start);
    if (i === undefined) {
      i = sentenceTable.length;
      sentenceTable.push({ text: source.slice(s.start, s.end), start: s.start, end: s.end });
      sentenceIndex.set(s.start, i);
    }
    return i;
  };
  const organizerBodies = completeOrganizers(organizerNames, ctx);
  const organizers = organizerBodies.map((o, i) => (organizerTerms[i]!.term ? `${o}${organizerTerms[i]!.sep}${organizerTerms[i]!.term}` : o));
  conf.organizers.forEach((o, i) => {
    if (conf.sentence) evidence.push({ kind: 'organizer', person: null, value: organizers[i]!, sentence: sourceOf(conf.sentence) });
  });
  if (event) {
    const s = sentences.find((x) => x.start <= event.start && event.end <= x.end);
    if (s) evidence.push({ kind: 'date', person: null, value: event.iso, sentence: sourceOf(s) });
  }

  // Mentions → people.
  // A line ending in ':' opens a list; the bulleted lines after it take its cue.
  let intro: Sentence | null = null;
  const mentions: Mention[] = sentences.flatMap((s, i) => {
    const prev = sentences[i - 1];
    if (prev && /:\s*$/.test(prev.text) && prev.line !== s.line) intro = prev;
    else if (!/^\s*[-+•*–]/u.test(s.text) || (prev && prev.line === s.line)) intro = null;
    return mentionsIn(s, intro);
  });
  const kept = resolveShortForms(mentions.filter((m) => m.honorific || m.positions.length || m.shared.length || m.roles.size));
  const times = new Map<Sentence, SentenceTime>();
  const timeOf = (s: Sentence) => {
    let t = times.get(s);
    if (t === undefined) times.set(s, (t = sentenceTime(s.text, reportDate)));
    return t;
  };
  const mentionPositions = kept.map(({ m }) => positionsOf(m, timeOf(m.sentence), ctx));
  const drafts: PersonDraft[] = kept.map(({ m, as }, i) => {
    const marks = new Map<string, PositionMark>();
    for (const p of mentionPositions[i]!) if (p.mark) mergeMark(marks, fold(p.text), p.mark);
    return {
      spellings: [source.slice(as.name.start, as.name.end)],
      positions: dedupePositions(mentionPositions[i]!.map((p) => p.text), marks),
      roles: new Set(m.roles),
      locality: m.locality,
      honorific: m.honorific,
      mentions: [i],
      marks,
      gender: m.gender,
    };
  });
  // A participant does something at the event, holds or is given a post, or is introduced as a person
  // ('ông X', 'đồng chí X'); a name in passing ('Đại tướng Võ Nguyên Giáp', 'Chỉ thị của Thủ tướng X') is not.
  const keepDraft = (d: PersonDraft) =>
    d.roles.size > 0 ||
    d.mentions.some((i) => kept[i]!.m.personal) ||
    [...(d.marks?.values() ?? [])].some((mk) => mk.change) ||
    (d.positions.length > 0 && d.mentions.some((i) => !kept[i]!.m.passing));
  const merged = mergePeople(drafts).filter(keepDraft);

  const people = merged.map((d) => {
    const name = canonicalName(d.spellings.map((s) => squash(cleanText(s))));
    const positions = dedupePositions(d.positions, d.marks);
    return {
      name,
      aliases: aliasesOf(name, d.spellings.map(squash)),
      positions,
      posts: positions.map((p) => toPost(p, ctx, d.marks?.size ? d.marks.get(fold(p)) : null)),
      roles: [...d.roles].sort() as Role[],
      locality: d.locality ? localityOf(d.locality, ctx) : null,
      gender: d.gender ?? (/(?:^|\s)thị(?:\s|$)/u.test(nameKey(name)) ? ('female' as const) : null),
      _mentions: d.mentions,
    };
  });
  const personOfMention = new Map<Mention, (typeof people)[number]>();
  for (const p of people) for (const mi of p._mentions) personOfMention.set(kept[mi]!.m, p);

  const awards: Extraction['awards'] = [];
  const awarded = new Set<string>();
  for (const p of people) {
    for (const mi of p._mentions) {
      const m = kept[mi]!.m;
      const s = m.sentence;
      for (const r of m.roles) evidence.push({ kind: 'role', person: p.name, value: r, sentence: sourceOf(s) });
      for (const pos of drafts[mi]!.positions) {
        // A position the person's list dropped for a fuller one points at that one.
        const value = absorbedBy(pos, p.positions) ?? pos;
        evidence.push({ kind: 'position', person: p.name, value, sentence: sourceOf(s) });
      }
      if (m.award && !awarded.has(`${p.name}\u0000${m.award.name}`)) {
        awarded.add(`${p.name}\u0000${m.award.name}`);
        awards.push({ recipient: p.name, award: m.award.name, giver: m.award.giver, recipientLocality: m.locality });
        evidence.push({ kind: 'award', person: p.name, value: m.award.name, sentence: sourceOf(s) });
      }
    }
  }
  // Awards to named bodies ('Sở Y tế vinh dự đón nhận Huân chương …').
  for (const s of sentences) {
    for (const a of bodyAwards(s)) {
      const k = `${a.recipient}\u0000${a.award}`;
      if (awarded.has(k)) continue;
      awarded.add(k);
      awards.push({ recipient: a.recipient, award: a.award, giver: a.giver, recipientLocality: null });
      evidence.push({ kind: 'award', person: a.recipient, value: a.award, sentence: sourceOf(s) });
    }
  }
  const successions = findSuccessions(people, kept.map((k) => k.m), mentionPositions, personOfMention, (m) => sourceOf(m.sentence));
  for (const x of successions) evidence.push({ kind: 'succession', person: x.successor, value: x.post, sentence: x.sentence });

  const organizerOrgs = organizerBodies.map((o) => organization(o, ctx));
  const centralOrPlace = conf.centralPoint ?? conf.place;
  const orgPlace = organizerOrgs.map((o) => o.locality).find((l) => l && l.level !== 'country') ?? null;
  const locality = centralOrPlace ? localityFor(centralOrPlace) : orgPlace ?? (place.province ? localityFor(place.province) : null);

  return Extraction.parse({
    article,
    contentHash: createHash('sha256').update(source).digest('hex'),
    headline: layout.headline,
    publisher: layout.publisher,
    eventDate: event?.iso ?? null,
    publishedDate,
    province: place.province,
    conference: {
      title: conf.title,
      organizers,
      organizerOrgs,
      locality: locality?.name ?? null,
      place: locality,
      online: conf.online,
      bridgePoints: conf.bridgePoints,
    },
    reportDate,
    reportDateBasis: event ? 'event' : publishedDate ? 'published' : reportDate ? 'stamp' : null,
    people: people.map(({ _mentions, ...p }) => p),
    awards,
    successions,
    sentences: sentenceTable,
    evidence,
  });
}

function localityOf(text: string, ctx: ReportContext) {
  const org = bodyLocality(text, ctx);
  return org ?? { name: text, level: 'commune' as const, parent: ctx.home?.name ?? ctx.province };
}
